import "server-only";
import { cachedReport } from "@/lib/ai/cache";
import type { PerformanceResponse } from "@/lib/contracts/ai";
import { publicRange, type Range } from "@/lib/time/range";
import { env } from "@/lib/env";
import { freshnessFields } from "@/lib/ai/freshness";
import { photosByEndpoint } from "@/lib/events/metrics";
import { summarizeAnalytics } from "@/lib/fal/aggregate";
import {
  COUNT_METRICS,
  PERCENTILE_METRICS,
  fetchAnalytics,
  fetchModels,
  fetchUsage,
  type AnalyticsResult,
  type WithFreshness,
} from "@/lib/fal/client";
import { FalError } from "@/lib/fal/errors";
import { processSingleton } from "@/lib/process-singleton";

/**
 * The models usage listed last time for each key, whatever the window. A dashboard opened after the cache
 * expired would otherwise wait for usage (one round trip per page) before it could ask analytics; with
 * the list usage gave before, analytics starts at once and usage only confirms it. A hint, never an
 * answer: the report shows exactly usage's models, and asks analytics again when usage names a model the
 * hint lacked. Kept across cache clears: it holds no figures, and the model list changes rarely.
 */
function modelHints(): Map<string, string[]> {
  return processSingleton("fal-model-hints", () => new Map<string, string[]>());
}

/**
 * Which endpoints to ask analytics about. Usage lists every model that cost money in the window, but
 * needs ADMIN; with an API-scope key the list comes from the endpoints our own events name, plus
 * FAL_ENDPOINTS, so that key still gets this panel.
 */
async function modelList(
  range: Range,
  key: string | undefined,
): Promise<{ ids: string[]; source: "usage" | "events" }> {
  try {
    const usage = await fetchUsage(range);
    const ids = [...new Set(usage.buckets.flatMap((b) => b.results.map((r) => r.endpoint_id)))].sort();
    if (key && ids.length > 0) modelHints().set(key, ids);
    return { ids, source: "usage" };
  } catch (error) {
    if (!(error instanceof FalError)) throw error;
    const seen = await photosByEndpoint(range);
    return { ids: [...new Set([...Object.keys(seen), ...env().FAL_ENDPOINTS])], source: "events" };
  }
}

/** Requests, 4xx/5xx and window percentiles per model (API scope suffices). */
export function performanceReport(range: Range): Promise<PerformanceResponse> {
  return cachedReport("performance", range, (key) => computePerformanceReport(range, key));
}

async function computePerformanceReport(range: Range, key: string | undefined): Promise<PerformanceResponse> {
  const hint = key ? modelHints().get(key) : undefined;
  // Started before usage answers; its failure is only reported if the report ends up using it.
  const early = hint ? panelAnalytics(range, hint) : undefined;
  early?.catch(() => undefined);
  const { ids, source } = await modelList(range, key);
  const covered = hint !== undefined && early !== undefined && ids.every((id) => hint.includes(id));
  // Names are decoration: a failed /models call leaves the ids, never the report.
  const [analytics, names] = await Promise.all([
    covered ? early.then((a) => only(a, ids)) : panelAnalytics(range, ids),
    ids.length > 0 ? fetchModels(ids).catch(() => null) : null,
  ]);
  const { models, series } = summarizeAnalytics(analytics);
  return {
    range: publicRange(range),
    model_source: source,
    models: models.map((m) => ({
      ...m,
      display_name: names?.get(m.endpoint_id)?.metadata?.display_name ?? null,
    })),
    series,
    percentiles_available: analytics.summary !== null,
    ...freshnessFields(analytics),
  };
}

/**
 * What the panel draws, asked as two questions per chunk of ids: the counts per bucket (requests chart;
 * the summary's counts feed the KPIs), and the window percentiles as a summary alone. Asked together,
 * fal would send five percentiles per model per bucket that nothing here draws — on 400 models over 83
 * days of hours, most of the bytes of the load. The model page asks for them (its chart shows them).
 */
async function panelAnalytics(range: Range, ids: string[]): Promise<WithFreshness<AnalyticsResult>> {
  const [counts, percentiles] = await Promise.all([
    fetchAnalytics(range, ids, { metrics: COUNT_METRICS, series: true }),
    fetchAnalytics(range, ids, { metrics: PERCENTILE_METRICS, series: false }),
  ]);
  const windowPercentiles = new Map((percentiles.summary ?? []).map((s) => [s.endpoint_id, s]));
  return {
    buckets: counts.buckets,
    // Each model's window figures: its counts and its percentiles. Without either summary the window's
    // percentiles are unknown (counts are then summed from the buckets, which hold them whole).
    summary:
      counts.summary && percentiles.summary
        ? counts.summary.map((s) => ({ ...windowPercentiles.get(s.endpoint_id), ...s }))
        : null,
    fetchedAt: Math.min(counts.fetchedAt, percentiles.fetchedAt),
    stale: counts.stale ?? percentiles.stale,
  };
}

/** An analytics answer for more models than the report lists, cut down to those it lists. */
function only<T extends AnalyticsResult>(result: T, ids: string[]): T {
  const keep = new Set(ids);
  return {
    ...result,
    buckets: result.buckets.map((b) => ({ ...b, results: b.results.filter((r) => keep.has(r.endpoint_id)) })),
    summary: result.summary?.filter((s) => keep.has(s.endpoint_id)) ?? null,
  };
}
