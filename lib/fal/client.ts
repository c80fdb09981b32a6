import "server-only";
import { FalError, type FalEndpoint } from "@/lib/fal/errors";
import { cachedFalGet, cachedFalGetOrMissing } from "@/lib/fal/cache";
import type { Params } from "@/lib/fal/http";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import {
  analyticsPageSchema,
  billingSchema,
  keysPageSchema,
  modelsPageSchema,
  pricingPageSchema,
  usagePageSchema,
  type FalAnalyticsItem,
  type FalApiKey,
  type FalBilling,
  type FalModel,
  type FalPrice,
  type FalUsageItem,
} from "@/lib/fal/schemas";
import { toUtcIso } from "@/lib/time/zone";
import type { Range } from "@/lib/time/range";

/**
 * Typed calls to fal's Platform API (docs/fal-api-notes.md, "Endpoints the dashboard calls" and
 * "Pagination"): cursors followed to the end, endpoint ids chunked by 50 (fal's documented maximum),
 * every page cached and coalesced by `cachedFalGet`.
 */

export const ENDPOINT_CHUNK = 50;
/** Buckets per page; fal documents no maximum, and clients in the wild send 50 to 1000 without errors. */
const PAGE_LIMIT = 100;
const HOUR_MS = 3_600_000;

/** Freshness of a composite answer: the oldest page, and why any page is stale. */
export type Freshness = { fetchedAt: number; stale: DiagnosisCode | null };
export type WithFreshness<T> = T & Freshness;

function merge(a: Freshness, b: Freshness): Freshness {
  return { fetchedAt: Math.min(a.fetchedAt, b.fetchedAt), stale: a.stale ?? b.stale };
}

const FRESH: Freshness = { fetchedAt: Number.POSITIVE_INFINITY, stale: null };

export function chunk<T>(items: readonly T[], size = ENDPOINT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function windowParams(range: Range): Params {
  return {
    start: toUtcIso(range.startMs),
    end: toUtcIso(range.endMs),
    timezone: range.timezone,
    timeframe: range.timeframe,
    bound_to_timeframe: "true",
  };
}

/** Follows `next_cursor` until `has_more` is false; each page is a separate cached request. */
export async function allPages<P extends { next_cursor?: string | null; has_more: boolean }>(
  endpoint: FalEndpoint,
  fetchPage: (
    cursor: string | undefined,
  ) => Promise<{ data: P; fetchedAt: number; stale: DiagnosisCode | null }>,
): Promise<{ pages: P[] } & Freshness> {
  const pages: P[] = [];
  let fresh = FRESH;
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(cursor);
    pages.push(page.data);
    fresh = merge(fresh, page);
    if (!page.data.has_more || !page.data.next_cursor) break;
    // A cursor that repeats would loop forever; fal's contract says it never does, so treat it as drift.
    if (seen.has(page.data.next_cursor))
      throw new FalError("upstream_contract", endpoint, { detail: "a pagination cursor repeated" });
    seen.add(page.data.next_cursor);
    cursor = page.data.next_cursor;
  }
  return { pages, ...fresh };
}

export type UsageBucket = { bucket: string; results: FalUsageItem[] };

/** `GET /models/usage` (ADMIN) as time-series rows for the window; totals are summed by the caller. */
export async function fetchUsage(
  range: Range,
  opts: { byKey?: boolean; endpointIds?: string[] } = {},
): Promise<WithFreshness<{ buckets: UsageBucket[] }>> {
  const expand = opts.byKey ? ["time_series", "auth_method_structured"] : ["time_series"];
  const params: Params = { ...windowParams(range), expand, limit: PAGE_LIMIT, endpoint_id: opts.endpointIds };
  const { pages, ...fresh } = await allPages("usage", (cursor) =>
    cachedFalGet("usage", "/models/usage", { ...params, cursor }, usagePageSchema),
  );
  return { buckets: pages.flatMap((p) => p.time_series ?? []), ...fresh };
}

/** Counts add up over buckets and models; the dashboard's requests chart and KPIs need only these. */
export const COUNT_METRICS = ["request_count", "success_count", "user_error_count", "error_count"] as const;
/** Run time and queue time; a window's percentile comes only from fal's summary, never from buckets. */
export const PERCENTILE_METRICS = [
  "p50_duration",
  "p90_duration",
  "p95_duration",
  "p50_prepare_duration",
  "p90_prepare_duration",
] as const;

export type AnalyticsResult = {
  buckets: { bucket: string; results: FalAnalyticsItem[] }[];
  /** Null when fal sent no summary: window percentiles are then unknown, never averaged. */
  summary: FalAnalyticsItem[] | null;
};

/**
 * What to ask analytics for. fal sends each requested metric per model per bucket and in the summary;
 * `series: false` asks for the window summary alone (one page, whatever the window's length).
 */
export type AnalyticsAsk = {
  metrics: readonly (typeof COUNT_METRICS | typeof PERCENTILE_METRICS)[number][];
  series: boolean;
};
const EVERYTHING: AnalyticsAsk = { metrics: [...COUNT_METRICS, ...PERCENTILE_METRICS], series: true };

/** `GET /models/analytics` (API scope): chunks of 50 ids fetched in parallel, each followed to its end. */
export async function fetchAnalytics(
  range: Range,
  endpointIds: string[],
  ask: AnalyticsAsk = EVERYTHING,
): Promise<WithFreshness<AnalyticsResult>> {
  if (endpointIds.length === 0) return { buckets: [], summary: [], fetchedAt: Date.now(), stale: null };
  const chunks = await Promise.all(
    chunk([...endpointIds].sort()).map((ids) =>
      allPages("analytics", (cursor) =>
        cachedFalGet(
          "analytics",
          "/models/analytics",
          {
            ...windowParams(range),
            endpoint_id: ids,
            expand: [...(ask.series ? ["time_series"] : []), "summary", ...ask.metrics],
            limit: PAGE_LIMIT,
            cursor,
          },
          analyticsPageSchema,
        ),
      ),
    ),
  );
  let fresh = FRESH;
  const buckets: AnalyticsResult["buckets"] = [];
  let summary: FalAnalyticsItem[] | null = [];
  for (const c of chunks) {
    fresh = merge(fresh, c);
    for (const p of c.pages) buckets.push(...(p.time_series ?? []));
    // The window summary comes with the first page; a chunk without one leaves the window unknown.
    const chunkSummary = c.pages.find((p) => p.summary !== undefined)?.summary;
    summary = summary && chunkSummary ? [...summary, ...chunkSummary] : null;
  }
  return { buckets, summary, ...fresh };
}

/**
 * A 404ing pricing chunk is split into this many parts, asked in parallel. Each level of splitting is one
 * more round trip before the cost panel can paint, so halving (6 levels for 50 ids) is too slow; 8 parts
 * isolate an unpriced id among 50 in 3 levels while sending at most 8 requests at once.
 */
const PRICING_SPLIT = 8;

/**
 * `GET /models/pricing` (API scope). fal 404s the whole request when one id has no price, so a failing
 * chunk is split down to the ids that have none; those map to null ("unpriced", never $0).
 */
export async function fetchPrices(
  endpointIds: string[],
): Promise<WithFreshness<{ prices: Map<string, FalPrice | null> }>> {
  const prices = new Map<string, FalPrice | null>();
  let fresh: Freshness = { ...FRESH, fetchedAt: Date.now() };
  const load = async (ids: string[]): Promise<void> => {
    const page = await cachedFalGetOrMissing(
      "pricing",
      "/models/pricing",
      { endpoint_id: ids },
      pricingPageSchema,
      {
        ttlMs: HOUR_MS,
      },
    );
    fresh = merge(fresh, page);
    if (page.data) {
      for (const id of ids) prices.set(id, page.data.prices.find((p) => p.endpoint_id === id) ?? null);
    } else if (ids.length === 1) {
      prices.set(ids[0]!, null);
    } else {
      await Promise.all(chunk(ids, Math.ceil(ids.length / PRICING_SPLIT)).map(load));
    }
  };
  await Promise.all(chunk([...new Set(endpointIds)].sort()).map(load));
  return { prices, ...fresh };
}

/** `GET /models` for display names; auth is optional there, so it works even with no key. */
export async function fetchModels(endpointIds: string[]): Promise<Map<string, FalModel>> {
  const models = new Map<string, FalModel>();
  const chunks = await Promise.all(
    chunk([...new Set(endpointIds)].sort()).map((ids) =>
      allPages("models", (cursor) =>
        cachedFalGet(
          "models",
          "/models",
          { endpoint_id: ids, limit: ENDPOINT_CHUNK, cursor },
          modelsPageSchema,
          {
            auth: "optional",
            ttlMs: 6 * HOUR_MS,
          },
        ),
      ),
    ),
  );
  for (const c of chunks) for (const p of c.pages) for (const m of p.models) models.set(m.endpoint_id, m);
  return models;
}

/** `GET /account/billing?expand=credits` (ADMIN). */
export async function fetchBilling(): Promise<WithFreshness<{ billing: FalBilling }>> {
  const r = await cachedFalGet("billing", "/account/billing", { expand: "credits" }, billingSchema);
  return { billing: r.data, fetchedAt: r.fetchedAt, stale: r.stale };
}

/** `GET /keys` (ADMIN), every page. */
export async function fetchKeys(): Promise<WithFreshness<{ keys: FalApiKey[] }>> {
  const { pages, ...fresh } = await allPages("keys", (cursor) =>
    cachedFalGet("keys", "/keys", { limit: 100, cursor }, keysPageSchema),
  );
  return { keys: pages.flatMap((p) => p.keys), ...fresh };
}
