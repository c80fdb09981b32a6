import "server-only";
import { cachedReport } from "@/lib/ai/cache";
import { freshnessFields } from "@/lib/ai/freshness";
import type { ModelResponse } from "@/lib/contracts/model-detail";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { aggregateUsage, summarizeAnalytics } from "@/lib/fal/aggregate";
import { fetchAnalytics, fetchModels, fetchUsage } from "@/lib/fal/client";
import { FalError } from "@/lib/fal/errors";
import { publicRange, type Range } from "@/lib/time/range";

/**
 * One model over the window: its requests, errors and percentiles (analytics, any key) with fal's
 * per-bucket percentiles for the chart, its billed cost (usage, when the key may read it) and its name.
 */
export function modelReport(range: Range, endpointId: string): Promise<ModelResponse> {
  return cachedReport(`model ${endpointId}`, range, () => computeModelReport(range, endpointId));
}

async function computeModelReport(range: Range, endpointId: string): Promise<ModelResponse> {
  const [analytics, cost, names] = await Promise.all([
    fetchAnalytics(range, [endpointId]),
    billedCost(range, endpointId),
    fetchModels([endpointId]).catch((error: unknown) => {
      if (error instanceof FalError) return null;
      throw error;
    }),
  ]);
  const { models } = summarizeAnalytics(analytics);
  const m = models.find((x) => x.endpoint_id === endpointId);
  return {
    range: publicRange(range),
    endpoint_id: endpointId,
    display_name: names?.get(endpointId)?.metadata?.display_name ?? null,
    requests: m?.requests ?? 0,
    successes: m?.successes ?? 0,
    user_errors: m?.user_errors ?? 0,
    server_errors: m?.server_errors ?? 0,
    error_rate: m?.error_rate ?? null,
    p50_duration: m?.p50_duration ?? null,
    p90_duration: m?.p90_duration ?? null,
    p50_queue: m?.p50_queue ?? null,
    p90_queue: m?.p90_queue ?? null,
    ...cost,
    series: analytics.buckets
      .flatMap(({ bucket, results }) => {
        const r = results.find((x) => x.endpoint_id === endpointId);
        return r
          ? [
              {
                bucket,
                requests: r.request_count ?? 0,
                p50_duration: r.p50_duration ?? null,
                p90_duration: r.p90_duration ?? null,
                p50_queue: r.p50_prepare_duration ?? null,
                p90_queue: r.p90_prepare_duration ?? null,
              },
            ]
          : [];
      })
      .sort((a, b) => Date.parse(a.bucket) - Date.parse(b.bucket)),
    ...freshnessFields(analytics),
  };
}

async function billedCost(
  range: Range,
  endpointId: string,
): Promise<{ cost: number | null; currency: string; cost_unavailable: DiagnosisCode | null }> {
  try {
    const totals = aggregateUsage((await fetchUsage(range, { endpointIds: [endpointId] })).buckets);
    return { cost: totals.total_cost, currency: totals.currency, cost_unavailable: null };
  } catch (error) {
    if (!(error instanceof FalError)) throw error;
    return { cost: null, currency: "USD", cost_unavailable: error.diagnosis };
  }
}
