"use client";

import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
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
import { formatCompact, formatNumber } from "@/lib/format";

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
  const colors = seriesColors(types.map((t) => t.key));
  // Keys t0…tN because recharts treats "photo.generated" as a nested path.
  const rows = data.map((d) => {
    const row: Record<string, string | number> = { bucket: d.bucket };
    types.forEach((t, i) => {
      row[`t${i}`] = d.counts[t.key] ?? 0;
    });
    return row;
  });
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
          <Line isAnimationActive={false}
            key={t.key}
            type="monotone"
            dataKey={`t${i}`}
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
