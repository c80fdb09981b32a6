import { TIMEFRAMES, type Timeframe } from "@/lib/time/timeframes";
import { isValidTimezone } from "@/lib/contracts/range";
import { autoTimeframe, parseInstant, snapToTimeframe } from "@/lib/time/zone";
import { validationError } from "./errors";

/** Query-parameter rules shared by the fal routes (docs/fal-api-notes.md, "Pagination", "Time windows"). */

const MAX_LIST = 50;
const DAY_MS = 86_400_000;

/** A multi-value parameter: repeated (`?a=x&a=y`) and/or comma-separated (`?a=x,y`); deduplicated. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const raw = query.getAll(name);
  if (raw.length === 0) return undefined;
  const values = [
    ...new Set(
      raw
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter((v) => v !== ""),
    ),
  ];
  if (values.length === 0) throw validationError(name, "expected 1-50 values, got none");
  if (values.length > MAX_LIST) throw validationError(name, `expected 1-50 values, got ${values.length}`);
  return values;
}

export function requiredListParam(query: URLSearchParams, name: string): string[] {
  const values = listParam(query, name);
  if (!values) throw validationError(name, "is required (1-50 values)");
  return values;
}

/** `expand` values, each checked against the operation's accepted set. */
export function expandParam(
  query: URLSearchParams,
  allowed: readonly string[],
  fallback: readonly string[],
): Set<string> {
  const values = query
    .getAll("expand")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  if (query.getAll("expand").length === 0) return new Set(fallback);
  for (const v of values) {
    if (!allowed.includes(v))
      throw validationError("expand", `unknown value '${v}'; accepted: ${allowed.join(", ")}`);
  }
  if (values.length === 0) throw validationError("expand", "expected at least one value");
  return new Set(values);
}

export type Page = { offset: number; limit: number; isFirst: boolean };

/**
 * `limit` and `cursor`. The cursor is base64 of the offset of the next item (opaque to clients, like fal's
 * `Mg==`); a limit above `max` is clamped, fal's "actual maximum depends on query type".
 */
export function pageParams(query: URLSearchParams, defaults: { limit: number; max: number }): Page {
  const rawLimit = query.get("limit");
  let limit = defaults.limit;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1)
      throw validationError("limit", "expected an integer >= 1");
    limit = Math.min(Number(rawLimit), defaults.max);
  }
  const cursor = query.get("cursor");
  let offset = 0;
  if (cursor !== null && cursor !== "") {
    const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(cursor)
      ? Buffer.from(cursor, "base64").toString("utf8")
      : "";
    if (!/^\d{1,9}$/.test(decoded)) throw validationError("cursor", "not a cursor returned by this endpoint");
    offset = Number(decoded);
  }
  return { offset, limit, isFirst: offset === 0 };
}

export function encodeCursor(offset: number): string {
  return Buffer.from(String(offset), "utf8").toString("base64");
}

/** Slices one page and builds `next_cursor`/`has_more`. */
export function paginate<T>(
  items: readonly T[],
  page: Page,
): { items: T[]; next_cursor: string | null; has_more: boolean } {
  const end = page.offset + page.limit;
  const next_cursor = end < items.length ? encodeCursor(end) : null;
  return { items: items.slice(page.offset, end), next_cursor, has_more: next_cursor !== null };
}

export type Window = {
  startMs: number;
  endMs: number;
  timezone: string;
  timeframe: Timeframe;
};

/**
 * start/end/timezone/timeframe/bound_to_timeframe: defaults are the last 24 hours; the timeframe
 * is auto-picked from the requested (unsnapped) span; `bound_to_timeframe=true` snaps to whole periods in
 * the time zone, `false` keeps the exact instants while buckets are still cut on period boundaries.
 */
export function windowParams(query: URLSearchParams, nowMs: number): Window {
  const timezone = query.get("timezone") ?? "UTC";
  if (!isValidTimezone(timezone)) {
    throw validationError(
      "timezone",
      `unknown time zone '${timezone}'; expected an IANA name such as America/New_York`,
    );
  }
  const rawEnd = query.get("end");
  const endMs = rawEnd === null ? nowMs : parseInstant(rawEnd, timezone);
  if (endMs === null)
    throw validationError("end", "expected YYYY-MM-DD or an ISO 8601 date-time with an offset");
  const rawStart = query.get("start");
  const startMs = rawStart === null ? endMs - DAY_MS : parseInstant(rawStart, timezone);
  if (startMs === null)
    throw validationError("start", "expected YYYY-MM-DD or an ISO 8601 date-time with an offset");
  if (startMs >= endMs) throw validationError("start", "must be before end (end is exclusive)");

  const rawTimeframe = query.get("timeframe");
  let timeframe: Timeframe;
  if (rawTimeframe === null) {
    timeframe = autoTimeframe(startMs, endMs);
  } else if ((TIMEFRAMES as readonly string[]).includes(rawTimeframe)) {
    timeframe = rawTimeframe as Timeframe;
  } else {
    throw validationError("timeframe", `expected one of ${TIMEFRAMES.join(", ")}`);
  }

  const bound = query.get("bound_to_timeframe") ?? "true";
  if (bound !== "true" && bound !== "false")
    throw validationError("bound_to_timeframe", "expected 'true' or 'false'");
  if (bound === "false") return { startMs, endMs, timezone, timeframe };
  const snapped = snapToTimeframe(startMs, endMs, timeframe, timezone);
  return { ...snapped, timezone, timeframe };
}

/**
 * `start`/`end` of the per-request endpoints (billing events, requests by endpoint): exact instants, no
 * timezone or timeframe; `start` defaults to `defaultSpanMs` before `end`, `end` to now (exclusive).
 */
export function instantWindow(
  query: URLSearchParams,
  nowMs: number,
  defaultSpanMs: number,
): { startMs: number; endMs: number } {
  const rawEnd = query.get("end");
  const endMs = rawEnd === null ? nowMs : parseInstant(rawEnd, "UTC");
  if (endMs === null)
    throw validationError("end", "expected YYYY-MM-DD or an ISO 8601 date-time with an offset");
  const rawStart = query.get("start");
  const startMs = rawStart === null ? endMs - defaultSpanMs : parseInstant(rawStart, "UTC");
  if (startMs === null)
    throw validationError("start", "expected YYYY-MM-DD or an ISO 8601 date-time with an offset");
  if (startMs >= endMs) throw validationError("start", "must be before end (end is exclusive)");
  return { startMs, endMs };
}
