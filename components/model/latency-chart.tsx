"use client";

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
import { formatDuration } from "@/lib/format";

export type LatencyPoint = {
  bucket: string;
  p50_duration: number | null;
  p90_duration: number | null;
  p50_queue: number | null;
  p90_queue: number | null;
};

const SERIES = [
  { key: "p50_duration", label: "Run p50" },
  { key: "p90_duration", label: "Run p90" },
  { key: "p50_queue", label: "Queue p50" },
  { key: "p90_queue", label: "Queue p90" },
] as const;

/**
 * One model's run-time and queue-time percentiles per bucket, as fal computed them per bucket (a bucket
 * without requests is a gap, not a zero). Loaded lazily like the dashboard's charts.
 */
export function LatencyChart({
  data,
  formatBucket,
  formatBucketLong,
  ariaLabel,
  height,
}: {
  data: readonly LatencyPoint[];
  formatBucket: (bucket: string) => string;
  formatBucketLong: (bucket: string) => string;
  ariaLabel: string;
  height: number;
}) {
  const colors = seriesColors(SERIES.map((s) => s.key));
  const table: ChartTable = {
    rowHeader: "Period",
    columns: SERIES.map((s) => s.label),
    rows: data.map((d) => ({
      key: d.bucket,
      label: formatBucketLong(d.bucket),
      values: SERIES.map((s) => formatDuration(d[s.key])),
    })),
  };
  return (
    <ChartFrame
      ariaLabel={ariaLabel}
      height={height}
      isEmpty={data.length === 0}
      legend={SERIES.map((s, i) => ({ key: s.key, label: s.label, color: colors[i] ?? "" }))}
      table={table}
    >
      <LineChart data={[...data]} margin={CHART_MARGIN}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="bucket" {...xAxisProps(formatBucket)} />
        <YAxis {...yAxisProps((v) => formatDuration(v))} />
        <Tooltip
          {...tooltipProps({
            formatValue: (v) => formatDuration(v),
            formatLabel: formatBucketLong,
            cursor: "line",
          })}
        />
        {SERIES.map((s, i) => (
          <Line
            isAnimationActive={false}
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={colors[i]}
            strokeDasharray={s.key.endsWith("queue") ? "4 3" : undefined}
            dot={false}
            connectNulls={false}
            strokeWidth={2}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
