import { DateTime, IANAZone } from "luxon";
import type { Timeframe } from "@/lib/time/timeframes";

/**
 * Time windows exactly as fal cuts them (fal-platform-api.md §1.5), shared by the fal routes, the event
 * store and the browser so both halves of the dashboard bucket the same instants the same way.
 */


const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function isValidTimezone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}

/** fal's automatic choice: minute (<2h), hour (<2d), day (<64d), week (<183d), month (>=183d). */
export function autoTimeframe(startMs: number, endMs: number): Timeframe {
  const span = endMs - startMs;
  if (span < 2 * HOUR_MS) return "minute";
  if (span < 2 * DAY_MS) return "hour";
  if (span < 64 * DAY_MS) return "day";
  if (span < 183 * DAY_MS) return "week";
  return "month";
}

/** Start of the bucket holding `ms` in `timezone`; weeks start on Monday (ISO), as Postgres' date_trunc. */
export function bucketStart(ms: number, timeframe: Timeframe, timezone: string): DateTime {
  return DateTime.fromMillis(ms, { zone: timezone }).startOf(timeframe, { useLocaleWeeks: false });
}

/** Exclusive end of the bucket that starts at `start`. */
export function nextBucket(start: DateTime, timeframe: Timeframe): DateTime {
  return start.plus({ [`${timeframe}s`]: 1 }).startOf(timeframe, { useLocaleWeeks: false });
}

/** ISO 8601 with the zone's offset and no milliseconds, e.g. `2025-01-15T00:00:00-05:00` (`+00:00` for UTC). */
export function formatBucket(dt: DateTime): string {
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** Every bucket start in [startMs, endMs), in order. */
export function bucketsBetween(startMs: number, endMs: number, timeframe: Timeframe, timezone: string): DateTime[] {
  const out: DateTime[] = [];
  for (
    let b = bucketStart(startMs, timeframe, timezone);
    b.toMillis() < endMs;
    b = nextBucket(b, timeframe)
  ) {
    out.push(b);
  }
  return out;
}

/** `bound_to_timeframe=true`: start snaps to its period's start, end to the exclusive start of the next one. */
export function snapToTimeframe(
  startMs: number,
  endMs: number,
  timeframe: Timeframe,
  timezone: string,
): { startMs: number; endMs: number } {
  const start = bucketStart(startMs, timeframe, timezone);
  const lastBucket = bucketStart(endMs, timeframe, timezone);
  const end = lastBucket.toMillis() === endMs ? lastBucket : nextBucket(lastBucket, timeframe);
  return { startMs: start.toMillis(), endMs: end.toMillis() };
}

/** Parses `YYYY-MM-DD` (midnight in `timezone`) or ISO 8601 with an offset or `Z`; null when neither. */
export function parseInstant(value: string, timezone: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const dt = DateTime.fromISO(value, { zone: timezone });
    return dt.isValid ? dt.toMillis() : null;
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return null;
  const dt = DateTime.fromISO(value, { setZone: true });
  return dt.isValid ? dt.toMillis() : null;
}

export function toUtcIso(ms: number): string {
  return DateTime.fromMillis(ms, { zone: "utc" }).toISO({ suppressMilliseconds: true }) ?? "";
}
