import "server-only";
import { costByRequest, fetchBillingEvents } from "@/lib/ai/billing-events";
import type { RequestRow, RequestsQuery, RequestsResponse } from "@/lib/contracts/model-detail";
import { fromNano } from "@/lib/fal/aggregate";
import { cachedFalGet } from "@/lib/fal/cache";
import { FalError } from "@/lib/fal/errors";
import { requestsPageSchema, type FalRequestItem } from "@/lib/fal/schemas";
import { publicRange, type Range } from "@/lib/time/range";
import { toUtcIso } from "@/lib/time/zone";

/**
 * One page of a model's requests from fal (`GET /models/requests/by-endpoint`, fal's cursor passed
 * through), each joined by request id with what fal billed for it (`GET /models/billing-events`).
 * Payloads are never asked for. Billing events need a permission the requests list does not: without
 * it the page still lists requests, with `cost: null` and the reason.
 */

const HOUR_MS = 3_600_000;
const isSuccess = (code: number | null | undefined) => code != null && code >= 200 && code < 300;

function seconds(fromIso: string, toIso: string | null | undefined): number | null {
  if (!toIso) return null;
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}

/**
 * The span billing events are looked up in: from the first request sent to an hour after the last one
 * ended (fal does not say whether an event is stamped when the request was sent or when it was billed).
 */
function lookupWindow(items: readonly FalRequestItem[]): { startMs: number; endMs: number } {
  const sent = items.map((i) => Date.parse(i.sent_at));
  const ended = items.map((i) => Date.parse(i.ended_at ?? i.sent_at));
  const startMs = Math.floor(Math.min(...sent) / 1000) * 1000;
  return { startMs, endMs: Math.ceil(Math.max(...ended) / 1000) * 1000 + HOUR_MS };
}

export async function requestsPage(range: Range, query: RequestsQuery): Promise<RequestsResponse> {
  const page = await cachedFalGet(
    "requests",
    "/models/requests/by-endpoint",
    {
      endpoint_id: query.endpoint_id,
      start: toUtcIso(range.startMs),
      end: toUtcIso(range.endMs),
      status: query.status,
      sort_by: query.sort_by,
      cursor: query.cursor,
      limit: query.limit ?? 50,
    },
    requestsPageSchema,
  );
  const items = page.data.items;
  const billed = items.filter((i) => isSuccess(i.status_code)).map((i) => i.request_id);

  let costs: Map<string, bigint> | null = new Map();
  let costUnavailable: RequestsResponse["cost_unavailable"] = null;
  if (billed.length > 0) {
    const window = lookupWindow(items.filter((i) => isSuccess(i.status_code)));
    try {
      costs = costByRequest(
        (await fetchBillingEvents(window.startMs, window.endMs, { requestIds: billed })).events,
      );
    } catch (error) {
      if (!(error instanceof FalError)) throw error;
      costs = null;
      costUnavailable = error.diagnosis;
    }
  }

  return {
    range: publicRange(range),
    items: items.map((i): RequestRow => {
      const cost = costs?.get(i.request_id);
      return {
        request_id: i.request_id,
        endpoint_id: i.endpoint_id,
        sent_at: i.sent_at,
        started_at: i.started_at,
        ended_at: i.ended_at ?? null,
        status_code: i.status_code ?? null,
        queue_seconds: seconds(i.sent_at, i.started_at),
        run_seconds: i.duration ?? null,
        // fal bills no failures; a success without an event is unknown, not free.
        cost:
          costs === null ? null : cost !== undefined ? fromNano(cost) : isSuccess(i.status_code) ? null : 0,
      };
    }),
    next_cursor: page.data.has_more ? (page.data.next_cursor ?? null) : null,
    // fal's billing events are in USD (the document says so); they carry no currency field.
    currency: "USD",
    cost_unavailable: costUnavailable,
  };
}
