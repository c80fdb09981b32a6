"use client";

import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import {
  CHART_MARGIN,
  ChartFrame,
  gridProps,
  seriesColors,
  tooltipProps,
  xAxisProps,
  yAxisProps,
  type ChartTable,
} from "@/components/ui/chart";

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

/**
 * Cost per bucket stacked by model. Series are keyed s0…sN in the plotted rows: recharts reads a string
 * dataKey as a property path, and endpoint ids contain dots and slashes.
 */
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
  const colors = seriesColors(series.map((s) => s.key));
  const rows = data.map((d) => {
    const row: Record<string, string | number> = { bucket: d.bucket };
    series.forEach((s, i) => {
      row[`s${i}`] = d.values[s.key] ?? 0;
    });
    return row;
  });

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
          <Bar isAnimationActive={false} key={s.key} dataKey={`s${i}`} name={s.label} stackId="cost" fill={colors[i]} maxBarSize={48} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
