import "server-only";
import { cachedReport } from "@/lib/ai/cache";
import type { CostPerOutcomeResponse } from "@/lib/contracts/ai";
import { publicRange, type Range } from "@/lib/time/range";
import { freshnessFields } from "@/lib/ai/freshness";
import { activityTotals, photosByEndpoint } from "@/lib/events/metrics";
import { aggregateUsage, fromNano, toNano } from "@/lib/fal/aggregate";
import { fetchUsage } from "@/lib/fal/client";
import { FalError } from "@/lib/fal/errors";
import { costByRequest, fetchBillingEvents } from "@/lib/ai/billing-events";
import { eventCosts } from "@/lib/ai/event-costs";
import { photosByEvent, type EventPhotos } from "@/lib/events/photo-requests";
import type { DiagnosisCode } from "@/lib/contracts/codes";

const HOUR_MS = 3_600_000;

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
  // Billing events are asked for as soon as the photos name their requests, alongside usage, not after it.
  const perEvent = photosByEvent(range).then(async (events) => ({
    events,
    billed: await billedByRequest(range, events),
  }));
  const [usage, totals, photos, { events: eventPhotos, billed }] = await Promise.all([
    fetchUsage(range),
    activityTotals(range),
    photosByEndpoint(range),
    perEvent,
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
    events: eventCosts(eventPhotos, costByEndpoint, billed.costs),
    events_exact_unavailable: billed.unavailable,
    provenance: "billed",
    ...freshnessFields(usage),
  };
}

/**
 * What fal billed per request id the window's photos name: billing events of the photos' endpoints from
 * a day before the window (a photo is delivered after its request was sent) to an hour after it. Skipped
 * when no photo names a request; null costs with the reason when the key may not read billing events.
 */
async function billedByRequest(
  range: Range,
  events: readonly EventPhotos[],
): Promise<{ costs: Map<string, bigint> | null; unavailable: DiagnosisCode | null }> {
  const requests = events.flatMap((e) => e.requests);
  if (requests.length === 0) return { costs: new Map(), unavailable: null };
  const endpoints = [...new Set(requests.map((r) => r.endpoint_id))];
  try {
    const { events: billing } = await fetchBillingEvents(
      range.startMs - 24 * HOUR_MS,
      range.endMs + HOUR_MS,
      {
        // A photo that named no endpoint could be any endpoint's request.
        endpointIds: endpoints.includes("") ? undefined : endpoints,
      },
    );
    return { costs: costByRequest(billing), unavailable: null };
  } catch (error) {
    if (!(error instanceof FalError)) throw error;
    return { costs: null, unavailable: error.diagnosis };
  }
}
