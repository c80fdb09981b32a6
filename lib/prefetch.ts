import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { balanceReport } from "@/lib/ai/balance";
import { costPerOutcome } from "@/lib/ai/outcomes";
import { performanceReport } from "@/lib/ai/performance";
import { usageReport } from "@/lib/ai/usage";
import { resolveRange, type RangeQuery } from "@/lib/contracts/range";
import { env } from "@/lib/env";
import { cachedEventMetrics } from "@/lib/events/metrics-cache";
import { apiKey } from "@/lib/view-state";

/**
 * Server-side first paint: the page asks the same lib functions the routes call and hands the answers to
 * SWR as fallback under the exact keys the browser would fetch, so panels paint with data and hydrate
 * without a request. A slow upstream only costs its own panel: whatever misses the budget (or fails) is
 * left to the browser, which shows the skeleton and — for a failure — the diagnosis.
 */
const BUDGET_MS = 1_000;

async function within<T>(work: () => Promise<T>): Promise<T | undefined> {
  const stop = new AbortController();
  // The work itself is not cancelled: it finishes in the background and warms the cache for the browser.
  const late = sleep(BUDGET_MS, undefined, { signal: stop.signal }).catch(() => undefined);
  try {
    return await Promise.race([work().catch(() => undefined), late]);
  } finally {
    stop.abort();
  }
}

async function fill(entries: [string, () => Promise<unknown>][]): Promise<Record<string, unknown>> {
  const results = await Promise.all(entries.map(async ([key, work]) => [key, await within(work)] as const));
  return Object.fromEntries(results.filter(([, v]) => v !== undefined));
}

function range(query: RangeQuery) {
  return resolveRange(query, { defaultTimezone: env().DASHBOARD_TIMEZONE, now: Date.now() });
}

export function prefetchEvents(query: RangeQuery): Promise<Record<string, unknown>> {
  return fill([[apiKey("/api/events/metrics", query), () => cachedEventMetrics(range(query))]]);
}

export function prefetchAi(query: RangeQuery): Promise<Record<string, unknown>> {
  return fill([
    [apiKey("/api/ai/usage", query), () => usageReport(range(query))],
    [apiKey("/api/ai/performance", query), () => performanceReport(range(query))],
    [apiKey("/api/ai/cost-per-outcome", query), () => costPerOutcome(range(query))],
    [apiKey("/api/ai/balance"), () => balanceReport()],
  ]);
}
