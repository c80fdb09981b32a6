"use client";
import { useSearchParams } from "next/navigation";
import { StackedCostChart } from "@/components/charts/dashboard-charts";
import { type Answer, DataState } from "@/components/dashboard/data-state";
import { CHART_HEIGHT, OTHER_KEY } from "@/components/ui/chart-size";
import { PanelSection } from "@/components/ui/panel-section";
import type { UsageResponse } from "@/lib/contracts/ai";
import { formatBucketLabel, formatCompactMoney, formatMoney } from "@/lib/format";
import { clipToNow, FAL_LAG_MS } from "@/lib/time/partial";

/** Axis ticks: whole amounts read as "$12" (the axis asks for whole ticks past a few dollars). */
function axisMoney(value: number, currency: string): string {
  return Number.isInteger(value) && Math.abs(value) < 1000
    ? formatMoney(value, currency).replace(/\.00$/, "")
    : formatCompactMoney(value, currency);
}

/**
 * Billed cost per bucket, stacked by model: the answer's `top` series already holds the costliest few and
 * one "other" per bucket (reduced on the server, lib/cost-series.ts), so it is drawn as it comes.
 */
export function CostOverTime({ usage }: { usage: Answer<UsageResponse> }) {
  // Each model's legend entry links to its page with the dashboard's view, as the model table does.
  const search = useSearchParams().toString();
  return (
    <PanelSection label="Cost over time" heading="Cost over time">
      <DataState
        answer={usage}
        label="Cost over time"
        height={CHART_HEIGHT}
        empty={{
          when: (u) => u.series.length === 0,
          title: "No fal spend in this range",
          reason: "fal billed nothing for these dates.",
        }}
      >
        {(u) => {
          const tf = u.range.timeframe;
          const clipped = clipToNow(u.series, u.range, FAL_LAG_MS);
          return (
            <StackedCostChart
              data={clipped.points.map((p) => ({ bucket: p.bucket, values: p.by_model }))}
              series={u.stacks.map(({ key, label }) =>
                key === OTHER_KEY
                  ? { key, label }
                  : { key, label, href: `/models/${key}${search ? `?${search}` : ""}` },
              )}
              partialFrom={clipped.partialFrom}
              formatBucket={(b) => formatBucketLabel(b, tf)}
              formatBucketLong={(b) => formatBucketLabel(b, tf, "full")}
              formatValue={(v) => formatMoney(v, u.currency)}
              formatAxisValue={(v) => axisMoney(v, u.currency)}
              ariaLabel={`Cost per ${tf} by model, ${u.series.length} ${tf}s, total ${formatMoney(u.total_cost)}`}
            />
          );
        }}
      </DataState>
    </PanelSection>
  );
}
