"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import {
  CHART_MARGIN,
  ChartFrame,
  categoryAxisProps,
  gridProps,
  tooltipProps,
  xValueAxisProps,
  type ChartTable,
  type LegendItem,
} from "@/components/ui/chart";
import { formatDuration } from "@/lib/format";

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
  /** Defaults to a height that grows with the number of models (see {@link percentileChartHeight}). */
  height?: number;
};

const METRICS = [
  { key: "p50", label: "Run p50", color: "var(--chart-1)", opacity: 1 },
  { key: "p90", label: "Run p90", color: "var(--chart-1)", opacity: 0.6 },
  { key: "p95", label: "Run p95", color: "var(--chart-1)", opacity: 0.35 },
  { key: "q50", label: "Queue p50", color: "var(--chart-4)", opacity: 1 },
  { key: "q90", label: "Queue p90", color: "var(--chart-4)", opacity: 0.55 },
] as const satisfies readonly { key: keyof PercentileRow; label: string; color: string; opacity: number }[];

const LEGEND: readonly LegendItem[] = METRICS.map((m) => ({
  key: m.key,
  label: m.label,
  color: m.color,
  opacity: m.opacity,
}));

// "0 ms" at the origin reads as a measurement; a bare 0 reads as the axis start.
const formatAxisDuration = (seconds: number) => (seconds === 0 ? "0" : formatDuration(seconds));

const ROW_HEIGHT = 52;
const CHROME_HEIGHT = 72;

/**
 * Height for `models` rows: five thin bars per model need ~52 px to stay readable. Containers can use it
 * for the skeleton too, once the model count is known, so the panel keeps its size.
 */
export function percentileChartHeight(models: number): number {
  return Math.max(220, CHROME_HEIGHT + Math.max(1, models) * ROW_HEIGHT);
}

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
      height={height ?? percentileChartHeight(data.length)}
      isEmpty={data.length === 0}
      legend={LEGEND}
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
          <Bar isAnimationActive={false}
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
