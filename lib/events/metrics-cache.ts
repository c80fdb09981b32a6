import type { EventMetricsResponse } from "@/lib/contracts/events";
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

/**
 * After activities were stored: every cached answer may be out of date. A read still running when the
 * write landed settles under the previous generation, which no later reader asks for.
 */
export function eventsChanged(): void {
  answers().clear();
}
