"use client";

import { ChartFrame, seriesColors, type ChartTable } from "@/components/ui/chart";
import { ChartPlot, Dot, LinePath, categoryTicks, timeLabels, valueTicks } from "@/components/ui/chart-plot";
import { linearPercent, linearTicks, slotCenter } from "@/lib/chart-scale";
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

/** Fits "850 ms" / "12.5 s" at 11 px. */
const AXIS = 56;

/**
 * One model's run-time and queue-time percentiles per bucket, as fal computed them per bucket (a bucket
 * without requests is a gap, not a zero). Queue lines are dashed, so run and queue read apart without colour.
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
  const n = data.length;
  const ticks = linearTicks(Math.max(0, ...data.flatMap((d) => SERIES.map((s) => d[s.key] ?? 0))));
  const top = ticks[ticks.length - 1] ?? 1;
  const point = (i: number, key: (typeof SERIES)[number]["key"]) => {
    const v = data[i]?.[key];
    return v === null || v === undefined ? null : { x: slotCenter(i, n, "point"), y: linearPercent(v, top) };
  };

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
      isEmpty={n === 0}
      legend={SERIES.map((s, i) => ({ key: s.key, label: s.label, color: colors[i] ?? "" }))}
      table={table}
    >
      <ChartPlot
        left={{ width: AXIS, ticks: valueTicks(ticks, (v) => formatDuration(v)) }}
        bottom={{
          height: 24,
          ticks: categoryTicks(timeLabels(data, formatBucket), "point", AXIS + 8),
        }}
        grid="rows"
        keyboardLabel="Latency chart: arrow keys read one period at a time"
        hover={{
          count: n,
          along: "x",
          layout: "point",
          cursor: "line",
          tooltip: (i) => ({
            label: formatBucketLong(data[i]?.bucket ?? ""),
            rows: SERIES.flatMap((s, k) => {
              const v = data[i]?.[s.key];
              return v === null || v === undefined
                ? []
                : [{ key: s.key, name: s.label, color: colors[k] ?? "", value: formatDuration(v) }];
            }),
          }),
          highlight: (i) =>
            SERIES.map((s, k) => {
              const p = point(i, s.key);
              return p ? <Dot key={s.key} {...p} r={4} color={colors[k] ?? ""} mark={false} /> : null;
            }),
        }}
      >
        {SERIES.map((s, k) => (
          <LinePath
            key={s.key}
            points={data.map((_, i) => point(i, s.key))}
            color={colors[k] ?? ""}
            dash={s.key.endsWith("queue") ? "4 3" : undefined}
          />
        ))}
      </ChartPlot>
    </ChartFrame>
  );
}
