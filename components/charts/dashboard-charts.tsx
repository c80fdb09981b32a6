"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  CHART_MARGIN,
  ChartFrame,
  categoryAxisProps,
  gridProps,
  seriesColors,
  tooltipProps,
  xAxisProps,
  xValueAxisProps,
  yAxisProps,
  type ChartTable,
  type LegendItem,
} from "@/components/ui/chart";
import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { formatCompact, formatDuration, formatNumber, formatPercent } from "@/lib/format";

/*
 * The dashboard's charts, in one module because they load as one chunk (components/dashboard/charts.tsx):
 * with a module each, every chart was its own chunk group, and the bundler copied recharts' Bar and Line
 * into several of them and could not hoist recharts' modules across chunks; one module loads 30 kB (gzip)
 * less. Each chart takes data and formatters only; styling comes from components/ui/chart.tsx.
 */

/**
 * The plotted rows, one per bucket with series i under `k${i}` (recharts reads a string dataKey as a
 * property path, and endpoint ids and activity types contain dots and slashes), and each series' colour.
 */
function plotSeries<D extends { bucket: string }>(
  data: readonly D[],
  series: readonly { key: string }[],
  values: (d: D) => Record<string, number>,
) {
  const rows = data.map((d) => {
    const row: Record<string, string | number> = { bucket: d.bucket };
    series.forEach((s, i) => {
      row[`k${i}`] = values(d)[s.key] ?? 0;
    });
    return row;
  });
  return { rows, colors: seriesColors(series.map((s) => s.key)) };
}

/** Which buckets are still filling: the tail from `partialFrom` on (see lib/time/partial.ts). */
type Partial = {
  /** Index of the first partial bucket; absent or `data.length` when every bucket is over. */
  partialFrom?: number;
};

const PARTIAL_OPACITY = 0.4;

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

/** One bar segment per bucket: a partial one faded with a dashed outline, so it never reads as a drop. */
function barCells(count: number, partialFrom: number, color: string) {
  return Array.from({ length: count }, (_, i) =>
    i >= partialFrom ? (
      <Cell
        key={i}
        fill={color}
        fillOpacity={PARTIAL_OPACITY}
        stroke={color}
        strokeDasharray="3 2"
        strokeWidth={1}
      />
    ) : (
      <Cell key={i} fill={color} />
    ),
  );
}

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
  const { rows, colors } = plotSeries(data, series, (d) => d.values);
  const long = soFar(data, partialFrom, formatBucketLong);
  const maxTotal = Math.max(0, ...data.map((d) => Object.values(d.values).reduce((a, b) => a + b, 0)));

  const table: ChartTable = {
    rowHeader: "Period",
    columns: [...series.map((s) => s.label), "Total"],
    rows: data.map((d) => {
      const values = series.map((s) => d.values[s.key] ?? 0);
      return {
        key: d.bucket,
        label: long(d.bucket),
        values: [...values.map(formatValue), formatValue(values.reduce((a, b) => a + b, 0))],
      };
    }),
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
      <BarChart data={rows} margin={CHART_MARGIN} barCategoryGap="20%">
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="bucket" {...xAxisProps(formatBucket)} />
        {/* Whole amounts on the axis once there is more than a few dollars to show. */}
        <YAxis {...yAxisProps(formatAxisValue)} allowDecimals={maxTotal < 4} />
        <Tooltip
          {...tooltipProps({
            formatValue: (v) => formatValue(v),
            formatLabel: long,
            totalLabel: "Total",
            reverse: true,
            hideZero: true,
          })}
        />
        {series.map((s, i) => (
          <Bar
            isAnimationActive={false}
            key={s.key}
            dataKey={`k${i}`}
            name={s.label}
            stackId="cost"
            fill={colors[i]}
            maxBarSize={48}
          >
            {barCells(rows.length, partialFrom, colors[i] ?? "")}
          </Bar>
        ))}
      </BarChart>
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
 * heights add up to the request count) and the error rate on a right-hand percent axis. The rate uses the same definition as the model table:
 * (4xx + 5xx) / requests, and is absent, not 0%, for a bucket without requests.
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
    // fal does not promise request_count = success + 4xx + 5xx; clamp so a bar never goes negative.
    ok: Math.max(0, d.requests - d.user_errors - d.server_errors),
    user: d.user_errors,
    server: d.server_errors,
    rate: d.requests > 0 ? (d.user_errors + d.server_errors) / d.requests : null,
  }));

  const ticks = rateTicks(Math.max(0, ...rows.map((r) => r.rate ?? 0)));

  const table: ChartTable = {
    rowHeader: "Period",
    columns: ["Requests", "4xx", "5xx", "Error rate"],
    rows: rows.map((r, i) => ({
      key: r.bucket,
      label: long(r.bucket),
      values: [
        formatNumber(data[i]?.requests ?? 0),
        formatNumber(r.user),
        formatNumber(r.server),
        formatPercent(r.rate),
      ],
    })),
  };

  const formatValue = (value: number, key: string) =>
    key === "rate" ? formatPercent(value) : formatNumber(value);

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={data.length === 0}
      legend={partialFrom < data.length ? [...REQUEST_LEGEND, PARTIAL_LEGEND] : REQUEST_LEGEND}
      table={table}
    >
      <ComposedChart data={rows} margin={CHART_MARGIN} barCategoryGap="20%">
        <CartesianGrid {...gridProps} yAxisId="count" />
        <XAxis dataKey="bucket" {...xAxisProps(formatBucket)} />
        <YAxis yAxisId="count" {...yAxisProps(formatCompact, 44)} allowDecimals={false} />
        <YAxis
          yAxisId="rate"
          orientation="right"
          {...yAxisProps((v) => formatPercent(v, 0), 40)}
          // Five ticks like the count axis (recharts' default tickCount), so both share the grid lines.
          domain={[0, ticks[ticks.length - 1] ?? 1]}
          ticks={ticks}
        />
        <Tooltip
          {...tooltipProps({
            formatValue,
            formatLabel: long,
            totalLabel: "Requests",
            excludeFromTotal: ["rate"],
            reverse: true,
          })}
        />
        {REQUEST_STACK.map((part) => (
          <Bar
            isAnimationActive={false}
            key={part.key}
            yAxisId="count"
            dataKey={part.key}
            name={part.name}
            stackId="req"
            fill={REQUEST_COLORS[part.key]}
            maxBarSize={48}
          >
            {barCells(rows.length, partialFrom, REQUEST_COLORS[part.key])}
          </Bar>
        ))}
        <Line
          isAnimationActive={false}
          yAxisId="rate"
          type="linear"
          dataKey="rate"
          name="Error rate"
          stroke={REQUEST_COLORS.rate}
          strokeWidth={1.5}
          dot={data.length <= 2 ? { r: 3, strokeWidth: 0, fill: REQUEST_COLORS.rate } : false}
          activeDot={{ r: 3.5, strokeWidth: 0 }}
          // A gap in the line marks buckets without traffic rather than bridging them.
          connectNulls={false}
        />
      </ComposedChart>
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
  const { rows: plotted, colors } = plotSeries(data, types, (d) => d.counts);
  const long = soFar(data, partialFrom, formatBucketLong);
  // Each line is solid over finished buckets and continues dashed (`p${i}`) from the last finished one
  // through the partial tail, so the current bucket's low count reads as "so far", not as a fall.
  const rows = plotted.map((row, index) => {
    const out: Record<string, string | number | null> = { bucket: row.bucket as string };
    types.forEach((_, i) => {
      const v = row[`k${i}`] as number;
      out[`k${i}`] = index < partialFrom ? v : null;
      out[`p${i}`] = index >= partialFrom - 1 && partialFrom < data.length ? v : null;
    });
    return out;
  });
  const dashedKeys = types.map((_, i) => `p${i}`);
  // A single bucket has no segment to draw; a dot keeps it visible.
  const showDots = data.length <= 2;

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
      isEmpty={data.length === 0 || types.length === 0}
      emptyMessage="No activity in this range"
      legend={[
        ...types.map((t, i) => ({
          key: t.key,
          label: t.label,
          color: colors[i] ?? "",
          shape: "line" as const,
        })),
        ...(partialFrom < data.length ? [PARTIAL_LEGEND] : []),
      ]}
      table={table}
    >
      <LineChart data={rows} margin={CHART_MARGIN}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="bucket" {...xAxisProps(formatBucket)} />
        <YAxis {...yAxisProps(formatCompact, 44)} allowDecimals={false} />
        <Tooltip
          {...tooltipProps({
            formatValue: (v) => formatNumber(v),
            formatLabel: long,
            cursor: "line",
            // On the last finished bucket both halves of a line hold the same point: list it once.
            sameAs: Object.fromEntries(dashedKeys.map((k, i) => [k, `k${i}`])),
          })}
        />
        {types.map((t, i) => (
          <Line
            isAnimationActive={false}
            key={t.key}
            // Straight segments: a smoothed curve invents values between sparse counts.
            type="linear"
            dataKey={`k${i}`}
            name={t.label}
            stroke={colors[i]}
            strokeWidth={2}
            dot={showDots ? { r: 3, fill: colors[i], strokeWidth: 0 } : false}
            activeDot={{ r: 4, strokeWidth: 0 }}
            connectNulls={false}
          />
        ))}
        {partialFrom < data.length
          ? types.map((t, i) => (
              <Line
                isAnimationActive={false}
                key={`p-${t.key}`}
                type="linear"
                dataKey={`p${i}`}
                name={`${t.label} (so far)`}
                stroke={colors[i]}
                strokeWidth={2}
                strokeDasharray="4 3"
                strokeOpacity={0.7}
                dot={{ r: 2.5, fill: colors[i], strokeWidth: 0 }}
                activeDot={{ r: 4, strokeWidth: 0 }}
                connectNulls={false}
              />
            ))
          : null}
      </LineChart>
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

/** Round durations for a log axis: a decade apart below a minute, then a minute, ten minutes, an hour … */
const LOG_TICKS = [0.001, 0.01, 0.1, 1, 10, 60, 600, 3600, 36_000, 86_400] as const;

function formatAxisDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}

/** The round ticks around [min, max] (positive seconds): one at or below the smallest value, one at or above the largest. */
function logTicks(min: number, max: number): number[] {
  const lo: number = LOG_TICKS.findLast((t) => t <= min) ?? LOG_TICKS[0];
  const hi: number = LOG_TICKS.find((t) => t >= max) ?? 86_400;
  return LOG_TICKS.filter((t) => t >= lo && t <= hi);
}

/**
 * Run-time and queue-time percentiles per model as horizontal grouped bars, in seconds, on a log axis:
 * one model taking minutes and another a second stay readable side by side. Shades of one colour per
 * family make "p50 < p90 < p95" readable as one growing group. A missing percentile is left out (recharts
 * skips null bars and the tooltip drops them), never drawn as a zero-length bar that would read as
 * "instant"; a zero (no place on a log axis) is left out too and reads in the table.
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

  const plotted = data.map((d) => {
    const row: Record<string, string | number | null> = { label: d.label };
    for (const m of METRICS) {
      const v = d[m.key];
      row[m.key] = v !== null && v > 0 ? v : null;
    }
    return row;
  });
  const values = plotted.flatMap((r) => METRICS.map((m) => r[m.key])).filter((v) => typeof v === "number");
  const ticks = values.length > 0 ? logTicks(Math.min(...values), Math.max(...values)) : [0.1, 1, 10];

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={data.length === 0}
      legend={PERCENTILE_LEGEND}
      table={table}
    >
      <BarChart
        data={plotted}
        layout="vertical"
        margin={{ ...CHART_MARGIN, right: 16 }}
        barGap={1}
        barCategoryGap="18%"
      >
        <CartesianGrid {...gridProps} vertical horizontal={false} />
        <XAxis
          {...xValueAxisProps(formatAxisDuration)}
          scale="log"
          domain={[ticks[0] ?? 0.1, ticks[ticks.length - 1] ?? 10]}
          ticks={ticks}
          allowDataOverflow
        />
        <YAxis
          type="category"
          dataKey="label"
          {...categoryAxisProps(
            160,
            21,
            data.some((d) => d.href) ? data.map((d) => d.href ?? "") : undefined,
          )}
        />
        <Tooltip {...tooltipProps({ formatValue: (v) => formatDuration(v) })} />
        {METRICS.map((m) => (
          <Bar
            isAnimationActive={false}
            key={m.key}
            dataKey={m.key}
            name={m.label}
            fill={m.color}
            fillOpacity={m.opacity}
            maxBarSize={8}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
