"use client";

import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import {
  CHART_MARGIN,
  ChartFrame,
  gridProps,
  tooltipProps,
  xAxisProps,
  yAxisProps,
  type ChartTable,
  type LegendItem,
} from "@/components/ui/chart";
import { formatCompact, formatNumber, formatPercent } from "@/lib/format";

export type RequestsChartProps = {
  data: readonly { bucket: string; requests: number; user_errors: number; server_errors: number }[];
  formatBucket: (bucket: string) => string;
  /** Long bucket label for tooltip and table; defaults to `formatBucket`. */
  formatBucketLong?: (bucket: string) => string;
  ariaLabel: string;
  height?: number;
};

// Fixed roles, not palette order: 5xx must look alarming and 4xx cautionary wherever they appear.
const COLORS = {
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

const LEGEND: readonly LegendItem[] = [
  { key: "ok", label: "Successful", color: COLORS.ok },
  { key: "user", label: "4xx (caller errors)", color: COLORS.user },
  { key: "server", label: "5xx (fal errors)", color: COLORS.server },
  { key: "rate", label: "Error rate (right axis)", color: COLORS.rate, shape: "line" },
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
      legend={LEGEND}
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
        <Bar isAnimationActive={false} yAxisId="count" dataKey="ok" name="Successful" stackId="req" fill={COLORS.ok} maxBarSize={48} />
        <Bar isAnimationActive={false} yAxisId="count" dataKey="user" name="4xx" stackId="req" fill={COLORS.user} maxBarSize={48} />
        <Bar isAnimationActive={false} yAxisId="count" dataKey="server" name="5xx" stackId="req" fill={COLORS.server} maxBarSize={48} />
        <Line isAnimationActive={false}
          yAxisId="rate"
          type="linear"
          dataKey="rate"
          name="Error rate"
          stroke={COLORS.rate}
          strokeWidth={1.5}
          dot={data.length <= 2 ? { r: 3, strokeWidth: 0, fill: COLORS.rate } : false}
          activeDot={{ r: 3.5, strokeWidth: 0 }}
          // A gap in the line marks buckets without traffic rather than bridging them.
          connectNulls={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}
