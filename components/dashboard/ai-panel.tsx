"use client";
import {
  PERCENTILE_HEIGHT,
  PercentileChart,
  RequestsChart,
  StackedCostChart,
} from "@/components/dashboard/charts";
import { KeyBanner } from "@/components/dashboard/key-banner";
import { ModelTable } from "@/components/dashboard/model-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CHART_HEIGHT, OTHER_KEY } from "@/components/ui/chart-size";
import { EmptyState } from "@/components/ui/empty-state";
import { KpiTile, type KpiTileProps } from "@/components/ui/kpi-tile";
import { QuietLine } from "@/components/ui/quiet-line";
import { PanelSkeleton } from "@/components/ui/skeleton";
import { bannerState, type AiView } from "@/lib/banner";
import type { UsageResponse } from "@/lib/contracts/ai";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import { isDiagnosisCode } from "@/lib/contracts/codes";
import type { KeyInfo } from "@/lib/contracts/key-info";
import {
  formatBucketLabel,
  formatCompact,
  formatCompactMoney,
  formatDelta,
  formatMoney,
  formatPercent,
  lowerFirst,
} from "@/lib/format";
import type { ApiClientError } from "@/lib/hooks/fetcher";
import { useBalance } from "@/lib/hooks/use-balance";
import { useCostPerOutcome } from "@/lib/hooks/use-cost-per-outcome";
import { usePerformance } from "@/lib/hooks/use-performance";
import { useUsage } from "@/lib/hooks/use-usage";
import { useView } from "@/lib/hooks/use-view";
import { previousQuery } from "@/lib/view-state";

const TOP_MODELS = 5;

/** Why a view stepped back, in a few words, for its quiet line. */
function reason(error: ApiClientError | undefined): string {
  if (!error) return "";
  return isDiagnosisCode(error.code) ? lowerFirst(diagnosisCopy(error.code).title) : error.message;
}

/** Top N models by cost plus "other", so the stack stays readable with 60 models. */
function costSeries(usage: UsageResponse) {
  const top = usage.models
    .reduce(
      (acc, m) => acc.set(m.endpoint_id, (acc.get(m.endpoint_id) ?? 0) + m.cost),
      new Map<string, number>(),
    )
    .entries();
  const ranked = [...top].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const keep = new Set(ranked.slice(0, TOP_MODELS));
  const names = new Map(usage.models.map((m) => [m.endpoint_id, m.display_name ?? m.endpoint_id]));
  const series = [...keep].map((id) => ({ key: id, label: names.get(id) ?? id }));
  if (ranked.length > TOP_MODELS)
    series.push({ key: OTHER_KEY, label: `Other (${ranked.length - TOP_MODELS} models)` });
  const data = usage.series.map((p) => {
    const values: Record<string, number> = {};
    for (const [id, cost] of Object.entries(p.by_model)) {
      const k = keep.has(id) ? id : OTHER_KEY;
      values[k] = (values[k] ?? 0) + cost;
    }
    return { bucket: p.bucket, values };
  });
  return { series, data };
}

/** A KPI that keeps its size whether it shows a value, a skeleton or the quiet line it steps back to. */
function AiKpi({ failed, reason, ...tile }: KpiTileProps & { failed: boolean; reason: string }) {
  if (!failed) return <KpiTile {...tile} />;
  return (
    <div className="flex min-h-[104px] items-center rounded-lg border border-border px-4 py-3">
      <QuietLine label={tile.label} reason={reason} />
    </div>
  );
}

/** fal's numbers for the same window: spend, balance, cost per photo, requests, errors and latency. */
export function AiPanel({
  defaultTimezone,
  initialNow,
  keyInfo,
}: {
  defaultTimezone: string;
  initialNow: number;
  keyInfo: KeyInfo;
}) {
  const { query } = useView(defaultTimezone, initialNow);
  const usage = useUsage(query);
  const perf = usePerformance(query);
  const balance = useBalance();
  const cost = useCostPerOutcome(query);
  const prevUsage = useUsage(usage.data ? previousQuery(usage.data.range) : null).data;
  const prevCost = useCostPerOutcome(cost.data ? previousQuery(cost.data.range) : null).data;

  const outcomes: { view: AiView; errorCode?: string; staleReason?: string | null }[] = [
    { view: "spend", errorCode: usage.error?.code, staleReason: usage.data?.stale_reason },
    { view: "balance", errorCode: balance.error?.code, staleReason: balance.data?.stale_reason },
    { view: "cost_per_photo", errorCode: cost.error?.code, staleReason: cost.data?.stale_reason },
    { view: "performance", errorCode: perf.error?.code, staleReason: perf.data?.stale_reason },
  ];
  const banner = bannerState(outcomes);
  const allFailed = [usage, perf, balance, cost].every((r) => r.error && !r.data);

  const range = usage.data?.range ?? perf.data?.range ?? cost.data?.range;
  const tf = range?.timeframe ?? "day";
  const currency = usage.data?.currency ?? "USD";
  const displayNames = new Map(
    (usage.data?.models ?? []).flatMap((m) =>
      m.display_name ? [[m.endpoint_id, m.display_name] as const] : [],
    ),
  );
  const fmtBucket = (b: string) => formatBucketLabel(b, tf);
  const fmtBucketLong = (b: string) => formatBucketLabel(b, tf, "full");

  const totals = perf.data?.models.reduce(
    (a, m) => ({ requests: a.requests + m.requests, errors: a.errors + m.user_errors + m.server_errors }),
    { requests: 0, errors: 0 },
  );
  const spendDelta =
    usage.data && prevUsage ? formatDelta(usage.data.total_cost, prevUsage.total_cost) : null;
  const cppDelta = cost.data && prevCost ? formatDelta(cost.data.overall, prevCost.overall) : null;

  return (
    <Card aria-labelledby="ai-title" data-testid="ai-panel">
      <CardHeader
        title="AI performance"
        titleId="ai-title"
        description={
          usage.data
            ? `fal usage and analytics · fetched ${new Date(usage.data.fetched_at).toLocaleTimeString("en-US", { timeStyle: "short" })}`
            : "fal usage and analytics"
        }
      />
      <CardBody className="flex flex-col gap-5">
        <KeyBanner state={banner} keyInfo={keyInfo} />
        {allFailed ? (
          <QuietLine
            label="AI performance is unavailable"
            reason={reason(usage.error)}
            href="/keys"
            linkText="Check keys"
          />
        ) : (
          <>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
              <AiKpi
                failed={!!usage.error && !usage.data}
                reason={reason(usage.error)}
                label="Spend"
                loading={!usage.data}
                value={formatMoney(usage.data?.total_cost)}
                provenance="billed"
                delta={spendDelta && { ...spendDelta, goodWhen: "down" }}
                subLabel={usage.data?.stale ? "last good data" : undefined}
              />
              <AiKpi
                failed={!!balance.error && !balance.data}
                reason={reason(balance.error)}
                label="Credit balance"
                loading={!balance.data}
                value={formatMoney(balance.data?.current_balance, balance.data?.currency ?? "USD")}
                subLabel={balance.data?.username}
              />
              <AiKpi
                failed={!!cost.error && !cost.data}
                reason={reason(cost.error)}
                label="Cost per photo"
                loading={!cost.data}
                value={cost.data?.overall === null ? "—" : formatMoney(cost.data?.overall)}
                subLabel={cost.data ? `${formatCompact(cost.data.photos)} photos` : undefined}
                provenance="billed"
                delta={cppDelta && { ...cppDelta, goodWhen: "down" }}
              />
              <AiKpi
                failed={!!perf.error && !perf.data}
                reason={reason(perf.error)}
                label="Requests"
                loading={!perf.data}
                value={formatCompact(totals?.requests ?? 0)}
              />
              <AiKpi
                failed={!!perf.error && !perf.data}
                reason={reason(perf.error)}
                label="Error rate"
                loading={!perf.data}
                value={formatPercent(totals && totals.requests > 0 ? totals.errors / totals.requests : null)}
                subLabel="4xx + 5xx"
              />
            </div>

            <div className="grid gap-5 xl:grid-cols-2">
              <section aria-label="Cost over time" className="min-w-0">
                <h3 className="mb-2 text-sm font-medium">Cost over time</h3>
                {usage.error && !usage.data ? (
                  <QuietLine label="Cost over time" reason={reason(usage.error)} />
                ) : !usage.data ? (
                  <PanelSkeleton height={CHART_HEIGHT} label="Loading cost …" />
                ) : usage.data.series.length === 0 ? (
                  <EmptyState
                    title="No fal spend in this range"
                    reason="fal billed nothing for these dates."
                    height={CHART_HEIGHT}
                  />
                ) : (
                  (() => {
                    const { series, data } = costSeries(usage.data);
                    return (
                      <StackedCostChart
                        data={data}
                        series={series}
                        formatBucket={fmtBucket}
                        formatBucketLong={fmtBucketLong}
                        formatValue={(v) => formatMoney(v, currency)}
                        formatAxisValue={(v) => formatCompactMoney(v, currency)}
                        ariaLabel={`Cost per ${tf} by model, ${usage.data.series.length} ${tf}s, total ${formatMoney(usage.data.total_cost)}`}
                      />
                    );
                  })()
                )}
              </section>
              <section aria-label="Requests and errors" className="min-w-0">
                <h3 className="mb-2 text-sm font-medium">Requests and errors</h3>
                {perf.error && !perf.data ? (
                  <QuietLine label="Requests and errors" reason={reason(perf.error)} />
                ) : !perf.data ? (
                  <PanelSkeleton height={CHART_HEIGHT} label="Loading requests …" />
                ) : perf.data.series.length === 0 ? (
                  <EmptyState
                    title="No requests in this range"
                    reason="fal recorded no calls for these dates."
                    height={CHART_HEIGHT}
                  />
                ) : (
                  <RequestsChart
                    data={perf.data.series}
                    formatBucket={fmtBucket}
                    formatBucketLong={fmtBucketLong}
                    ariaLabel={`Requests per ${tf} with 4xx and 5xx errors: ${formatCompact(totals?.requests ?? 0)} requests, ${formatPercent(totals && totals.requests ? totals.errors / totals.requests : null)} errors`}
                  />
                )}
              </section>
            </div>

            <section aria-label="Cost per model" className="min-w-0">
              {usage.error && !usage.data ? (
                <QuietLine label="Cost per model" reason={reason(usage.error)} />
              ) : !usage.data ? (
                <PanelSkeleton height={240} label="Loading models …" />
              ) : (
                <ModelTable usage={usage.data} costPerPhoto={cost.data?.by_endpoint ?? null} />
              )}
            </section>

            <section aria-label="Latency percentiles" className="min-w-0">
              <h3 className="mb-2 text-sm font-medium">Run time and queue time per model</h3>
              {perf.error && !perf.data ? (
                <QuietLine label="Latency" reason={reason(perf.error)} />
              ) : !perf.data ? (
                <PanelSkeleton height={PERCENTILE_HEIGHT} label="Loading latency …" />
              ) : perf.data.models.length === 0 ? (
                <EmptyState title="No requests in this range" height={PERCENTILE_HEIGHT} />
              ) : !perf.data.percentiles_available ? (
                <QuietLine
                  label="Percentiles"
                  reason="fal sent no window summary; window percentiles are not derived from buckets"
                />
              ) : (
                <PercentileChart
                  height={PERCENTILE_HEIGHT}
                  data={perf.data.models.slice(0, 6).map((m) => ({
                    label: displayNames.get(m.endpoint_id) ?? m.endpoint_id,
                    p50: m.p50_duration,
                    p90: m.p90_duration,
                    p95: m.p95_duration,
                    q50: m.p50_queue,
                    q90: m.p90_queue,
                  }))}
                  ariaLabel={`Run-time and queue-time percentiles for the ${Math.min(6, perf.data.models.length)} busiest models, in seconds`}
                />
              )}
            </section>
          </>
        )}
      </CardBody>
    </Card>
  );
}
