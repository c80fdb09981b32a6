import { sql } from "drizzle-orm";
import { eventStore } from "@/lib/events/context";
import type { EventStore } from "@/lib/events/db";
import type { Range } from "@/lib/time/range";

/**
 * The photos of a window per event, as cost per event needs them: how many each endpoint made, how many
 * of those name the fal request that made them, and those request ids. Reads raw photo rows (the rollups
 * keep no request ids) through the partial index on photo rows.
 */

export type EventPhotos = {
  event_id: string;
  /** The name last sent as `event_name`, else the id. */
  name: string;
  /** photo.generated per endpoint ('' when the photo named none), and how many carry a request id. */
  endpoints: { endpoint_id: string; photos: number; with_ids: number }[];
  /** Distinct fal request ids of the event's photos, with the endpoint the photo named. */
  requests: { request_id: string; endpoint_id: string }[];
};

type CountRow = {
  event_id: string;
  name: string | null;
  endpoint_id: string;
  photos: unknown;
  with_ids: unknown;
};
type IdRow = { event_id: string; request_id: string; endpoint_id: string };

export async function photosByEvent(
  range: Range,
  options: { store?: EventStore } = {},
): Promise<EventPhotos[]> {
  const store = options.store ?? (await eventStore());
  const start = new Date(range.startMs).toISOString();
  const end = new Date(range.endMs).toISOString();
  const inWindow = sql`a.type = 'photo.generated' AND a.occurred_at >= ${start}::timestamptz AND a.occurred_at < ${end}::timestamptz`;
  const { counts, ids } = await store.run("read", (db) =>
    db.transaction(
      async (tx) => ({
        counts: (
          await tx.execute<CountRow>(sql`
            SELECT a.event_id, o.name, coalesce(a.endpoint_id, '') AS endpoint_id,
                   count(*)::float8 AS photos, count(a.fal_request_id)::float8 AS with_ids
            FROM activities a LEFT JOIN occasions o ON o.id = a.event_id
            WHERE ${inWindow}
            GROUP BY 1, 2, 3`)
        ).rows,
        ids: (
          await tx.execute<IdRow>(sql`
            SELECT DISTINCT a.event_id, a.fal_request_id AS request_id, coalesce(a.endpoint_id, '') AS endpoint_id
            FROM activities a
            WHERE ${inWindow} AND a.fal_request_id IS NOT NULL`)
        ).rows,
      }),
      { isolationLevel: "repeatable read", accessMode: "read only" },
    ),
  );

  const events = new Map<string, EventPhotos>();
  const eventOf = (id: string, name: string | null) => {
    let e = events.get(id);
    if (!e) {
      e = { event_id: id, name: name ?? id, endpoints: [], requests: [] };
      events.set(id, e);
    }
    return e;
  };
  for (const r of counts)
    eventOf(r.event_id, r.name).endpoints.push({
      endpoint_id: r.endpoint_id,
      photos: Number(r.photos),
      with_ids: Number(r.with_ids),
    });
  for (const r of ids)
    eventOf(r.event_id, null).requests.push({ request_id: r.request_id, endpoint_id: r.endpoint_id });
  return [...events.values()].sort((a, b) =>
    a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0,
  );
}
