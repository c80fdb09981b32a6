import { DateTime, IANAZone } from "luxon";
import type { Timeframe } from "@/lib/time/timeframes";

/**
 * Time windows as fal cuts them (docs/fal-api-notes.md, "Time windows"), shared by the fal routes, the
 * event store and the simulator so both halves of the dashboard bucket the same instants the same way.
 *
 * A bucket is a maximal stretch of time over which the local calendar unit stays the same — and, for
 * minutes and hours, the UTC offset too (Postgres' date_trunc keeps the offset below a day, so the
 * repeated hour of a fall-back is two buckets). Buckets are found by wall-clock arithmetic plus a search
 * for offset transitions, never by stepping Luxon's `plus().startOf()`: that stalls forever on a
 * half-hour clock change (Lord Howe's April fall-back) and cannot be made to terminate in general.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** More buckets than any route asks for (2,000 at most); beyond it something is wrong, so stop loudly. */
export const MAX_BUCKETS = 50_000;

/** fal's automatic choice: minute (<2h), hour (<2d), day (<64d), week (<183d), month (>=183d). */
export function autoTimeframe(startMs: number, endMs: number): Timeframe {
  const span = endMs - startMs;
  if (span < 2 * HOUR_MS) return "minute";
  if (span < 2 * DAY_MS) return "hour";
  if (span < 64 * DAY_MS) return "day";
  if (span < 183 * DAY_MS) return "week";
  return "month";
}

const zones = new Map<string, IANAZone>();
function zoneOf(timezone: string): IANAZone {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = IANAZone.create(timezone);
    if (!zone.isValid) throw new RangeError(`unknown time zone ${timezone}`);
    zones.set(timezone, zone);
  }
  return zone;
}

/** UTC offset at `ms`, in milliseconds, as the runtime's time zone database says (a few µs a call). */
function intlOffset(zone: IANAZone, ms: number): number {
  return zone.offset(ms) * MINUTE_MS;
}

/** The wall-clock start of `timeframe` holding wall time `wall` (local time written as if it were UTC). */
function floorWall(wall: number, timeframe: Timeframe): number {
  switch (timeframe) {
    case "minute":
      return Math.floor(wall / MINUTE_MS) * MINUTE_MS;
    case "hour":
      return Math.floor(wall / HOUR_MS) * HOUR_MS;
    case "day":
      return Math.floor(wall / DAY_MS) * DAY_MS;
    case "week": {
      const day = Math.floor(wall / DAY_MS) * DAY_MS;
      // ISO weeks start on Monday (getUTCDay: Sunday 0), as Postgres' date_trunc('week').
      return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
    }
    case "month": {
      const d = new Date(wall);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

function nextWall(wallStart: number, timeframe: Timeframe): number {
  switch (timeframe) {
    case "minute":
      return wallStart + MINUTE_MS;
    case "hour":
      return wallStart + HOUR_MS;
    case "day":
      return wallStart + DAY_MS;
    case "week":
      return wallStart + 7 * DAY_MS;
    case "month": {
      const d = new Date(wallStart);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

const SUB_DAY = new Set<Timeframe>(["minute", "hour"]);

/** What two instants share when they are in one bucket. */
function bucketKey(zone: IANAZone, ms: number, timeframe: Timeframe): string {
  const offset = offsetMs(zone, ms);
  const wall = floorWall(ms + offset, timeframe);
  return SUB_DAY.has(timeframe) ? `${wall}/${offset}` : String(wall);
}

type Transition = { at: number; offset: number };
type Year = { startOffset: number; transitions: readonly Transition[] };
const years = new Map<string, Year>();

/**
 * The offset changes in one UTC year: the instant each new offset takes over. Found once per zone and
 * year by day-sized steps and a binary search to the millisecond (offsets change at most every few
 * weeks; the zone test walks every zone to hold that), so bucket arithmetic afterwards is a table lookup.
 */
function yearIn(zone: IANAZone, year: number): Year {
  const cacheKey = `${zone.name}/${year}`;
  let found = years.get(cacheKey);
  if (found) return found;
  const list: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let lo = Date.UTC(year, 0, 1);
  let loOffset = intlOffset(zone, lo);
  const startOffset = loOffset;
  while (lo < end) {
    const hi = Math.min(end, lo + DAY_MS);
    const hiOffset = intlOffset(zone, hi);
    if (hiOffset !== loOffset) {
      let a = lo; // offset(a) === loOffset
      let b = hi; // offset(b) !== loOffset
      while (b - a > 1) {
        const mid = a + Math.floor((b - a) / 2);
        if (intlOffset(zone, mid) === loOffset) a = mid;
        else b = mid;
      }
      // A change exactly at the year's end belongs to the next year's list.
      if (b < end) list.push({ at: b, offset: intlOffset(zone, b) });
    }
    lo = hi;
    loOffset = hiOffset;
  }
  found = { startOffset, transitions: list };
  years.set(cacheKey, found);
  return found;
}

/** UTC offset at `ms`, in milliseconds. */
function offsetMs(zone: IANAZone, ms: number): number {
  const { startOffset, transitions } = yearIn(zone, yearOf(ms));
  return transitions.findLast((t) => t.at <= ms)?.offset ?? startOffset;
}

const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

/** The first offset change in (from, to], or null. */
function firstChange(zone: IANAZone, from: number, to: number): number | null {
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    const hit = yearIn(zone, year).transitions.find((t) => t.at > from && t.at <= to);
    if (hit) return hit.at;
  }
  return null;
}

/** The last offset change in (from, to], or null. */
function lastChange(zone: IANAZone, from: number, to: number): number | null {
  for (let year = yearOf(to); year >= yearOf(from); year--) {
    const hit = yearIn(zone, year).transitions.findLast((t) => t.at > from && t.at <= to);
    if (hit) return hit.at;
  }
  return null;
}

/** Start (epoch ms) of the bucket holding `ms`. */
function startMsOf(zone: IANAZone, ms: number, timeframe: Timeframe): number {
  const key = bucketKey(zone, ms, timeframe);
  let at = ms;
  // Each round moves back past one offset change inside the bucket; a bucket holds very few.
  for (let round = 0; round < 8; round++) {
    const offset = offsetMs(zone, at);
    const naive = floorWall(at + offset, timeframe) - offset;
    const start = lastChange(zone, naive, at) ?? naive;
    if (bucketKey(zone, start - 1, timeframe) !== key) return start;
    at = start - 1;
  }
  throw new Error(`bucket start not found for ${timeframe} at ${ms} in ${zone.name}`);
}

/** Exclusive end (epoch ms) of the bucket holding `ms`. */
function endMsOf(zone: IANAZone, ms: number, timeframe: Timeframe): number {
  const key = bucketKey(zone, ms, timeframe);
  let at = ms;
  for (let round = 0; round < 8; round++) {
    const offset = offsetMs(zone, at);
    const naive = nextWall(floorWall(at + offset, timeframe), timeframe) - offset;
    const end = firstChange(zone, at, naive) ?? naive;
    if (bucketKey(zone, end, timeframe) !== key) return end;
    at = end;
  }
  throw new Error(`bucket end not found for ${timeframe} at ${ms} in ${zone.name}`);
}

/** Start of the bucket holding `ms` in `timezone`; weeks start on Monday (ISO), as Postgres' date_trunc. */
export function bucketStart(ms: number, timeframe: Timeframe, timezone: string): DateTime {
  return DateTime.fromMillis(startMsOf(zoneOf(timezone), ms, timeframe), { zone: timezone });
}

/** ISO 8601 with the zone's offset and no milliseconds, e.g. `2025-01-15T00:00:00-05:00` (`+00:00` for UTC). */
export function formatBucket(dt: DateTime): string {
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/**
 * Every bucket start (epoch ms) in [startMs, endMs), in order, then the exclusive end of the last one;
 * throws beyond MAX_BUCKETS rather than exhaust memory.
 */
export function bucketBoundaries(
  startMs: number,
  endMs: number,
  timeframe: Timeframe,
  timezone: string,
): number[] {
  const zone = zoneOf(timezone);
  const out: number[] = [];
  let b = startMsOf(zone, startMs, timeframe);
  for (; b < endMs; b = endMsOf(zone, b, timeframe)) {
    if (out.length === MAX_BUCKETS) {
      throw new RangeError(`more than ${MAX_BUCKETS} ${timeframe} buckets between ${startMs} and ${endMs}`);
    }
    out.push(b);
  }
  out.push(b);
  return out;
}

/** Every bucket start in [startMs, endMs), in order. */
export function bucketsBetween(
  startMs: number,
  endMs: number,
  timeframe: Timeframe,
  timezone: string,
): DateTime[] {
  return bucketBoundaries(startMs, endMs, timeframe, timezone)
    .slice(0, -1)
    .map((ms) => DateTime.fromMillis(ms, { zone: timezone }));
}

/** `bound_to_timeframe=true`: start snaps to its period's start, end to the exclusive start of the next one. */
export function snapToTimeframe(
  startMs: number,
  endMs: number,
  timeframe: Timeframe,
  timezone: string,
): { startMs: number; endMs: number } {
  const zone = zoneOf(timezone);
  const lastStart = startMsOf(zone, endMs, timeframe);
  return {
    startMs: startMsOf(zone, startMs, timeframe),
    endMs: lastStart === endMs ? endMs : endMsOf(zone, lastStart, timeframe),
  };
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
