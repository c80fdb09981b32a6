import "server-only";
import type { InsightsModel, InsightsResponse } from "@/lib/contracts/model-detail";
import { cachedFalGet } from "@/lib/fal/cache";
import { fetchAnalytics } from "@/lib/fal/client";
import { FalError } from "@/lib/fal/errors";
import { insightsSchema } from "@/lib/fal/schemas";
import type { Range } from "@/lib/time/range";

/**
 * "Is it us or fal?": fal-wide weekly p50/p90 run time per public model (`GET /models/insights`, beta,
 * milliseconds) beside the team's own p50/p90 over the same window from analytics (seconds). Either side
 * failing only hides its half: the comparison is an aside, never an error over the model page.
 */

const DAY_MS = 86_400_000;

/** fal's window as a Range for analytics: whole UTC days when it is day-aligned, else hours. */
function windowRange(startMs: number, endMs: number): Range {
  const aligned = startMs % DAY_MS === 0 && endMs % DAY_MS === 0;
  return {
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    // fal's week is over, so its data is complete up to its end.
    as_of: new Date(endMs).toISOString(),
    timezone: "UTC",
    timeframe: aligned ? "day" : "hour",
    startMs,
    endMs,
  };
}

const toSeconds = (ms: number | null | undefined) => (ms == null ? null : ms / 1000);

export async function insightsReport(endpointIds: readonly string[]): Promise<InsightsResponse> {
  const ids = [...new Set(endpointIds)];
  const none = (id: string): InsightsModel => ({
    endpoint_id: id,
    fal_p50_seconds: null,
    fal_p90_seconds: null,
    sufficient_evidence: false,
    public: false,
    your_p50_seconds: null,
    your_p90_seconds: null,
  });
  let insights;
  try {
    insights = (await cachedFalGet("insights", "/models/insights", { endpoint_id: ids }, insightsSchema))
      .data;
  } catch (error) {
    if (!(error instanceof FalError)) throw error;
    return { window: null, models: ids.map(none), unavailable: error.diagnosis };
  }
  const { window_start, window_end } = insights.evidence;
  const startMs = window_start ? Date.parse(window_start) : NaN;
  const endMs = window_end ? Date.parse(window_end) : NaN;
  const window =
    Number.isFinite(startMs) && Number.isFinite(endMs) && startMs < endMs ? { startMs, endMs } : null;

  let own = new Map<string, { p50: number | null; p90: number | null }>();
  if (window) {
    try {
      const analytics = await fetchAnalytics(windowRange(window.startMs, window.endMs), ids);
      own = new Map(
        (analytics.summary ?? []).map((s) => [
          s.endpoint_id,
          { p50: s.p50_duration ?? null, p90: s.p90_duration ?? null },
        ]),
      );
    } catch (error) {
      if (!(error instanceof FalError)) throw error;
    }
  }

  return {
    window: window
      ? { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString() }
      : null,
    models: ids.map((id) => {
      const evidence = insights.evidence.models.find((m) => m.endpoint_id === id)?.evidence ?? null;
      const mine = own.get(id);
      return {
        ...none(id),
        fal_p50_seconds: toSeconds(evidence?.latency.p50_ms),
        fal_p90_seconds: toSeconds(evidence?.latency.p90_ms),
        sufficient_evidence: evidence?.latency.sufficient_evidence ?? false,
        public: evidence !== null,
        your_p50_seconds: mine?.p50 ?? null,
        your_p90_seconds: mine?.p90 ?? null,
      };
    }),
    unavailable: null,
  };
}
