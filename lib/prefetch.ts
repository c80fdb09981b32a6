import "server-only";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import { balanceReport } from "@/lib/ai/balance";
import { modelReport } from "@/lib/ai/model";
import { costPerOutcome } from "@/lib/ai/outcomes";
import { performanceReport } from "@/lib/ai/performance";
import { usageView } from "@/lib/ai/usage";
import { type RangeQuery } from "@/lib/contracts/range";
import { publicRange, resolveRange, type Range } from "@/lib/time/range";
import { env } from "@/lib/env";
import { eventMetricsView } from "@/lib/events/metrics-cache";
import { apiKey, deltaPlan } from "@/lib/view-state";
import { API_ROUTES, TOTALS_ONLY } from "@/lib/contracts/routes";
import { listRules } from "@/lib/alerts/store";
import { anomaliesReport, forecastReport } from "@/lib/watch/report";
import { ApiError } from "@/lib/api/errors";
import { isPermanentCode } from "@/lib/hooks/fetcher";
import type { PrefetchedErrors } from "@/lib/hooks/prefetched-errors";

/**
 * Server-side first paint: the page asks the same lib functions the routes call and hands the answers to
 * SWR as fallback under the exact keys the browser would fetch, so panels paint with data and hydrate
 * without a request. A slow upstream only costs its own panel: whatever misses the budget (or fails) is
 * left to the browser, which shows the skeleton and — for a failure — the diagnosis.
 */
const BUDGET_MS = 1_000;

type Entry = [key: string, work: () => Promise<unknown>];

/**
 * Runs `work` so that a synchronous throw (a link whose range cannot be resolved throws while the work
 * is being set up) becomes a rejection like any other: the panel is left to the browser, whose request
 * answers 400 naming the parameter, instead of the whole page failing to render.
 */
const settle = async <T>(work: () => Promise<T>): Promise<T> => work();

/** A failure the browser's own request will meet again (the key's scope, a revoked key): worth showing at once. */
class Failed {
  constructor(readonly error: PrefetchedErrors[string]) {}
}

function failure(error: unknown): Failed | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const body = error.toBody().error;
  // The browser's retry rule: a code it gives up on at once is one it will meet again.
  return isPermanentCode(body.code) ? new Failed({ ...body, status: error.status }) : undefined;
}

async function within<T>(work: () => Promise<T>): Promise<T | Failed | undefined> {
  const stop = new AbortController();
  // The work itself is not cancelled: it finishes in the background and warms the cache for the browser.
  const late = sleep(BUDGET_MS, undefined, { signal: stop.signal }).catch(() => undefined);
  try {
    return await Promise.race([settle(work).catch(failure), late]);
  } finally {
    stop.abort();
  }
}

/**
 * `current` is what the panels show, each within the budget. `previous` (the window before, for the KPI
 * deltas) rides along only if it is ready once `current` is — on a warm cache it always is — so the
 * deltas paint with the page and the browser sends no second wave; it never holds the page back.
 */
export type Prefetch = { fallback: Record<string, unknown>; errors: PrefetchedErrors };

async function fill(current: Entry[], previous: Entry[]): Promise<Prefetch> {
  const ready = new Map<string, unknown>();
  for (const [key, work] of previous) {
    settle(work).then(
      (value) => ready.set(key, value),
      () => undefined,
    );
  }
  const results = await Promise.all(current.map(async ([key, work]) => [key, await within(work)] as const));
  // One turn of the event loop: answers already computed (cache hits) settle here.
  await nextTurn();
  const fallback: Record<string, unknown> = {};
  const errors: PrefetchedErrors = {};
  for (const [key, value] of [...results, ...ready]) {
    if (value instanceof Failed) errors[key] = value.error;
    else if (value !== undefined) fallback[key] = value;
  }
  return { fallback, errors };
}

function range(query: RangeQuery): Range {
  return resolveRange(query, { defaultTimezone: env().DASHBOARD_TIMEZONE, now: Date.now() });
}

/**
 * The windows a delta compares for `query`, as the browser derives them from the answer's range (the
 * window before, and the current one cut to the same elapsed time while it runs); none for a bad query.
 */
function previous(query: RangeQuery): RangeQuery[] {
  try {
    const plan = deltaPlan(publicRange(range(query)));
    return plan ? [plan.previous, ...(plan.current ? [plan.current] : [])] : [];
  } catch {
    return [];
  }
}

export function prefetchEvents(query: RangeQuery): Promise<Prefetch> {
  const path = API_ROUTES.eventMetrics;
  return fill(
    [[apiKey(path, query), () => eventMetricsView(range(query))]],
    // The deltas' windows under the keys useDelta asks for: totals only (TOTALS_ONLY).
    previous(query).map((q) => [
      apiKey(path, q, TOTALS_ONLY[path]),
      () => eventMetricsView(range(q), { series: "none" }),
    ]),
  );
}

export function prefetchAi(query: RangeQuery): Promise<Prefetch> {
  // The compact answer the browser's key asks for (no `series` parameter): the page embeds what it draws.
  const usage = (q: RangeQuery): Entry => [apiKey(API_ROUTES.usage, q), () => usageView(range(q), "top")];
  // The deltas' windows under the keys useDelta asks for: totals only (TOTALS_ONLY).
  const usageTotals = (q: RangeQuery): Entry => [
    apiKey(API_ROUTES.usage, q, TOTALS_ONLY[API_ROUTES.usage]),
    () => usageView(range(q), "none"),
  ];
  const cost = (q: RangeQuery): Entry => [
    apiKey(API_ROUTES.costPerOutcome, q),
    () => costPerOutcome(range(q)),
  ];
  return fill(
    [
      usage(query),
      [apiKey(API_ROUTES.performance, query), () => performanceReport(range(query))],
      cost(query),
      [apiKey(API_ROUTES.balance), () => balanceReport()],
      [apiKey(API_ROUTES.forecast), () => forecastReport()],
      [apiKey(API_ROUTES.anomalies), () => anomaliesReport()],
      // The firing line on top of the panel: painted with the page, so it does not push the panel down.
      [apiKey(API_ROUTES.alertRules), async () => ({ rules: await listRules() })],
    ],
    previous(query).flatMap((q) => [usageTotals(q), cost(q)]),
  );
}

/** The model page's figures and latency chart; its request list and fal's insights stay with the browser. */
export function prefetchModel(query: RangeQuery, endpointId: string): Promise<Prefetch> {
  return fill(
    [
      [
        apiKey(API_ROUTES.model, query, { endpoint_id: endpointId }),
        () => modelReport(range(query), endpointId),
      ],
    ],
    [],
  );
}
