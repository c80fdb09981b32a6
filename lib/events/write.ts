import { sql, type SQL } from "drizzle-orm";
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
 * The rollup tables (lib/events/schema.ts says what each is for), with the grain of their cells and the
 * keys a cell counts by. The coarser ones are summed from the 15-minute cells, as the migration that added
 * them filled them from the stored ones.
 */
export const ROLLUPS = [
  { table: "activity_rollups", grain: "15 minutes", keys: ["event_id", "type", "endpoint_id"] },
  { table: "activity_rollups_hourly", grain: "1 hour", keys: ["event_id", "type"] },
  { table: "activity_rollups_daily", grain: "1 day", keys: ["event_id", "type"] },
  { table: "endpoint_rollups_daily", grain: "1 day", keys: ["event_id", "type", "endpoint_id"] },
] as const;

/**
 * Adds the batch's 15-minute cells (CTE `quarters`) into one rollup table, in key order. Cells are cut with
 * date_bin from a UTC origin: date_trunc would follow the session's time zone.
 */
function rollUp({ table, grain, keys }: (typeof ROLLUPS)[number], i: number): SQL {
  const key = keys.join(", ");
  const positions = ["1", ...keys.map((_, k) => String(k + 2))].join(", ");
  return sql.raw(`rolled_up_${i} AS (
      INSERT INTO ${table} AS r (bucket, ${key}, count, first_at, last_at)
      SELECT date_bin('${grain}', bucket, timestamptz '2000-01-01 00:00:00+00'), ${key},
             sum(count), min(first_at), max(last_at)
      FROM quarters
      GROUP BY ${positions}
      ORDER BY ${positions}
      ON CONFLICT (bucket, ${key}) DO UPDATE
        SET count = r.count + excluded.count,
            first_at = least(r.first_at, excluded.first_at),
            last_at = greatest(r.last_at, excluded.last_at)
    )`);
}

/**
 * Stores a batch atomically and returns how many activities were new. Ids already stored, or repeated in
 * the batch, are skipped; the rollups grow only by the rows actually inserted, in the same statement, so a
 * retried batch never counts twice and the rollups never drift from the rows.
 *
 * One statement (data-modifying CTEs) is atomic without BEGIN/COMMIT: one round trip per batch, and on
 * PGlite one flush to disk. Every column travels as one array parameter expanded by `unnest`, about five
 * times faster than multi-row VALUES through the ORM.
 *
 * Concurrent writers lock rows in one order (activities, the rollup tables in ROLLUPS order, occasions —
 * the same statement always runs its parts in the same order — each sorted by key), so overlapping
 * batches wait for each other instead of deadlocking.
 */
export async function writeActivities(store: EventStore, batch: readonly NewActivity[]): Promise<number> {
  const rows = uniqueById(batch).sort((a, b) => compare(a.id, b.id));
  if (rows.length === 0) return 0;
  const names = occasionNames(batch);
  const eventIds = [...names.keys()].sort(compare);
  const column = (values: unknown[]) => sql.param(values);

  const result = await store.run("write", (db) =>
    db.execute<{ accepted: number }>(sql`
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
    ), quarters AS (
      SELECT date_bin('15 minutes', occurred_at, timestamptz '2000-01-01 00:00:00+00') AS bucket,
             event_id, type, coalesce(endpoint_id, '') AS endpoint_id,
             count(*) AS count, min(occurred_at) AS first_at, max(occurred_at) AS last_at
      FROM inserted
      GROUP BY 1, 2, 3, 4
    ), ${sql.join(ROLLUPS.map(rollUp), sql`, `)}, named AS (
      INSERT INTO occasions AS o (id, name)
      SELECT * FROM unnest(${column(eventIds)}::text[], ${column(eventIds.map((id) => names.get(id) ?? null))}::text[])
      ON CONFLICT (id) DO UPDATE SET name = excluded.name
        WHERE excluded.name IS NOT NULL AND o.name IS DISTINCT FROM excluded.name
    )
    SELECT count(*)::int AS accepted FROM inserted`),
  );
  return Number(result.rows[0]?.accepted ?? 0);
}

/** Empties the store: activities, every rollup table and the occasions (a forced re-seed, tests). */
export async function clearStore(store: EventStore): Promise<void> {
  const tables = ["activities", ...ROLLUPS.map((r) => r.table), "occasions"];
  await store.db.execute(sql.raw(`TRUNCATE ${tables.join(", ")}`));
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
