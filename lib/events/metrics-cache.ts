import { LRUCache } from "lru-cache";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import type { Range } from "@/lib/time/range";
import { eventMetrics } from "@/lib/events/metrics";
import { processSingleton } from "@/lib/process-singleton";
import { sharedPromise } from "@/lib/promise-cache";

/**
 * Answers of `GET /api/events/metrics`, shared by every viewer for a few seconds: a dashboard open on
 * many screens (or refreshed by SWR) asks the same question over and over, and each answer is several
 * queries on a single-threaded store. Concurrent identical questions share one computation.
 *
 * Writes through this process's ingest route bump `version`, so the next read sees them at once. Writes
 * by another process (a second app instance on the same PostgreSQL, `npm run seed`) show within TTL_MS.
 */
const TTL_MS = 5_000;

type State = { answers: LRUCache<string, Promise<unknown>>; version: number };

function state(): State {
  return processSingleton("event-metrics-answers", () => ({
    answers: new LRUCache<string, Promise<unknown>>({ max: 500, ttl: TTL_MS }),
    version: 0,
  }));
}

export function cachedEventMetrics(range: Range, eventId?: string): Promise<EventMetricsResponse> {
  const { answers, version } = state();
  // The version is part of the key, so a read still running when a write lands is filed under a key no
  // later reader asks for, instead of serving the pre-write answer for another TTL.
  const key = [version, range.start, range.end, range.timezone, range.timeframe, eventId ?? ""].join(" ");
  return sharedPromise(answers, key, () => eventMetrics(range, { eventId }));
}

/** After activities were stored: every cached answer may be out of date. */
export function eventsChanged(): void {
  const s = state();
  s.version += 1;
  s.answers.clear();
}
