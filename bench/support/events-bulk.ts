import type { EventStore } from "@/lib/events/db";
import type { NewActivity } from "@/lib/events/write";
import { allowServerOnlyImports } from "@/lib/events/outside-next";

/**
 * The event store seen from a bench script: opened in this process (the server must not hold it then —
 * PGlite is one process at a time), filled through `writeActivities` (the statement behind POST
 * /api/ingest, rollups included) and queried with raw SQL for baselines.
 *
 * Server modules import `server-only`, so they are loaded lazily, after the resolve hook is in place.
 */
let hooked = false;
async function server() {
  if (!hooked) {
    allowServerOnlyImports();
    hooked = true;
  }
  const [{ sql }, db, write, catalog] = await Promise.all([
    import("drizzle-orm"),
    import("@/lib/events/db"),
    import("@/lib/events/write"),
    import("@/lib/demo/catalog"),
  ]);
  return { sql, db, write, catalog };
}

export async function openStore(
  options: { engine: "pglite"; dataDir: string } | { engine: "postgres"; url: string },
): Promise<EventStore> {
  const { db } = await server();
  return db.openEventStore(options);
}

const DAY = 86_400_000;
/** The events synthetic activities are spread over (bulkLoad here, the ingest batches of events-store.ts). */
export const SYNTHETIC_EVENTS = [
  "flagship-store-kiosk",
  "expo-2026-booth",
  "smith-wedding",
  "acme-summer-party",
  "tech-summit",
  "festival",
];
/** Large enough that 10 M rows are 400 statements, small enough that one batch's arrays stay modest. */
const LOAD_BATCH = 25_000;

/**
 * UUIDv7-shaped ids (time first): a random-uuid primary key turns every insert into a random btree page
 * write, which on 10 M rows is what a real sender with v4 ids would pay too — but then the bench would
 * time the btree, not the metrics. The counter in the last 48 bits keeps them unique.
 */
function timeOrderedId(ms: number, n: number): string {
  const t = ms.toString(16).padStart(12, "0");
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7000-8000-${n.toString(16).padStart(12, "0")}`;
}

/**
 * The n-th synthetic activity's draw and type: roughly the demo's mix (15 % photos, 80 % views, a few
 * shares and downloads). A multiplicative hash, so types and models interleave instead of arriving in runs.
 */
export function syntheticMix(n: number): { r: number; type: string } {
  const r = ((n * 2_654_435_761) % 1_000_003) / 1_000_003;
  const type =
    r < 0.15
      ? "photo.generated"
      : r < 0.95
        ? "photo.viewed"
        : r < 0.985
          ? "photo.shared"
          : "photo.downloaded";
  return { r, type };
}

export type LoadResult = { rows: number; seconds: number; reachedTarget: boolean };

/**
 * Writes up to `target` activities spread evenly over the 90 days before `now` — roughly the demo's mix:
 * one photo per five views, a share now and then, photos spread over the catalog by model weight — and
 * stops early when `budgetSeconds` is spent, so a slow machine measures at the largest N it can load.
 */
export async function bulkLoad(
  store: EventStore,
  opts: { target: number; now: number; budgetSeconds: number; onProgress?: (rows: number) => void },
): Promise<LoadResult> {
  const { write, catalog } = await server();
  const models = catalog.DEMO_ALL_MODELS;
  const weights = models.map((m) => m.photo_weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const cumulative = weights.map((w) => (acc += w / totalWeight));
  const start = opts.now - 90 * DAY;
  const span = 90 * DAY - 60_000;
  const began = performance.now();
  let rows = 0;
  while (rows < opts.target) {
    if ((performance.now() - began) / 1000 > opts.budgetSeconds) break;
    const batch: NewActivity[] = [];
    for (let n = rows; n < Math.min(opts.target, rows + LOAD_BATCH); n++) {
      const { r, type } = syntheticMix(n);
      const occurredAt = start + Math.floor((n / opts.target) * span);
      const model =
        type === "photo.generated"
          ? models[
              Math.max(
                0,
                cumulative.findIndex((c) => r / 0.15 < c),
              )
            ]
          : undefined;
      batch.push({
        id: timeOrderedId(occurredAt, n),
        eventId: SYNTHETIC_EVENTS[n % SYNTHETIC_EVENTS.length]!,
        type,
        occurredAt,
        endpointId: model?.endpoint_id,
        properties: { source: "bench" },
      });
    }
    await write.writeActivities(store, batch);
    rows += batch.length;
    opts.onProgress?.(rows);
  }
  return { rows, seconds: (performance.now() - began) / 1000, reachedTarget: rows >= opts.target };
}

/**
 * What /api/events/metrics answers for a range (series per day and type, per event, per endpoint),
 * counted straight from the raw activities: the baseline the rollups must beat.
 */
export async function rawScan(
  store: EventStore,
  range: { startMs: number; endMs: number; timezone: string },
): Promise<void> {
  const { sql } = await server();
  const window = sql`occurred_at >= ${new Date(range.startMs).toISOString()}::timestamptz AND occurred_at < ${new Date(range.endMs).toISOString()}::timestamptz`;
  await store.db.execute(
    sql`SELECT date_trunc('day', occurred_at, ${range.timezone}), type, count(*) FROM activities WHERE ${window} GROUP BY 1, 2`,
  );
  await store.db.execute(sql`
    SELECT event_id, count(*) FILTER (WHERE type = 'photo.generated'), count(*) FILTER (WHERE type = 'photo.viewed'),
           count(*) FILTER (WHERE type = 'photo.shared'), min(occurred_at), max(occurred_at)
    FROM activities WHERE ${window} GROUP BY 1`);
  await store.db.execute(sql`
    SELECT endpoint_id, count(*) FROM activities
    WHERE ${window} AND type = 'photo.generated' AND endpoint_id IS NOT NULL GROUP BY 1`);
}

export async function countRows(
  store: EventStore,
): Promise<{ activities: number; rollupSum: number; rollupCells: number }> {
  const { sql, write } = await server();
  // The coarser rollups must hold the same activities as the 15-minute ones, or the figures mean nothing.
  const coarserTables = write.ROLLUPS.slice(1).map((r) => r.table);
  const sum = (table: string) => sql.raw(`(SELECT coalesce(sum(count), 0) FROM ${table})::float8`);
  const r = await store.db.execute<{
    activities: unknown;
    rollup_sum: unknown;
    cells: unknown;
    coarser: unknown[];
  }>(sql`
    SELECT (SELECT count(*) FROM activities)::float8 AS activities,
           ${sum("activity_rollups")} AS rollup_sum,
           (SELECT count(*) FROM activity_rollups)::float8 AS cells,
           ARRAY[${sql.join(coarserTables.map(sum), sql`, `)}] AS coarser`);
  const row = r.rows[0];
  const rollupSum = Number(row?.rollup_sum);
  const coarser = (row?.coarser ?? []).map(Number);
  if (coarser.some((n) => n !== rollupSum))
    throw new Error(
      `rollup sums disagree: 15-minute ${rollupSum}, ${coarserTables.join("/")} ${coarser.join("/")}`,
    );
  return { activities: Number(row?.activities), rollupSum, rollupCells: Number(row?.cells) };
}

/** The dashboard's own query (rollups), in this process: the API time minus HTTP and Next. */
export async function rollupQuery(
  store: EventStore,
  query: { start: string; timeframe: "day"; timezone: string },
  now: number,
) {
  await server();
  const [{ resolveRange }, { eventMetrics }] = await Promise.all([
    import("@/lib/time/range"),
    import("@/lib/events/metrics"),
  ]);
  const range = resolveRange(query, { defaultTimezone: query.timezone, now });
  return { range, run: () => eventMetrics(range, { store }) };
}

/** Every stored activity id, lower-case (PostgreSQL prints uuids that way). */
export async function storedIds(store: EventStore): Promise<string[]> {
  const { sql } = await server();
  const r = await store.db.execute<{ id: string }>(sql`SELECT id::text AS id FROM activities`);
  return r.rows.map((row) => row.id);
}
