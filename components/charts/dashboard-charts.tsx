"use client";

import Link from "next/link";
import { ChartFrame, seriesColors, type ChartTable, type LegendItem } from "@/components/ui/chart";
import {
  ChartPlot,
  Dot,
  HBar,
  LinePath,
  VBar,
  categoryTicks,
  timeLabels,
  valueTicks,
  type AxisTick,
} from "@/components/ui/chart-plot";
import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { cn, focusRing } from "@/components/ui/class-names";
import {
  labelMinWidth,
  linearPercent,
  linearTicks,
  logPercent,
  logTicks,
  slotCenter,
  stack,
} from "@/lib/chart-scale";
import { formatCompact, formatDuration, formatNumber, formatPercent } from "@/lib/format";

/*
 * The dashboard's charts. Each takes data and formatters only, and draws through components/ui/chart-plot.tsx
 * in percentages of its plot, so the server's HTML already holds it as the browser will show it.
 */

/** Which buckets are still filling: the tail from `partialFrom` on (see lib/time/partial.ts). */
type Partial = {
  /** Index of the first partial bucket; absent or `data.length` when every bucket is over. */
  partialFrom?: number;
};

/** The legend entry that explains the faded, dashed tail. */
const PARTIAL_LEGEND: LegendItem = {
  key: "partial",
  label: "Still filling (so far)",
  color: "var(--muted)",
  shape: "dashed",
};

/** Long labels (tooltip, table) say "so far" on a partial bucket. */
function soFar(data: readonly { bucket: string }[], partialFrom: number, long: (b: string) => string) {
  const partial = new Set(data.slice(partialFrom).map((d) => d.bucket));
  return (bucket: string) => (partial.has(bucket) ? `${long(bucket)} (so far)` : long(bucket));
}

/** Axis widths: "$12.3k" / "850 ms" at 11 px; counts ("1.5k") and percentages need less. */
const VALUE_AXIS = 56;
const COUNT_AXIS = 44;
const RATE_AXIS = 40;
const TIME_AXIS_HEIGHT = 24;
/** A bar takes 80 % of its bucket's band. */
const BAR_SHARE = 80;

export type StackedCostChartProps = Partial & {
  data: readonly { bucket: string; values: Record<string, number> }[];
  /** Already reduced to the top N plus "other" by the caller, in stacking order (bottom first). */
  series: readonly { key: string; label: string; href?: string }[];
  formatBucket: (bucket: string) => string;
  /** Long bucket label for tooltip and table ("Mon, Mar 9, 2026"); defaults to `formatBucket`. */
  formatBucketLong?: (bucket: string) => string;
  formatValue: (value: number) => string;
  /** Axis ticks; defaults to `formatValue` (pass formatCompactMoney when totals run into thousands). */
  formatAxisValue?: (value: number) => string;
  ariaLabel: string;
  height?: number;
};

/** Cost per bucket stacked by model. */
export function StackedCostChart({
  data,
  series,
  formatBucket,
  formatBucketLong = formatBucket,
  formatValue,
  formatAxisValue = formatValue,
  ariaLabel,
  height = CHART_HEIGHT,
  partialFrom = data.length,
}: StackedCostChartProps) {
  const colors = seriesColors(series.map((s) => s.key));
  const long = soFar(data, partialFrom, formatBucketLong);
  const values = data.map((d) => series.map((s) => d.values[s.key] ?? 0));
  const totals = values.map((v) => v.reduce((a, b) => a + b, 0));
  // Whole amounts on the axis once there is more than a few dollars to show.
  const maxTotal = Math.max(0, ...totals);
  const ticks = linearTicks(maxTotal, { integers: maxTotal >= 4 });
  const top = ticks[ticks.length - 1] ?? 1;

  const table: ChartTable = {
    rowHeader: "Period",
    columns: [...series.map((s) => s.label), "Total"],
    rows: data.map((d, i) => ({
      key: d.bucket,
      label: long(d.bucket),
      values: [...(values[i] ?? []).map(formatValue), formatValue(totals[i] ?? 0)],
    })),
  };

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={data.length === 0 || series.length === 0}
      legend={[
        ...series.map((s, i) => ({ key: s.key, label: s.label, href: s.href, color: colors[i] ?? "" })),
        ...(partialFrom < data.length ? [PARTIAL_LEGEND] : []),
      ]}
      table={table}
    >
      <ChartPlot
        left={{ width: VALUE_AXIS, ticks: valueTicks(ticks, formatAxisValue) }}
        bottom={{
          height: TIME_AXIS_HEIGHT,
          ticks: categoryTicks(timeLabels(data, formatBucket), "band", VALUE_AXIS + 8),
        }}
        grid="rows"
        keyboardLabel="Cost chart: arrow keys read one period at a time"
        hover={{
          count: data.length,
          along: "x",
          layout: "band",
          cursor: "band",
          tooltip: (i) => ({
            label: long(data[i]?.bucket ?? ""),
            // Top of the stack first, as the eye reads it; zero rows left out, they push the useful ones apart.
            rows: series
              .map((s, k) => ({ key: s.key, name: s.label, color: colors[k] ?? "", v: values[i]?.[k] ?? 0 }))
              .filter((r) => r.v !== 0)
              .reverse()
              .map(({ v, ...r }) => ({ ...r, value: formatValue(v) })),
            total: { label: "Total", value: formatValue(totals[i] ?? 0) },
          }),
        }}
      >
        {values.flatMap((parts, i) =>
          stack(parts).map(([from, to], k) =>
            to > from ? (
              <VBar
                key={`${i}-${k}`}
                at={slotCenter(i, data.length, "band")}
                size={BAR_SHARE / data.length}
                from={linearPercent(from, top)}
                to={linearPercent(to, top)}
                color={colors[k] ?? ""}
                partial={i >= partialFrom}
              />
            ) : null,
          ),
        )}
      </ChartPlot>
    </ChartFrame>
  );
}

export type RequestsChartProps = Partial & {
  data: readonly { bucket: string; requests: number; user_errors: number; server_errors: number }[];
  formatBucket: (bucket: string) => string;
  /** Long bucket label for tooltip and table; defaults to `formatBucket`. */
  formatBucketLong?: (bucket: string) => string;
  ariaLabel: string;
  height?: number;
};

// Fixed roles, not palette order: 5xx must look alarming and 4xx cautionary wherever they appear.
const REQUEST_COLORS = {
  ok: "var(--chart-2)",
  user: "var(--chart-4)",
  server: "var(--danger)",
  rate: "var(--foreground)",
} as const;

// Right-axis ceilings whose quarters are whole percentages, so the four ticks read 1/2/3/4 %, 5/10/15/20 % …
const RATE_CEILINGS = [0.04, 0.08, 0.2, 0.4, 0.8, 1] as const;

function rateTicks(maxRate: number): number[] {
  const ceiling = RATE_CEILINGS.find((c) => maxRate <= c) ?? 1;
  return [0, ceiling / 4, ceiling / 2, (3 * ceiling) / 4, ceiling];
}

/** The stacked parts of a request bar, bottom first. */
const REQUEST_STACK = [
  { key: "ok", name: "Successful" },
  { key: "user", name: "4xx" },
  { key: "server", name: "5xx" },
] as const;

const REQUEST_LEGEND: readonly LegendItem[] = [
  { key: "ok", label: "Successful", color: REQUEST_COLORS.ok },
  { key: "user", label: "4xx (caller errors)", color: REQUEST_COLORS.user },
  { key: "server", label: "5xx (fal errors)", color: REQUEST_COLORS.server },
  { key: "rate", label: "Error rate (right axis)", color: REQUEST_COLORS.rate, shape: "line" },
];

/**
 * Requests per bucket as one stacked bar (successful = requests − 4xx − 5xx, then 4xx, then 5xx; the
 * heights add up to the request count) and the error rate on a right-hand percent axis. The rate uses the
 * same definition as the model table: (4xx + 5xx) / requests, and is absent, not 0%, for a bucket without
 * requests.
 */
export function RequestsChart({
  data,
  formatBucket,
  formatBucketLong = formatBucket,
  ariaLabel,
  height = CHART_HEIGHT,
  partialFrom = data.length,
}: RequestsChartProps) {
  const long = soFar(data, partialFrom, formatBucketLong);
  const rows = data.map((d) => ({
    bucket: d.bucket,
    requests: d.requests,
    // fal does not promise request_count = success + 4xx + 5xx; clamp so a bar never goes negative.
    ok: Math.max(0, d.requests - d.user_errors - d.server_errors),
    user: d.user_errors,
    server: d.server_errors,
    rate: d.requests > 0 ? (d.user_errors + d.server_errors) / d.requests : null,
  }));

  const counts = linearTicks(Math.max(0, ...rows.map((r) => r.ok + r.user + r.server)), { integers: true });
  const countTop = counts[counts.length - 1] ?? 1;
  // Five ticks on both axes, so they share the grid lines.
  const rates = rateTicks(Math.max(0, ...rows.map((r) => r.rate ?? 0)));
  const rateTop = rates[rates.length - 1] ?? 1;
  const n = rows.length;
  const ratePoint = (i: number) => {
    const rate = rows[i]?.rate;
    return rate === null || rate === undefined
      ? null
      : { x: slotCenter(i, n, "band"), y: linearPercent(rate, rateTop) };
  };

  const table: ChartTable = {
    rowHeader: "Period",
    columns: ["Requests", "4xx", "5xx", "Error rate"],
    rows: rows.map((r) => ({
      key: r.bucket,
      label: long(r.bucket),
      values: [formatNumber(r.requests), formatNumber(r.user), formatNumber(r.server), formatPercent(r.rate)],
    })),
  };

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={n === 0}
      legend={partialFrom < n ? [...REQUEST_LEGEND, PARTIAL_LEGEND] : REQUEST_LEGEND}
      table={table}
    >
      <ChartPlot
        left={{ width: COUNT_AXIS, ticks: valueTicks(counts, formatCompact) }}
        right={{ width: RATE_AXIS, ticks: valueTicks(rates, (v) => formatPercent(v, 0)) }}
        bottom={{
          height: TIME_AXIS_HEIGHT,
          ticks: categoryTicks(timeLabels(rows, formatBucket), "band", COUNT_AXIS + RATE_AXIS),
        }}
        grid="rows"
        keyboardLabel="Requests chart: arrow keys read one period at a time"
        hover={{
          count: n,
          along: "x",
          layout: "band",
          cursor: "band",
          tooltip: (i) => {
            const r = rows[i];
            if (!r) return { label: "", rows: [] };
            return {
              label: long(r.bucket),
              rows: [
                ...(r.rate === null
                  ? []
                  : [
                      {
                        key: "rate",
                        name: "Error rate",
                        color: REQUEST_COLORS.rate,
                        value: formatPercent(r.rate),
                      },
                    ]),
                ...[...REQUEST_STACK].reverse().map((part) => ({
                  key: part.key,
                  name: part.name,
                  color: REQUEST_COLORS[part.key],
                  value: formatNumber(r[part.key]),
                })),
              ],
              total: { label: "Requests", value: formatNumber(r.requests) },
            };
          },
          highlight: (i) => {
            const p = ratePoint(i);
            return p ? <Dot {...p} r={3.5} color={REQUEST_COLORS.rate} mark={false} /> : null;
          },
        }}
      >
        {rows.flatMap((r, i) =>
          stack(REQUEST_STACK.map((part) => r[part.key])).map(([from, to], k) =>
            to > from ? (
              <VBar
                key={`${i}-${k}`}
                at={slotCenter(i, n, "band")}
                size={BAR_SHARE / n}
                from={linearPercent(from, countTop)}
                to={linearPercent(to, countTop)}
                color={REQUEST_COLORS[REQUEST_STACK[k]?.key ?? "ok"]}
                partial={i >= partialFrom}
              />
            ) : null,
          ),
        )}
        {/* A gap in the line marks buckets without traffic rather than bridging them. */}
        <LinePath points={rows.map((_, i) => ratePoint(i))} color={REQUEST_COLORS.rate} width={1.5} />
        {n <= 2
          ? rows.map((_, i) => {
              const p = ratePoint(i);
              return p ? <Dot key={i} {...p} r={3} color={REQUEST_COLORS.rate} /> : null;
            })
          : null}
      </ChartPlot>
    </ChartFrame>
  );
}

export type ActivityChartProps = Partial & {
  data: readonly { bucket: string; counts: Record<string, number> }[];
  /** e.g. photo.generated / photo.viewed / photo.shared with their display labels. */
  types: readonly { key: string; label: string }[];
  formatBucket: (bucket: string) => string;
  /** Long bucket label for tooltip and table; defaults to `formatBucket`. */
  formatBucketLong?: (bucket: string) => string;
  ariaLabel: string;
  height?: number;
};

/**
 * Events over time, one line per type. Lines, not stacked areas: views, generations and shares are
 * different things, and a stacked total of them would be a number nobody asked for.
 */
export function ActivityChart({
  data,
  types,
  formatBucket,
  formatBucketLong = formatBucket,
  ariaLabel,
  height = CHART_HEIGHT,
  partialFrom = data.length,
}: ActivityChartProps) {
  const colors = seriesColors(types.map((t) => t.key));
  const long = soFar(data, partialFrom, formatBucketLong);
  const n = data.length;
  const ticks = linearTicks(Math.max(0, ...data.flatMap((d) => types.map((t) => d.counts[t.key] ?? 0))), {
    integers: true,
  });
  const top = ticks[ticks.length - 1] ?? 1;
  const point = (i: number, key: string) => ({
    x: slotCenter(i, n, "point"),
    y: linearPercent(data[i]?.counts[key] ?? 0, top),
  });
  const partial = partialFrom < n;
  // A single bucket has no segment to draw; a dot keeps it visible.
  const showDots = n <= 2;

  const table: ChartTable = {
    rowHeader: "Period",
    columns: types.map((t) => t.label),
    rows: data.map((d) => ({
      key: d.bucket,
      label: long(d.bucket),
      values: types.map((t) => formatNumber(d.counts[t.key] ?? 0)),
    })),
  };

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={n === 0 || types.length === 0}
      emptyMessage="No activity in this range"
      legend={[
        ...types.map((t, i) => ({
          key: t.key,
          label: t.label,
          color: colors[i] ?? "",
          shape: "line" as const,
        })),
        ...(partial ? [PARTIAL_LEGEND] : []),
      ]}
      table={table}
    >
      <ChartPlot
        left={{ width: COUNT_AXIS, ticks: valueTicks(ticks, formatCompact) }}
        bottom={{
          height: TIME_AXIS_HEIGHT,
          ticks: categoryTicks(timeLabels(data, formatBucket), "point", COUNT_AXIS + 8),
        }}
        grid="rows"
        keyboardLabel="Activity chart: arrow keys read one period at a time"
        hover={{
          count: n,
          along: "x",
          layout: "point",
          cursor: "line",
          tooltip: (i) => ({
            label: long(data[i]?.bucket ?? ""),
            rows: types.map((t, k) => ({
              key: t.key,
              name: t.label,
              color: colors[k] ?? "",
              value: formatNumber(data[i]?.counts[t.key] ?? 0),
            })),
          }),
          highlight: (i) =>
            types.map((t, k) => (
              <Dot key={t.key} {...point(i, t.key)} r={4} color={colors[k] ?? ""} mark={false} />
            )),
        }}
      >
        {types.map((t, k) => (
          // Straight segments (a smoothed curve invents values between sparse counts), solid over finished
          // buckets and continued dashed from the last finished one through the partial tail, so the current
          // bucket's low count reads as "so far", not as a fall.
          <g key={t.key}>
            <LinePath
              points={data.map((_, i) => (i < partialFrom ? point(i, t.key) : null))}
              color={colors[k] ?? ""}
            />
            {partial ? (
              <LinePath
                points={data.map((_, i) => (i >= partialFrom - 1 ? point(i, t.key) : null))}
                color={colors[k] ?? ""}
                dash="4 3"
                opacity={0.7}
              />
            ) : null}
            {data.map((_, i) =>
              i >= partialFrom - 1 && partial ? (
                <Dot key={i} {...point(i, t.key)} r={2.5} color={colors[k] ?? ""} />
              ) : showDots ? (
                <Dot key={i} {...point(i, t.key)} r={3} color={colors[k] ?? ""} />
              ) : null,
            )}
          </g>
        ))}
      </ChartPlot>
    </ChartFrame>
  );
}

export type PercentileRow = {
  /** Model (endpoint id) shown on the category axis. */
  label: string;
  /** The model's page; the axis label links there. */
  href?: string;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  q50: number | null;
  q90: number | null;
};

export type PercentileChartProps = {
  data: readonly PercentileRow[];
  ariaLabel: string;
  /** Fixed, so the section keeps its size from skeleton to chart whatever the number of models. */
  height: number;
};

const METRICS = [
  { key: "p50", label: "Run p50", color: "var(--chart-1)", opacity: 1 },
  { key: "p90", label: "Run p90", color: "var(--chart-1)", opacity: 0.6 },
  { key: "p95", label: "Run p95", color: "var(--chart-1)", opacity: 0.35 },
  { key: "q50", label: "Queue p50", color: "var(--chart-4)", opacity: 1 },
  { key: "q90", label: "Queue p90", color: "var(--chart-4)", opacity: 0.55 },
] as const satisfies readonly { key: keyof PercentileRow; label: string; color: string; opacity: number }[];

const PERCENTILE_LEGEND: readonly LegendItem[] = METRICS.map((m) => ({
  key: m.key,
  label: m.label,
  color: m.color,
  opacity: m.opacity,
}));

/** The model-name column; names longer than LABEL_CHARS are cut. */
const NAME_AXIS = 160;
const LABEL_CHARS = 21;
/** A model's bars take 82 % of its band. */
const GROUP_SHARE = 82;
/** Room right of the plot for the last duration label. */
const RIGHT = 16;

function formatAxisDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}

/**
 * Names read from the left; the full one is in the tooltip, the link's name and the table. Cut between
 * words, not inside one, so a linked label's accessible name (the full name) contains what is drawn.
 */
function cutLabel(s: string, maxChars = LABEL_CHARS): string {
  if (s.length <= maxChars) return s;
  const cut = s.slice(0, maxChars - 1);
  const end = cut.search(/[^\p{L}\p{N}]+[\p{L}\p{N}]*$/u);
  return `${end > 0 ? cut.slice(0, end) : cut}…`;
}

/**
 * Run-time and queue-time percentiles per model as horizontal grouped bars, in seconds, on a log axis:
 * one model taking minutes and another a second stay readable side by side. Shades of one colour per
 * family make "p50 < p90 < p95" readable as one growing group. A missing percentile is left out, never
 * drawn as a zero-length bar that would read as "instant"; a zero (no place on a log axis) is left out
 * too and reads in the table.
 */
export function PercentileChart({ data, ariaLabel, height }: PercentileChartProps) {
  const table: ChartTable = {
    rowHeader: "Model",
    columns: METRICS.map((m) => m.label),
    rows: data.map((d, i) => ({
      key: `${i}-${d.label}`,
      label: d.label,
      values: METRICS.map((m) => formatDuration(d[m.key])),
    })),
  };

  const plotted = (d: PercentileRow) =>
    METRICS.flatMap((m, j) => {
      const v = d[m.key];
      return v !== null && v > 0 ? [{ metric: m, j, v }] : [];
    });
  const values = data.flatMap((d) => plotted(d).map((p) => p.v));
  const ticks = values.length > 0 ? logTicks(Math.min(...values), Math.max(...values)) : [0.1, 1, 10];
  const lo = ticks[0] ?? 0.1;
  const hi = ticks[ticks.length - 1] ?? 10;
  const n = data.length;
  const labelPx = Math.max(...ticks.map((t) => formatAxisDuration(t).length)) * 6.5 + 16;

  const names: AxisTick[] = data.map((d, i) => {
    const drawn = cutLabel(d.label);
    return {
      key: `${i}-${d.label}`,
      at: slotCenter(i, n, "band"),
      label: d.href ? (
        <Link href={d.href} aria-label={d.label} title={d.label} className={cn("hover:underline", focusRing)}>
          {drawn}
        </Link>
      ) : (
        <span title={d.label}>{drawn}</span>
      ),
    };
  });

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={n === 0}
      legend={PERCENTILE_LEGEND}
      table={table}
    >
      <ChartPlot
        left={{ width: NAME_AXIS, ticks: names }}
        bottom={{
          height: TIME_AXIS_HEIGHT,
          ticks: ticks.map((t, i) => ({
            key: String(t),
            at: logPercent(t, lo, hi),
            label: formatAxisDuration(t),
            minWidth: labelMinWidth(i, ticks.length, {
              layout: "point",
              labelPx,
              fixedPx: NAME_AXIS + RIGHT,
            }),
          })),
        }}
        rightGap={RIGHT}
        grid="columns"
        keyboardLabel="Latency chart: arrow keys read one model at a time"
        hover={{
          count: n,
          along: "y",
          layout: "band",
          cursor: "band",
          tooltip: (i) => {
            const d = data[i];
            return {
              label: d?.label ?? "",
              rows: d
                ? plotted(d).map(({ metric, v }) => ({
                    key: metric.key,
                    name: metric.label,
                    color: `color-mix(in oklch, ${metric.color} ${metric.opacity * 100}%, transparent)`,
                    value: formatDuration(v),
                  }))
                : [],
            };
          },
        }}
      >
        {data.flatMap((d, i) =>
          plotted(d).map(({ metric, j, v }) => (
            <HBar
              key={`${i}-${metric.key}`}
              at={slotCenter(i, n, "band")}
              offset={j - (METRICS.length - 1) / 2}
              size={GROUP_SHARE / n / METRICS.length}
              length={logPercent(v, lo, hi)}
              color={metric.color}
              opacity={metric.opacity}
            />
          )),
        )}
      </ChartPlot>
    </ChartFrame>
  );
}
