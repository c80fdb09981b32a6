import "server-only";
import { cachedReport } from "@/lib/fal/cache";
import type { PerformanceResponse } from "@/lib/contracts/ai";
import { publicRange, type Range } from "@/lib/contracts/range";
import { env } from "@/lib/env";
import { freshnessFields } from "@/lib/ai/freshness";
import { photosByEndpoint } from "@/lib/events/metrics";
import { summarizeAnalytics } from "@/lib/fal/aggregate";
import { fetchAnalytics, fetchUsage } from "@/lib/fal/client";
import { FalError } from "@/lib/fal/errors";

/**
 * Which endpoints to ask analytics about. Usage lists every model that cost money in the window, but
 * needs ADMIN; with an API-scope key the list comes from the endpoints our own events name, plus
 * FAL_ENDPOINTS, so that key still gets this panel.
 */
async function modelList(range: Range): Promise<{ ids: string[]; source: "usage" | "events" }> {
  try {
    const usage = await fetchUsage(range);
    const ids = new Set(usage.buckets.flatMap((b) => b.results.map((r) => r.endpoint_id)));
    return { ids: [...ids], source: "usage" };
  } catch (error) {
    if (!(error instanceof FalError)) throw error;
    const seen = await photosByEndpoint(range);
    return { ids: [...new Set([...Object.keys(seen), ...env().FAL_ENDPOINTS])], source: "events" };
  }
}

/** Requests, 4xx/5xx and window percentiles per model (API scope suffices). */
export function performanceReport(range: Range): Promise<PerformanceResponse> {
  return cachedReport("performance", [range.start, range.end, range.timezone, range.timeframe], () => computePerformanceReport(range));
}

async function computePerformanceReport(range: Range): Promise<PerformanceResponse> {
  const { ids, source } = await modelList(range);
  const analytics = await fetchAnalytics(range, ids);
  const { models, series } = summarizeAnalytics(analytics);
  return {
    range: publicRange(range),
    model_source: source,
    models,
    series,
    percentiles_available: analytics.summary !== null,
    ...freshnessFields(analytics),
  };
}
