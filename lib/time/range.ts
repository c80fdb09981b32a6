import { DateTime } from "luxon";
import { invalid } from "@/lib/api/errors";
import {
  DEFAULT_RANGE_MS,
  MAX_RANGE_DAYS,
  MINUTE_RANGE_MS,
  type RangeQuery,
  type ResolvedRange,
} from "@/lib/contracts/range";
import { MAX_CHART_BUCKETS, type Timeframe } from "@/lib/time/timeframes";
import { autoTimeframe, formatBucket, parseInstant, snapToTimeframe } from "@/lib/time/zone";

/** Neither fal nor Postgres deals in years like 0 or 10000; a window outside these is a typo. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);

export type Range = Required<ResolvedRange> & { startMs: number; endMs: number };

/**
 * Resolves a query into the exact window both halves use: defaults (last 7 days up to now), the
 * timeframe (fal's auto rule when absent), then bound-to-timeframe snapping, so the start/end we send to
 * fal are the ones fal would use and the event store cuts identical buckets.
 */
export function resolveRange(query: RangeQuery, opts: { defaultTimezone: string; now: number }): Range {
  const timezone = query.timezone ?? opts.defaultTimezone;
  const end = query.end === undefined ? opts.now : parseInstant(query.end, timezone);
  if (end === null) throw invalid("end", "not a valid date or date-time");
  const start =
    query.start === undefined
      ? Math.max(EARLIEST_MS, end - DEFAULT_RANGE_MS)
      : parseInstant(query.start, timezone);
  if (start === null) throw invalid("start", "not a valid date or date-time");
  if (end <= EARLIEST_MS || end > LATEST_MS)
    throw invalid("end", "must be between 2000-01-01 and 2100-01-01");
  if (start < EARLIEST_MS) throw invalid("start", "must be on or after 2000-01-01");
  if (start >= end) throw invalid("start", "must be before end (end is exclusive)");
  if (end - start > MAX_RANGE_DAYS * 86_400_000)
    throw invalid("start", `range is longer than ${MAX_RANGE_DAYS} days`);

  const timeframe: Timeframe = query.timeframe ?? autoTimeframe(start, end);
  // Event metrics keep minutes only in raw rows, read for short windows; fal's own auto rule agrees.
  if (timeframe === "minute" && end - start > MINUTE_RANGE_MS) {
    throw invalid("timeframe", "minute buckets are available for ranges up to 2 hours");
  }
  const snapped = snapToTimeframe(start, end, timeframe, timezone);
  const approxBuckets = (snapped.endMs - snapped.startMs) / BUCKET_MS[timeframe];
  if (approxBuckets > MAX_CHART_BUCKETS) {
    throw invalid(
      "timeframe",
      `${timeframe} buckets over this range would be more than ${MAX_CHART_BUCKETS}; pick a coarser one`,
    );
  }
  const fmt = (ms: number) => formatBucket(DateTime.fromMillis(ms, { zone: timezone }));
  return {
    start: fmt(snapped.startMs),
    end: fmt(snapped.endMs),
    timezone,
    timeframe,
    as_of: fmt(Math.max(snapped.startMs, Math.min(opts.now, snapped.endMs))),
    startMs: snapped.startMs,
    endMs: snapped.endMs,
  };
}

const BUCKET_MS: Record<Timeframe, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 28 * 86_400_000,
};

export function publicRange(range: Range): ResolvedRange {
  return {
    start: range.start,
    end: range.end,
    timezone: range.timezone,
    timeframe: range.timeframe,
    as_of: range.as_of,
  };
}
