import { hashInts } from "./hash";
import { hourRequests, type ErrorKind, type RequestDetail, type Traffic } from "./data";
import { validationError } from "./errors";
import { expandParam, instantWindow, pageParams, paginate, requiredListParam } from "./params";
import { minuteOf, type ResultCache } from "./result-cache";
import { ENDPOINT_BY_ID, endpointAt } from "./world";

/**
 * GET /v1/models/requests/by-endpoint. Requests are never stored: each (endpoint, hour) the window covers is
 * regenerated with per-request detail from the same seeded stream as its analytics and usage, so counts,
 * outcomes, durations and billed units agree with them by construction.
 */

const DAY_MS = 86_400_000;
const SALT_REQUEST_ID = 0x5eed_1d;
const REQUESTS_PAGE = { limit: 50, max: 100 };
const STATUSES = ["success", "error", "user_error"] as const;
const SORTS = ["ended_at", "duration"] as const;

const ERROR_STATUS: Record<ErrorKind, number> = { startup: 503, connection: 502, timeout: 504, runtime: 500 };

/** One simulated request with its instants (epoch ms); `detail` is what the stream drew for it. */
export type SimRequest = {
  request_id: string;
  endpointIndex: number;
  sentMs: number;
  startedMs: number;
  endedMs: number;
  /** Run time in seconds, to the millisecond. */
  duration: number;
  status_code: number;
  detail: RequestDetail;
};

export type RequestItem = {
  request_id: string;
  endpoint_id: string;
  started_at: string;
  sent_at: string;
  ended_at: string | null;
  status_code: number | null;
  duration: number | null;
  json_input?: unknown;
  json_output?: unknown;
};

/** A deterministic RFC 4122 version-4-shaped id from (seed, endpoint, hour, index). */
export function requestUuid(seed: number, endpointIndex: number, hourIndex: number, index: number): string {
  const hex = [0, 1, 2, 3]
    .map((k) =>
      hashInts(seed, SALT_REQUEST_ID, endpointIndex, hourIndex, index, k).toString(16).padStart(8, "0"),
    )
    .join("");
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Every request of the given endpoints sent in [startMs, endMs) (within retention, not after now), in
 * hour order. An hour's requests are sent spread over its minute, one after the other, so for windows on
 * whole minutes — every window analytics and usage cut — they are exactly the requests those count.
 */
export function requestsInWindow(
  traffic: Traffic,
  startMs: number,
  endMs: number,
  nowMs: number,
  endpointIndexes?: readonly number[],
): SimRequest[] {
  const out: SimRequest[] = [];
  for (const hour of traffic.eventsInRange(startMs - 60_000, endMs, nowMs, endpointIndexes)) {
    for (const detail of hourRequests(traffic.seed, hour.endpointIndex, hour.hourIndex)) {
      const sentMs = hour.at + Math.floor((detail.index * 60_000) / hour.requests);
      if (sentMs < startMs || sentMs >= endMs) continue;
      const startedMs = sentMs + Math.round(detail.prepareSeconds * 1000);
      const durationMs = Math.round(detail.durationSeconds * 1000);
      out.push({
        request_id: requestUuid(traffic.seed, hour.endpointIndex, hour.hourIndex, detail.index),
        endpointIndex: hour.endpointIndex,
        sentMs,
        startedMs,
        endedMs: startedMs + durationMs,
        duration: durationMs / 1000,
        status_code:
          detail.outcome === "success"
            ? 200
            : detail.outcome === "user_error"
              ? 422
              : ERROR_STATUS[detail.errorKind ?? "runtime"],
        detail,
      });
    }
  }
  return out;
}

export function indexesOf(endpointIds: readonly string[]): number[] {
  // Unknown ids simply have no requests, as with usage.
  return endpointIds.flatMap((id) => {
    const e = ENDPOINT_BY_ID.get(id);
    return e ? [e.index] : [];
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

function toRequestItem(r: SimRequest, payloads: boolean): RequestItem {
  const item: RequestItem = {
    request_id: r.request_id,
    endpoint_id: endpointAt(r.endpointIndex).endpoint_id,
    started_at: iso(r.startedMs),
    sent_at: iso(r.sentMs),
    ended_at: iso(r.endedMs),
    status_code: r.status_code,
    duration: r.duration,
  };
  if (payloads) {
    item.json_input = { prompt: `simulated request ${r.detail.index}` };
    item.json_output =
      r.detail.outcome === "success" ? { images: [{ url: "https://v3.fal.media/files/sim.png" }] } : null;
  }
  return item;
}

export type RequestsResponse = { items: RequestItem[]; next_cursor: string | null; has_more: boolean };

export function handleRequests(
  query: URLSearchParams,
  ctx: { nowMs: number; traffic: Traffic; cache?: ResultCache },
): RequestsResponse {
  const endpointIds = requiredListParam(query, "endpoint_id");
  const requestId = query.get("request_id");
  if (
    requestId !== null &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(requestId)
  )
    throw validationError("request_id", "expected a uuid");
  // A request-id lookup widens the default start to 90 days (fal's documented rule).
  const window = instantWindow(query, ctx.nowMs, requestId !== null ? 90 * DAY_MS : DAY_MS);
  const status = query.get("status");
  if (status !== null && !(STATUSES as readonly string[]).includes(status))
    throw validationError("status", `expected one of ${STATUSES.join(", ")}`);
  const sortBy = query.get("sort_by") ?? "ended_at";
  if (!(SORTS as readonly string[]).includes(sortBy))
    throw validationError("sort_by", `expected one of ${SORTS.join(", ")}`);
  const rawLimit = query.get("limit");
  if (rawLimit !== null && /^\d+$/.test(rawLimit) && Number(rawLimit) > REQUESTS_PAGE.max)
    throw validationError("limit", `expected at most ${REQUESTS_PAGE.max}`);
  const page = pageParams(query, REQUESTS_PAGE);
  const payloads = expandParam(query, ["payloads"], []).has("payloads");

  const compute = (): SimRequest[] => {
    const rows = requestsInWindow(
      ctx.traffic,
      window.startMs,
      window.endMs,
      ctx.nowMs,
      indexesOf(endpointIds),
    )
      .filter((r) => status === null || r.detail.outcome === status)
      .filter((r) => requestId === null || r.request_id === requestId.toLowerCase());
    // Newest end first, or longest first; the request id breaks ties so pages never overlap.
    const key = sortBy === "duration" ? (r: SimRequest) => r.duration : (r: SimRequest) => r.endedMs;
    return rows.sort((a, b) => key(b) - key(a) || a.request_id.localeCompare(b.request_id));
  };
  const cacheKey = JSON.stringify([
    "requests",
    window,
    endpointIds,
    status,
    requestId,
    sortBy,
    minuteOf(ctx.nowMs),
  ]);
  const rows = ctx.cache ? ctx.cache.getOrCompute(cacheKey, compute) : compute();
  const paged = paginate(rows, page);
  return {
    items: paged.items.map((r) => toRequestItem(r, payloads)),
    next_cursor: paged.next_cursor,
    has_more: paged.has_more,
  };
}
