"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
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

export type StackedCostChartProps = {
  data: readonly { bucket: string; values: Record<string, number> }[];
  /** Already reduced to the top N plus "other" by the caller, in stacking order (bottom first). */
  series: readonly { key: string; label: string }[];
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
}: StackedCostChartProps) {
  const { rows, colors } = plotSeries(data, series, (d) => d.values);

  const table: ChartTable = {
    rowHeader: "Period",
    columns: [...series.map((s) => s.label), "Total"],
    rows: data.map((d) => {
      const values = series.map((s) => d.values[s.key] ?? 0);
      return {
        key: d.bucket,
        label: formatBucketLong(d.bucket),
        values: [...values.map(formatValue), formatValue(values.reduce((a, b) => a + b, 0))],
      };
    }),
  };

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={data.length === 0 || series.length === 0}
      legend={series.map((s, i) => ({ key: s.key, label: s.label, color: colors[i] ?? "" }))}
      table={table}
    >
      <BarChart data={rows} margin={CHART_MARGIN} barCategoryGap="20%">
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="bucket" {...xAxisProps(formatBucket)} />
        <YAxis {...yAxisProps(formatAxisValue)} />
        <Tooltip
          {...tooltipProps({
            formatValue: (v) => formatValue(v),
            formatLabel: formatBucketLong,
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
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

export type RequestsChartProps = {
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
}: RequestsChartProps) {
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
      label: formatBucketLong(r.bucket),
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
      legend={REQUEST_LEGEND}
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
            formatLabel: formatBucketLong,
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
          />
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

export type ActivityChartProps = {
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
}: ActivityChartProps) {
  const { rows, colors } = plotSeries(data, types, (d) => d.counts);
  // A single bucket has no segment to draw; a dot keeps it visible.
  const showDots = data.length <= 2;

  const table: ChartTable = {
    rowHeader: "Period",
    columns: types.map((t) => t.label),
    rows: data.map((d) => ({
      key: d.bucket,
      label: formatBucketLong(d.bucket),
      values: types.map((t) => formatNumber(d.counts[t.key] ?? 0)),
    })),
  };

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={data.length === 0 || types.length === 0}
      emptyMessage="No activity in this range"
      legend={types.map((t, i) => ({
        key: t.key,
        label: t.label,
        color: colors[i] ?? "",
        shape: "line" as const,
      }))}
      table={table}
    >
      <LineChart data={rows} margin={CHART_MARGIN}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="bucket" {...xAxisProps(formatBucket)} />
        <YAxis {...yAxisProps(formatCompact, 44)} allowDecimals={false} />
        <Tooltip
          {...tooltipProps({
            formatValue: (v) => formatNumber(v),
            formatLabel: formatBucketLong,
            cursor: "line",
          })}
        />
        {types.map((t, i) => (
          <Line
            isAnimationActive={false}
            key={t.key}
            type="monotone"
            dataKey={`k${i}`}
            name={t.label}
            stroke={colors[i]}
            strokeWidth={2}
            dot={showDots ? { r: 3, fill: colors[i], strokeWidth: 0 } : false}
            activeDot={{ r: 4, strokeWidth: 0 }}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

export type PercentileRow = {
  /** Model (endpoint id) shown on the category axis. */
  label: string;
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

// "0 ms" at the origin reads as a measurement; a bare 0 reads as the axis start.
const formatAxisDuration = (seconds: number) => (seconds === 0 ? "0" : formatDuration(seconds));

/**
 * Run-time and queue-time percentiles per model as horizontal grouped bars, in seconds. Shades of one
 * colour per family make "p50 < p90 < p95" readable as one growing group. A missing percentile is left
 * out (recharts skips null bars and the tooltip drops them), never drawn as a zero-length bar that would
 * read as "instant".
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

  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={data.length === 0}
      legend={PERCENTILE_LEGEND}
      table={table}
    >
      <BarChart
        data={[...data]}
        layout="vertical"
        margin={{ ...CHART_MARGIN, right: 16 }}
        barGap={1}
        barCategoryGap="18%"
      >
        <CartesianGrid {...gridProps} vertical horizontal={false} />
        <XAxis {...xValueAxisProps(formatAxisDuration)} />
        <YAxis type="category" dataKey="label" {...categoryAxisProps()} />
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
