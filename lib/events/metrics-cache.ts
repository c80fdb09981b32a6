import type { EventMetricsResponse, METRICS_SERIES } from "@/lib/contracts/events";
import type { Range } from "@/lib/time/range";
import { eventMetrics } from "@/lib/events/metrics";
import { processSingleton } from "@/lib/process-singleton";
import { PromiseCache, windowKey } from "@/lib/promise-cache";

/**
 * Answers of `GET /api/events/metrics`, shared by every viewer for a few seconds: a dashboard open on
 * many screens (or refreshed by SWR) asks the same question over and over, and each answer is several
 * queries on a single-threaded store. Concurrent identical questions share one computation.
 *
 * Writes through this process's ingest route clear it, so the next read sees them at once. Writes
 * by another process (a second app instance on the same PostgreSQL, `npm run seed`) show within TTL_MS.
 */
const TTL_MS = 5_000;

function answers(): PromiseCache {
  return processSingleton("event-metrics-answers", () => new PromiseCache({ max: 500, ttl: TTL_MS }));
}

export function cachedEventMetrics(range: Range, eventId?: string): Promise<EventMetricsResponse> {
  return answers().get([...windowKey(range), eventId ?? ""], () => eventMetrics(range, { eventId }));
}

/** What the route answers: the cached answer, its series left out when `series` is `none`. */
export async function eventMetricsView(
  range: Range,
  { eventId, series = "full" }: { eventId?: string; series?: (typeof METRICS_SERIES)[number] } = {},
): Promise<EventMetricsResponse> {
  const answer = await cachedEventMetrics(range, eventId);
  return series === "none" ? { ...answer, series: [] } : answer;
}

/**
 * After activities were stored: every cached answer may be out of date. A read still running when the
 * write landed settles under the previous generation, which no later reader asks for.
 */
export function eventsChanged(): void {
  answers().clear();
}
