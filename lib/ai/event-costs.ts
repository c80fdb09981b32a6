import "server-only";
import type { EventCost } from "@/lib/contracts/ai";
import type { EventPhotos } from "@/lib/events/photo-requests";
import { fromNano } from "@/lib/fal/aggregate";

/**
 * Cost per event, from the event's photos (lib/events/photo-requests.ts), each endpoint's billed usage and,
 * when readable, what fal billed per request id — all money in nano-USD.
 *
 * A photo naming its request costs exactly what fal billed for that request (an id without a billing event
 * costs nothing: fal bills no failures); a request several photos name counts once. A photo without an id gets
 * its endpoint's billed usage × its share of that endpoint's photos. `billed` null (billing events
 * unreadable) leaves the cost of any event with ids unknown rather than understated.
 */
export function eventCosts(
  events: readonly EventPhotos[],
  usageByEndpoint: ReadonlyMap<string, bigint>,
  billed: ReadonlyMap<string, bigint> | null,
): EventCost[] {
  const photosByEndpoint = new Map<string, number>();
  for (const e of events)
    for (const p of e.endpoints)
      photosByEndpoint.set(p.endpoint_id, (photosByEndpoint.get(p.endpoint_id) ?? 0) + p.photos);

  return events.map((e) => {
    const photos = e.endpoints.reduce((s, p) => s + p.photos, 0);
    const withIds = e.endpoints.reduce((s, p) => s + p.with_ids, 0);
    const basis = withIds === photos ? "exact" : withIds === 0 ? "estimated" : "mixed";

    let estimated = BigInt(0);
    for (const p of e.endpoints) {
      const total = photosByEndpoint.get(p.endpoint_id) ?? 0;
      const usage = usageByEndpoint.get(p.endpoint_id);
      const without = p.photos - p.with_ids;
      // Photos that name no endpoint cannot be priced from usage; an endpoint fal billed nothing costs 0.
      if (p.endpoint_id === "" || usage === undefined || without === 0 || total === 0) continue;
      estimated += (usage * BigInt(without) * BigInt(2) + BigInt(total)) / (BigInt(2) * BigInt(total));
    }

    const ids = [...new Set(e.requests.map((r) => r.request_id))];
    let exact: bigint | null = BigInt(0);
    let matched = 0;
    if (billed === null) {
      if (ids.length > 0) exact = null;
    } else {
      for (const id of ids) {
        const cost = billed.get(id);
        if (cost !== undefined) {
          matched++;
          exact += cost;
        }
      }
    }
    const cost = exact === null ? null : fromNano(exact + estimated);
    return {
      event_id: e.event_id,
      event_name: e.name,
      photos,
      cost,
      cost_per_photo: cost !== null && photos > 0 ? cost / photos : null,
      basis,
      matched_requests: billed === null ? 0 : matched,
      unmatched_requests: billed === null ? 0 : ids.length - matched,
    };
  });
}
