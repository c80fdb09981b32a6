"use client";
import { useSearchParams } from "next/navigation";
import { PercentileChart, RequestsChart } from "@/components/charts/dashboard-charts";
import { type Answer, DataState, QuietBox } from "@/components/dashboard/data-state";
import { CHART_HEIGHT, PERCENTILE_HEIGHT } from "@/components/ui/chart-size";
import { PanelSection } from "@/components/ui/panel-section";
import { QuietLine } from "@/components/ui/quiet-line";
import type { PerformanceResponse, UsageResponse } from "@/lib/contracts/ai";
import { formatBucketLabel, formatCompact, formatPercent } from "@/lib/format";
import { clipToNow, FAL_LAG_MS } from "@/lib/time/partial";

/** The busiest models the percentile chart has room for. */
const PERCENTILE_MODELS = 6;

/** Requests per bucket with their 4xx and 5xx errors. */
export function RequestsAndErrors({ perf }: { perf: Answer<PerformanceResponse> }) {
  return (
    <PanelSection label="Requests and errors" heading="Requests and errors">
      <DataState
        answer={perf}
        label="Requests and errors"
        height={CHART_HEIGHT}
        empty={{
          when: (p) => p.series.length === 0,
          title: "No requests in this range",
          reason: "fal recorded no calls for these dates.",
        }}
      >
        {(p) => {
          const tf = p.range.timeframe;
          const requests = p.models.reduce((n, m) => n + m.requests, 0);
          const errors = p.models.reduce((n, m) => n + m.user_errors + m.server_errors, 0);
          const clipped = clipToNow(p.series, p.range, FAL_LAG_MS);
          return (
            <RequestsChart
              data={clipped.points}
              partialFrom={clipped.partialFrom}
              formatBucket={(b) => formatBucketLabel(b, tf)}
              formatBucketLong={(b) => formatBucketLabel(b, tf, "full")}
              ariaLabel={`Requests per ${tf} with 4xx and 5xx errors: ${formatCompact(requests)} requests, ${formatPercent(requests ? errors / requests : null)} errors`}
            />
          );
        }}
      </DataState>
    </PanelSection>
  );
}

/** Run-time and queue-time percentiles of the busiest models, by fal's display names (`/models`). */
export function LatencyPercentiles({
  perf,
  usage,
}: {
  perf: Answer<PerformanceResponse>;
  usage: UsageResponse | undefined;
}) {
  // Each label links to its model's page with the dashboard's view, as the model table does.
  const search = useSearchParams().toString();
  const names = new Map(
    (usage?.models ?? []).flatMap((m) => (m.display_name ? [[m.endpoint_id, m.display_name] as const] : [])),
  );
  return (
    <PanelSection label="Latency percentiles" heading="Run time and queue time per model">
      <DataState
        answer={perf}
        label="Latency"
        height={PERCENTILE_HEIGHT}
        empty={{ when: (p) => p.models.length === 0, title: "No requests in this range" }}
      >
        {(p) =>
          p.percentiles_available ? (
            <PercentileChart
              height={PERCENTILE_HEIGHT}
              data={p.models.slice(0, PERCENTILE_MODELS).map((m) => ({
                label: m.display_name ?? names.get(m.endpoint_id) ?? m.endpoint_id,
                href: `/models/${m.endpoint_id}${search ? `?${search}` : ""}`,
                p50: m.p50_duration,
                p90: m.p90_duration,
                p95: m.p95_duration,
                q50: m.p50_queue,
                q90: m.p90_queue,
              }))}
              ariaLabel={`Run-time and queue-time percentiles for the ${Math.min(PERCENTILE_MODELS, p.models.length)} busiest models, in seconds on a logarithmic scale`}
            />
          ) : (
            <QuietBox height={PERCENTILE_HEIGHT}>
              <QuietLine
                label="Percentiles"
                reason="fal sent no window summary; window percentiles are not derived from buckets"
              />
            </QuietBox>
          )
        }
      </DataState>
    </PanelSection>
  );
}
