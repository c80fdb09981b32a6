import { sql } from "drizzle-orm";
import type { EventStore } from "@/lib/events/db";

/** An activity ready to store: validated, `occurredAt` in epoch milliseconds. */
export type NewActivity = {
  id: string;
  eventId: string;
  /** Sets the occasion's display name; absent leaves a stored name alone. */
  eventName?: string;
  type: string;
  occurredAt: number;
  endpointId?: string;
  falRequestId?: string;
  properties?: Record<string, unknown>;
};

/**
 * Stores a batch atomically and returns how many activities were new. Ids already stored, or repeated in
 * the batch, are skipped; the 15-minute rollups grow only by the rows actually inserted, in the same
 * statement, so a retried batch never counts twice and the rollups never drift from the rows.
 *
 * One statement (data-modifying CTEs) is atomic without BEGIN/COMMIT: one round trip per batch, and on
 * PGlite one flush to disk. Every column travels as one array parameter expanded by `unnest`, about five
 * times faster than multi-row VALUES through the ORM.
 *
 * Concurrent writers lock rows in one order (activities, rollup cells, occasions — the same statement
 * always runs its parts in the same order — each sorted by key), so overlapping batches wait for each
 * other instead of deadlocking.
 */
export async function writeActivities(store: EventStore, batch: readonly NewActivity[]): Promise<number> {
  const rows = uniqueById(batch).sort((a, b) => compare(a.id, b.id));
  if (rows.length === 0) return 0;
  const names = occasionNames(batch);
  const eventIds = [...names.keys()].sort(compare);
  const column = (values: unknown[]) => sql.param(values);

  const result = await store.db.execute<{ accepted: number }>(sql`
    WITH inserted AS (
      INSERT INTO activities (id, event_id, type, occurred_at, endpoint_id, fal_request_id, properties)
      SELECT id, event_id, type, occurred_at, endpoint_id, fal_request_id, properties::jsonb
      FROM unnest(
        ${column(rows.map((r) => r.id))}::uuid[],
        ${column(rows.map((r) => r.eventId))}::text[],
        ${column(rows.map((r) => r.type))}::text[],
        ${column(rows.map((r) => new Date(r.occurredAt).toISOString()))}::timestamptz[],
        ${column(rows.map((r) => r.endpointId ?? null))}::text[],
        ${column(rows.map((r) => r.falRequestId ?? null))}::text[],
        ${column(rows.map((r) => JSON.stringify(r.properties ?? {})))}::text[]
      ) AS t(id, event_id, type, occurred_at, endpoint_id, fal_request_id, properties)
      ON CONFLICT (id) DO NOTHING
      RETURNING event_id, type, occurred_at, endpoint_id
    ), cells AS (
      INSERT INTO activity_rollups AS r (bucket, event_id, type, endpoint_id, count, first_at, last_at)
      SELECT date_bin('15 minutes', occurred_at, timestamptz '2000-01-01 00:00:00+00'),
             event_id, type, coalesce(endpoint_id, ''), count(*), min(occurred_at), max(occurred_at)
      FROM inserted
      GROUP BY 1, 2, 3, 4
      ORDER BY 1, 2, 3, 4
      ON CONFLICT (bucket, event_id, type, endpoint_id) DO UPDATE
        SET count = r.count + excluded.count,
            first_at = least(r.first_at, excluded.first_at),
            last_at = greatest(r.last_at, excluded.last_at)
    ), named AS (
      INSERT INTO occasions AS o (id, name)
      SELECT * FROM unnest(${column(eventIds)}::text[], ${column(eventIds.map((id) => names.get(id) ?? null))}::text[])
      ON CONFLICT (id) DO UPDATE SET name = excluded.name
        WHERE excluded.name IS NOT NULL AND o.name IS DISTINCT FROM excluded.name
    )
    SELECT count(*)::int AS accepted FROM inserted`);
  return Number(result.rows[0]?.accepted ?? 0);
}

/** PostgreSQL compares uuids case-insensitively, so the batch must too. */
function uniqueById(batch: readonly NewActivity[]): NewActivity[] {
  const seen = new Map<string, NewActivity>();
  for (const row of batch) {
    const id = row.id.toLowerCase();
    if (!seen.has(id)) seen.set(id, { ...row, id });
  }
  return [...seen.values()];
}

/** The last name sent for each event, in batch order (null when none was sent). */
function occasionNames(rows: readonly NewActivity[]): Map<string, string | null> {
  const names = new Map<string, string | null>();
  for (const row of rows) {
    if (row.eventName !== undefined) names.set(row.eventId, row.eventName);
    else if (!names.has(row.eventId)) names.set(row.eventId, null);
  }
  return names;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
