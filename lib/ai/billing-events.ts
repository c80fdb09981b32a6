import "server-only";
import { toNano } from "@/lib/fal/aggregate";
import { cachedFalGet } from "@/lib/fal/cache";
import { allPages, chunk, type WithFreshness } from "@/lib/fal/client";
import { billingEventsPageSchema, type FalBillingEvent } from "@/lib/fal/schemas";
import { toUtcIso } from "@/lib/time/zone";

/**
 * `GET /models/billing-events` (docs/fal-api-notes.md, "Billing events"): fal serves at most 90 days per
 * call and 10,000 events per page, so a window is cut into spans of at most 90 days and every cursor is
 * followed. Request ids are asked for 50 at a time, fal's list maximum.
 */

const DAY_MS = 86_400_000;
const BILLING_EVENTS_MAX_SPAN_MS = 90 * DAY_MS;
const PAGE_LIMIT = 10_000;
const MAX_IDS = 50;

/** [startMs, endMs) cut into consecutive spans of at most 90 days. */
function billingSpans(startMs: number, endMs: number): { startMs: number; endMs: number }[] {
  const spans: { startMs: number; endMs: number }[] = [];
  for (let s = startMs; s < endMs; s += BILLING_EVENTS_MAX_SPAN_MS)
    spans.push({ startMs: s, endMs: Math.min(s + BILLING_EVENTS_MAX_SPAN_MS, endMs) });
  return spans;
}

/** What fal charged for one event, in nano-USD: `cost_total`, else the older nano estimate. */
export function eventCostNano(e: FalBillingEvent): bigint {
  return e.cost_total !== undefined
    ? toNano(e.cost_total)
    : BigInt(Math.round(e.cost_estimate_nano_usd ?? 0));
}

/** Every billing event in [startMs, endMs), optionally only those of some request ids or endpoints. */
export async function fetchBillingEvents(
  startMs: number,
  endMs: number,
  opts: { requestIds?: readonly string[]; endpointIds?: readonly string[] } = {},
): Promise<WithFreshness<{ events: FalBillingEvent[] }>> {
  const idChunks = opts.requestIds ? chunk([...new Set(opts.requestIds)].sort(), MAX_IDS) : [undefined];
  const endpointChunks = opts.endpointIds
    ? chunk([...new Set(opts.endpointIds)].sort(), MAX_IDS)
    : [undefined];
  const calls = billingSpans(startMs, endMs).flatMap((span) =>
    idChunks.flatMap((ids) =>
      endpointChunks.map((endpoints) =>
        allPages("billing_events", (cursor) =>
          cachedFalGet(
            "billing_events",
            "/models/billing-events",
            {
              start: toUtcIso(span.startMs),
              end: toUtcIso(span.endMs),
              request_id: ids,
              endpoint_id: endpoints,
              limit: PAGE_LIMIT,
              cursor,
            },
            billingEventsPageSchema,
          ),
        ),
      ),
    ),
  );
  const results = await Promise.all(calls);
  return {
    events: results.flatMap((r) => r.pages.flatMap((p) => p.billing_events)),
    fetchedAt: Math.min(Date.now(), ...results.map((r) => r.fetchedAt)),
    stale: results.find((r) => r.stale !== null)?.stale ?? null,
  };
}

/** Billed nano-USD per request id (an id may carry several events). */
export function costByRequest(events: readonly FalBillingEvent[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const e of events) out.set(e.request_id, (out.get(e.request_id) ?? BigInt(0)) + eventCostNano(e));
  return out;
}
