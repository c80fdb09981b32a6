import "server-only";
import { eventCostNano, fetchBillingEvents } from "@/lib/ai/billing-events";
import { cachedReport } from "@/lib/ai/cache";
import { freshnessFields } from "@/lib/ai/freshness";
import type { ReconciliationModel, ReconciliationResponse } from "@/lib/contracts/reconciliation";
import { aggregateUsage, fromNano, toNano } from "@/lib/fal/aggregate";
import { fetchPrices, fetchUsage } from "@/lib/fal/client";
import { FalError } from "@/lib/fal/errors";
import { publicRange, type Range } from "@/lib/time/range";

/**
 * Do fal's numbers add up? Per endpoint: billed usage (`/models/usage`), the sum of its per-request
 * billing events (`/models/billing-events`, every page of every 90-day span) and list price × quantity
 * (`/models/pricing`). Money is summed in integer nano-USD so a thousand events cannot drift a cent.
 */

const CENT_NANO = BigInt(10_000_000);

/** Billed and per-request totals disagree by more than one cent AND more than 0.5 % of billed. */
function isFlagged(billedNano: bigint, eventsNano: bigint): boolean {
  const diff = billedNano > eventsNano ? billedNano - eventsNano : eventsNano - billedNano;
  // diff > 0.5 % of billed ⇔ 200 · diff > billed, in integers.
  return diff > CENT_NANO && BigInt(200) * diff > billedNano;
}

export function reconciliationReport(range: Range): Promise<ReconciliationResponse> {
  return cachedReport("reconciliation", range, () => computeReconciliation(range));
}

async function computeReconciliation(range: Range): Promise<ReconciliationResponse> {
  const [usage, events] = await Promise.all([
    fetchUsage(range),
    fetchBillingEvents(range.startMs, range.endMs),
  ]);
  const totals = aggregateUsage(usage.buckets);

  const eventsByEndpoint = new Map<string, bigint>();
  for (const e of events.events)
    eventsByEndpoint.set(
      e.endpoint_id,
      (eventsByEndpoint.get(e.endpoint_id) ?? BigInt(0)) + eventCostNano(e),
    );
  const ids = [...new Set([...totals.models.map((m) => m.endpoint_id), ...eventsByEndpoint.keys()])].sort();
  // List prices only add the third column: without them the reconciliation still stands.
  let prices: Awaited<ReturnType<typeof fetchPrices>>["prices"] | null = null;
  try {
    prices = (await fetchPrices(ids)).prices;
  } catch (error) {
    if (!(error instanceof FalError)) throw error;
  }

  const models: ReconciliationModel[] = ids.map((id) => {
    const price = prices?.get(id) ?? null;
    const units = totals.models
      .filter((m) => m.endpoint_id === id)
      .map((m) => {
        const listPrice = price && price.unit === m.unit ? price.unit_price : null;
        return {
          unit: m.unit,
          quantity: m.quantity,
          billed: m.cost,
          list_unit_price: listPrice,
          list_estimate: listPrice === null ? null : fromNano(toNano(listPrice * m.quantity)),
        };
      });
    const billedNano = units.reduce((s, u) => s + toNano(u.billed), BigInt(0));
    const eventsNano = eventsByEndpoint.get(id) ?? BigInt(0);
    const lists = units.map((u) => u.list_estimate);
    return {
      endpoint_id: id,
      units,
      billed: fromNano(billedNano),
      billing_events_total: fromNano(eventsNano),
      list_estimate:
        units.length > 0 && lists.every((l) => l !== null)
          ? fromNano(lists.reduce((s, l) => s + toNano(l ?? 0), BigInt(0)))
          : null,
      difference: fromNano(billedNano - eventsNano),
      flagged: isFlagged(billedNano, eventsNano),
    };
  });

  const sum = (pick: (m: ReconciliationModel) => number | null) =>
    fromNano(models.reduce((s, m) => s + toNano(pick(m) ?? 0), BigInt(0)));
  return {
    range: publicRange(range),
    currency: totals.currency,
    models,
    totals: {
      billed: sum((m) => m.billed),
      billing_events_total: sum((m) => m.billing_events_total),
      list_estimate: sum((m) => m.list_estimate),
      list_estimate_complete: models.every((m) => m.list_estimate !== null),
      difference: sum((m) => m.difference),
      flagged: models.filter((m) => m.flagged).length,
    },
    ...freshnessFields({
      fetchedAt: Math.min(usage.fetchedAt, events.fetchedAt),
      stale: usage.stale ?? events.stale,
    }),
  };
}
