import { z } from "zod";
import type { Traffic } from "./data";
import { validationError } from "./errors";
import { expandParam, instantWindow, listParam, pageParams, paginate } from "./params";
import { indexesOf, requestsInWindow, type SimRequest } from "./requests";
import { minuteOf, type ResultCache } from "./result-cache";
import { lineMoney } from "./usage";
import { ENDPOINTS, endpointAt, variantOf } from "./world";

/**
 * GET /v1/models/billing-events: one event per billed (successful) request, priced like its usage line.
 * Every price has at most 3 decimals and every billed quantity at most 2, so each event's charge is a whole
 * number of micro-dollars and the events of any bucket sum exactly to usage's cost for that bucket — no
 * rounding to allocate. The usage money (`lineMoney`) is reused so the two cannot drift apart.
 */

const DAY_MS = 86_400_000;
const MAX_RANGE_MS = 90 * DAY_MS;
const BILLING_EVENTS_PAGE = { limit: 1000, max: 10_000 };
const EXPAND = ["auth_method", "auth_method_structured"] as const;

/**
 * The injected discrepancy (`POST /_sim/billing-gap`): fal still bills the endpoint's usage in full, but
 * every `every`-th request loses its billing event, so per-request charges fall short of usage.
 */
export const billingGapSchema = z
  .object({ endpoint_id: z.string().min(1), every: z.number().int().min(2).max(1000).default(10) })
  .strict();
export type BillingGap = z.infer<typeof billingGapSchema>;

export type BillingEvent = {
  request_id: string;
  endpoint_id: string;
  timestamp: string;
  output_units: number | null;
  unit_price: number | null;
  percent_discount: number | null;
  cost_subtotal: number;
  cost_discount: number;
  cost_total: number;
  cost_estimate_nano_usd: number;
  auth_method?: string;
  auth_method_structured?: { detail: string; api_key_id?: string; login_username?: string };
};

export type BillingEventsResponse = {
  billing_events: BillingEvent[];
  next_cursor: string | null;
  has_more: boolean;
};

/** The billing event of a request, or null when fal bills nothing for it (failures). */
export function billingEventOf(r: SimRequest, expand: ReadonlySet<string> = new Set()): BillingEvent | null {
  if (r.detail.variant === null) return null;
  const endpoint = endpointAt(r.endpointIndex);
  const variant = variantOf(endpoint, r.detail.variant);
  const money = lineMoney(r.detail.units, variant.unit_price, variant.percent_discount);
  const event: BillingEvent = {
    request_id: r.request_id,
    endpoint_id: endpoint.endpoint_id,
    timestamp: new Date(r.sentMs).toISOString(),
    output_units: r.detail.units,
    unit_price: variant.unit_price,
    percent_discount: variant.percent_discount,
    ...money,
    cost_estimate_nano_usd: Math.round(money.cost_total * 1e9),
  };
  if (expand.has("auth_method")) event.auth_method = variant.label;
  if (expand.has("auth_method_structured")) {
    event.auth_method_structured =
      variant.api_key_id !== null
        ? { detail: variant.detail, api_key_id: variant.api_key_id }
        : { detail: variant.detail, login_username: variant.login_username ?? variant.detail };
  }
  return event;
}

export function handleBillingEvents(
  query: URLSearchParams,
  ctx: { nowMs: number; traffic: Traffic; gap: BillingGap | null; cache?: ResultCache },
): BillingEventsResponse {
  const window = instantWindow(query, ctx.nowMs, DAY_MS);
  if (window.endMs - window.startMs > MAX_RANGE_MS)
    throw validationError("start", "the date range is capped at 90 days");
  const endpointIds = listParam(query, "endpoint_id");
  const requestIds = listParam(query, "request_id");
  const apiKeyIds = listParam(query, "api_key_id");
  const logins = listParam(query, "login_username");
  const expand = expandParam(query, EXPAND, []);
  const page = pageParams(query, BILLING_EVENTS_PAGE);

  const compute = (): BillingEvent[] => {
    const indexes = endpointIds ? indexesOf(endpointIds) : ENDPOINTS.map((e) => e.index);
    const wanted = requestIds ? new Set(requestIds) : null;
    const events: BillingEvent[] = [];
    for (const r of requestsInWindow(ctx.traffic, window.startMs, window.endMs, ctx.nowMs, indexes)) {
      if (wanted && !wanted.has(r.request_id)) continue;
      const endpointId = endpointAt(r.endpointIndex).endpoint_id;
      if (ctx.gap?.endpoint_id === endpointId && r.detail.index % ctx.gap.every === 0) continue;
      const event = billingEventOf(r, expand);
      if (!event) continue;
      const v = variantOf(endpointAt(r.endpointIndex), r.detail.variant ?? 0);
      // api_key_id and login_username select callers, as on usage: either filter may name the caller.
      if (
        (apiKeyIds || logins) &&
        !(
          (v.api_key_id !== null && apiKeyIds?.includes(v.api_key_id)) ||
          (v.login_username !== null && logins?.includes(v.login_username))
        )
      )
        continue;
      events.push(event);
    }
    // Oldest first; requests of one instant in id order, so pages are stable.
    return events.sort(
      (a, b) => a.timestamp.localeCompare(b.timestamp) || a.request_id.localeCompare(b.request_id),
    );
  };
  const key = JSON.stringify([
    "billing-events",
    window,
    endpointIds,
    requestIds,
    apiKeyIds,
    logins,
    [...expand].sort(),
    ctx.gap,
    minuteOf(ctx.nowMs),
  ]);
  const events = ctx.cache ? ctx.cache.getOrCompute(key, compute) : compute();
  const paged = paginate(events, page);
  return { billing_events: paged.items, next_cursor: paged.next_cursor, has_more: paged.has_more };
}
