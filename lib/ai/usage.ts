import "server-only";
import { cachedReport } from "@/lib/ai/cache";
import type { UsageReport, UsageResponse } from "@/lib/contracts/ai";
import { topCostSeries } from "@/lib/cost-series";
import { publicRange, type Range } from "@/lib/time/range";
import { aggregateUsage } from "@/lib/fal/aggregate";
import { fetchModels, fetchPrices, fetchUsage } from "@/lib/fal/client";
import { freshnessFields } from "@/lib/ai/freshness";
import { FalError } from "@/lib/fal/errors";

/** Prices and names only decorate the billed figures: losing them must not lose the spend view. */
async function optional<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof FalError) return null;
    throw error;
  }
}

/**
 * Billed spend per (endpoint, unit) and per bucket for the window, with list prices to flag "unpriced":
 * every model in every bucket, as the alert rules and forecasts read it.
 */
export async function usageReport(range: Range): Promise<UsageReport> {
  const { report } = await cachedReport(
    "usage",
    range,
    () => computeUsageReport(range),
    (r) => r.complete,
  );
  return report;
}

/** The reduced stacks of each cached report, computed once per report and dropped with it. */
const stacksOf = new WeakMap<UsageReport, ReturnType<typeof topCostSeries>>();

/**
 * What `/api/ai/usage` answers (and the page prefetches): the report with the chart's stacks, its
 * series reduced to them (`top`), whole (`full`) or left out (`none`). The reduction is what keeps a 400-model account's
 * page at kilobytes: the full series is a value per model per bucket.
 */
export async function usageView(
  range: Range,
  detail: UsageResponse["series_detail"],
): Promise<UsageResponse> {
  const report = await usageReport(range);
  if (detail === "none") return { ...report, series_detail: "none", stacks: [], series: [] };
  let top = stacksOf.get(report);
  if (!top) {
    top = topCostSeries(report);
    stacksOf.set(report, top);
  }
  return detail === "full"
    ? { ...report, series_detail: "full", stacks: top.stacks }
    : { ...report, series_detail: "top", stacks: top.stacks, series: top.series };
}

async function computeUsageReport(range: Range): Promise<{ report: UsageReport; complete: boolean }> {
  const usage = await fetchUsage(range);
  const totals = aggregateUsage(usage.buckets);
  const ids = [...new Set(totals.models.map((m) => m.endpoint_id))];
  const [prices, names] = await Promise.all([optional(fetchPrices(ids)), optional(fetchModels(ids))]);

  const report: UsageReport = {
    range: publicRange(range),
    currency: totals.currency,
    total_cost: totals.total_cost,
    models: totals.models.map((m) => {
      const price = prices?.prices.get(m.endpoint_id) ?? null;
      // A price in another unit (per second for a model billed per video) cannot price these units.
      const listPrice = price && price.unit === m.unit ? price.unit_price : null;
      return {
        ...m,
        display_name: names?.get(m.endpoint_id)?.metadata?.display_name ?? null,
        list_price: listPrice,
        // Without the pricing answer, a billed amount is the best evidence of a price there is.
        priced: prices ? listPrice !== null : m.cost > 0,
      };
    }),
    series: totals.series,
    provenance: "billed",
    ...freshnessFields(usage),
  };
  return { report, complete: prices !== null && names !== null };
}
