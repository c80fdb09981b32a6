import { hashInts } from "./hash";
import type { Traffic } from "./data";
import { validationError } from "./errors";
import { expandParam, listParam, pageParams, paginate, windowParams, type Window } from "./params";
import { minuteOf, type ResultCache } from "./result-cache";
import { createBucketer } from "./buckets";
import { spikeFactor, type Spike } from "./spikes";
import {
  CURRENCY,
  ENDPOINTS,
  ENDPOINT_BY_ID,
  endpointAt,
  roundMoney,
  variantOf,
  type SimEndpoint,
  type Variant,
} from "./world";

/** GET /v1/models/usage (docs/fal-api-notes.md, "Usage rows"). */

export type UsageShape = "current" | "mixed";

const USAGE_EXPAND = ["time_series", "summary", "auth_method", "auth_method_structured"] as const;
export const USAGE_PAGE = { limit: 25, max: 100 };

export type UsageRow = {
  endpoint_id: string;
  unit: string;
  quantity: number;
  unit_price: number;
  percent_discount?: number | null;
  cost_subtotal?: number;
  cost_discount?: number;
  cost_total?: number;
  cost: number;
  currency: string;
  auth_method?: string;
  auth_method_structured?: { detail: string; api_key_id?: string; login_username?: string };
};

export type UsageResponse = {
  time_series?: { bucket: string; results: UsageRow[] }[];
  summary?: UsageRow[];
  next_cursor: string | null;
  has_more: boolean;
};

/**
 * Money of one line, computed like a ledger from the merged quantity: subtotal = quantity × unit_price,
 * total after the percentage discount, discount = subtotal − total; each rounded to 6 decimals.
 */
export function lineMoney(quantity: number, unitPrice: number, percentDiscount: number | null) {
  const cost_subtotal = roundMoney(quantity * unitPrice);
  const cost_total =
    percentDiscount === null ? cost_subtotal : roundMoney(cost_subtotal * (1 - percentDiscount / 100));
  return { cost_subtotal, cost_discount: roundMoney(cost_subtotal - cost_total), cost_total };
}

type Options = { byAuth: boolean; authLabel: boolean; authStructured: boolean; legacy: boolean };

function buildRow(endpoint: SimEndpoint, variant: Variant, quantity: number, opts: Options): UsageRow {
  const q = Math.round(quantity * 1e6) / 1e6;
  const money = lineMoney(q, variant.unit_price, variant.percent_discount);
  const row: UsageRow = opts.legacy
    ? // The pre-2026-07-21 shape: no discount fields; `cost` is what was charged.
      {
        endpoint_id: endpoint.endpoint_id,
        unit: endpoint.model.unit,
        quantity: q,
        unit_price: variant.unit_price,
        cost: money.cost_total,
        currency: CURRENCY,
      }
    : {
        endpoint_id: endpoint.endpoint_id,
        unit: endpoint.model.unit,
        quantity: q,
        unit_price: variant.unit_price,
        percent_discount: variant.percent_discount,
        ...money,
        cost: money.cost_total,
        currency: CURRENCY,
      };
  if (opts.authLabel) row.auth_method = variant.label;
  if (opts.authStructured) {
    row.auth_method_structured =
      variant.api_key_id !== null
        ? { detail: variant.detail, api_key_id: variant.api_key_id }
        : { detail: variant.detail, login_username: variant.login_username ?? variant.detail };
  }
  return row;
}

/**
 * Row identity inside a bucket: (endpoint, unit, unit_price, discount), plus the caller when an auth
 * expansion was requested — without it, two keys billed alike are indistinguishable and fal merges them
 * (docs/fal-api-notes.md, "Usage rows"). Maps each variant to the first variant with the same price and
 * discount; precomputed because it runs per usage line.
 */
const PRICE_GROUP: readonly (readonly number[])[] = ENDPOINTS.map((e) =>
  e.variants.map(
    (v) =>
      e.variants.find((o) => o.unit_price === v.unit_price && o.percent_discount === v.percent_discount)
        ?.id ?? v.id,
  ),
);

function groupVariant(endpointIndex: number, variantId: number, byAuth: boolean): number {
  return byAuth ? variantId : (PRICE_GROUP[endpointIndex]?.[variantId] ?? variantId);
}

/**
 * Quantities per row identity, indexed by endpointIndex * 8 + variant. A typed array rather than a Map:
 * the sums are doubles, which a Map would box on every update (and the GC would pay for it).
 */
type Accumulator = Float64Array;
const VARIANT_SLOTS = 8;
const newAccumulator = (): Accumulator => new Float64Array(ENDPOINTS.length * VARIANT_SLOTS);

function rowsOf(
  acc: Accumulator,
  opts: Omit<Options, "legacy">,
  shape: UsageShape,
  seed: number,
  salt: number,
): UsageRow[] {
  const rows: UsageRow[] = [];
  for (let key = 0; key < acc.length; key++) {
    const quantity = acc[key] ?? 0;
    if (quantity <= 0) continue;
    const endpoint = endpointAt(Math.floor(key / VARIANT_SLOTS));
    const variant = variantOf(endpoint, key % VARIANT_SLOTS);
    // "mixed": about a third of the rows come back in the legacy shape, stably for a given row.
    const legacy = shape === "mixed" && hashInts(seed, salt, key) % 3 === 0;
    rows.push(buildRow(endpoint, variant, quantity, { ...opts, legacy }));
  }
  return rows;
}

type UsageAggregate = { series: { label: string; rows: UsageRow[] }[]; summary: UsageRow[] };

export function handleUsage(
  query: URLSearchParams,
  ctx: { nowMs: number; traffic: Traffic; shape: UsageShape; spikes?: readonly Spike[]; cache?: ResultCache },
): UsageResponse {
  const window = windowParams(query, ctx.nowMs);
  const expand = expandParam(query, USAGE_EXPAND, ["time_series"]);
  if (!expand.has("time_series") && !expand.has("summary")) {
    throw validationError("expand", "must include at least one of time_series, summary");
  }
  const endpointIds = listParam(query, "endpoint_id");
  const apiKeyIds = listParam(query, "api_key_id");
  const logins = listParam(query, "login_username");
  const page = pageParams(query, USAGE_PAGE);

  const compute = () => aggregateUsage({ window, expand, endpointIds, apiKeyIds, logins, ...ctx });
  const key = JSON.stringify([
    "usage",
    window,
    [...expand].sort(),
    endpointIds,
    apiKeyIds,
    logins,
    ctx.shape,
    ctx.spikes ?? [],
    minuteOf(ctx.nowMs),
  ]);
  const aggregate = ctx.cache ? ctx.cache.getOrCompute(key, compute) : compute();

  const response: UsageResponse = { next_cursor: null, has_more: false };
  if (expand.has("time_series")) {
    // `limit` counts buckets; only buckets with at least one row exist.
    const paged = paginate(aggregate.series, page);
    response.time_series = paged.items.map(({ label, rows }) => ({ bucket: label, results: rows }));
    response.next_cursor = paged.next_cursor;
    response.has_more = paged.has_more;
  }
  // fal does not say which page carries the summary: we send the whole-window summary on the FIRST page only,
  // so a client summing pages never double-counts it; later pages carry time_series alone.
  if (expand.has("summary") && page.isFirst) response.summary = aggregate.summary;
  return orderKeys(response);
}

function aggregateUsage(args: {
  window: Window;
  expand: Set<string>;
  endpointIds?: string[];
  apiKeyIds?: string[];
  logins?: string[];
  nowMs: number;
  traffic: Traffic;
  shape: UsageShape;
  spikes?: readonly Spike[];
}): UsageAggregate {
  const { window, expand, endpointIds, apiKeyIds, logins, traffic } = args;
  const spikes = args.spikes ?? [];
  const endpointIndexes = endpointIds
    ? endpointIds.flatMap((id) => {
        const e = ENDPOINT_BY_ID.get(id);
        return e ? [e.index] : []; // unknown ids simply have no usage
      })
    : ENDPOINTS.map((e) => e.index);
  // api_key_id and login_username select callers; rows match when either filter names their caller.
  const callerFilter =
    apiKeyIds || logins
      ? (v: Variant) =>
          (v.api_key_id !== null && (apiKeyIds?.includes(v.api_key_id) ?? false)) ||
          (v.login_username !== null && (logins?.includes(v.login_username) ?? false))
      : null;

  const opts = {
    byAuth: expand.has("auth_method") || expand.has("auth_method_structured"),
    authLabel: expand.has("auth_method"),
    authStructured: expand.has("auth_method_structured"),
  };
  // Bucketing costs Luxon calls; a summary-only query skips it.
  const bucketOf = expand.has("time_series") ? createBucketer(window) : null;
  type BucketAcc = { label: string; acc: Accumulator; used: boolean };
  const perBucket = new Map<number, BucketAcc>();
  const summary = newAccumulator();

  for (const hour of traffic.eventsInRange(window.startMs, window.endMs, args.nowMs, endpointIndexes)) {
    const endpoint = endpointAt(hour.endpointIndex);
    let entry: BucketAcc | undefined;
    if (bucketOf) {
      const bucket = bucketOf(hour.at);
      entry = perBucket.get(bucket.startMs);
      if (!entry) {
        entry = { label: bucket.label, acc: newAccumulator(), used: false };
        perBucket.set(bucket.startMs, entry);
      }
    }
    const factor = spikes.length > 0 ? spikeFactor(spikes, endpoint.endpoint_id, hour) : 1;
    for (const line of hour.usage) {
      if (callerFilter && !callerFilter(variantOf(endpoint, line.variant))) continue;
      const key = endpoint.index * VARIANT_SLOTS + groupVariant(endpoint.index, line.variant, opts.byAuth);
      if (entry) {
        entry.acc[key] = (entry.acc[key] ?? 0) + line.quantity * factor;
        entry.used = true;
      }
      summary[key] = (summary[key] ?? 0) + line.quantity * factor;
    }
  }

  const series = [...perBucket.entries()]
    .filter(([, b]) => b.used)
    .sort(([a], [b]) => a - b)
    .map(([startMs, { label, acc }]) => ({
      label,
      rows: rowsOf(acc, opts, args.shape, traffic.seed, startMs),
    }));
  return {
    series,
    summary: expand.has("summary") ? rowsOf(summary, opts, args.shape, traffic.seed, -1) : [],
  };
}

/** time_series, summary, then the pagination fields, as fal's examples print them. */
function orderKeys(r: UsageResponse): UsageResponse {
  const out: UsageResponse = { next_cursor: r.next_cursor, has_more: r.has_more };
  return {
    ...(r.time_series ? { time_series: r.time_series } : {}),
    ...(r.summary ? { summary: r.summary } : {}),
    ...out,
  };
}
