"use client";
import { StackedCostChart } from "@/components/dashboard/charts";
import { type Answer, DataState } from "@/components/dashboard/data-state";
import { CHART_HEIGHT } from "@/components/ui/chart-size";
import { PanelSection } from "@/components/ui/panel-section";
import type { UsageResponse } from "@/lib/contracts/ai";
import { costSeries } from "@/lib/cost-series";
import { formatBucketLabel, formatCompactMoney, formatMoney } from "@/lib/format";

/** Billed cost per bucket, stacked by model (the costliest few, the rest as "other"). */
export function CostOverTime({ usage }: { usage: Answer<UsageResponse> }) {
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
          const { series, data } = costSeries(u);
          return (
            <StackedCostChart
              data={data}
              series={series}
              formatBucket={(b) => formatBucketLabel(b, tf)}
              formatBucketLong={(b) => formatBucketLabel(b, tf, "full")}
              formatValue={(v) => formatMoney(v, u.currency)}
              formatAxisValue={(v) => formatCompactMoney(v, u.currency)}
              ariaLabel={`Cost per ${tf} by model, ${u.series.length} ${tf}s, total ${formatMoney(u.total_cost)}`}
            />
          );
        }}
      </DataState>
    </PanelSection>
  );
}
