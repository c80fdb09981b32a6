import "server-only";
import { cachedReport } from "@/lib/ai/cache";
import type { CostPerOutcomeResponse } from "@/lib/contracts/ai";
import { publicRange, type Range } from "@/lib/time/range";
import { freshnessFields } from "@/lib/ai/freshness";
import { activityTotals, photosByEndpoint } from "@/lib/events/metrics";
import { aggregateUsage, fromNano, toNano } from "@/lib/fal/aggregate";
import { fetchUsage } from "@/lib/fal/client";

function divide(cost: number | undefined, count: number | undefined): number | null {
  return cost !== undefined && cost > 0 && count !== undefined && count > 0 ? cost / count : null;
}

/**
 * The two halves joined: fal's billed spend ÷ the app's generated photos, overall and per endpoint.
 * Null wherever either side is missing or zero — a ratio with nothing behind it is not $0.
 */
export function costPerOutcome(range: Range): Promise<CostPerOutcomeResponse> {
  return cachedReport("cost-per-outcome", range, () => computeCostPerOutcome(range));
}

async function computeCostPerOutcome(range: Range): Promise<CostPerOutcomeResponse> {
  const [usage, totals, photos] = await Promise.all([
    fetchUsage(range),
    activityTotals(range),
    photosByEndpoint(range),
  ]);
  const spend = aggregateUsage(usage.buckets);

  // All units of an endpoint count towards its photos (a model may bill images and megapixels).
  const costByEndpoint = new Map<string, bigint>();
  for (const m of spend.models)
    costByEndpoint.set(m.endpoint_id, (costByEndpoint.get(m.endpoint_id) ?? BigInt(0)) + toNano(m.cost));

  const ids = [...new Set([...costByEndpoint.keys(), ...Object.keys(photos)])].sort();
  const generated = totals["photo.generated"] ?? 0;
  return {
    range: publicRange(range),
    currency: spend.currency,
    spend: spend.total_cost,
    photos: generated,
    overall: divide(spend.total_cost, generated),
    by_endpoint: Object.fromEntries(
      ids.map((id) => {
        const cost = costByEndpoint.get(id);
        return [id, divide(cost === undefined ? undefined : fromNano(cost), photos[id])];
      }),
    ),
    provenance: "billed",
    ...freshnessFields(usage),
  };
}
