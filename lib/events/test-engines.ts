import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { openEventStore, type EventStore } from "@/lib/events/db";

/**
 * Test support (imported by *.test.ts only): the engines every event-store suite runs on. PGlite always;
 * PostgreSQL when TEST_DATABASE_URL is set, each test file in a fresh schema dropped afterwards. In CI the
 * PostgreSQL variant is mandatory: without the URL its tests fail instead of silently disappearing.
 */
export type TestEngine = { name: "pglite" | "postgres"; open: () => Promise<EventStore> };

export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  const engines: TestEngine[] = [{ name: "pglite", open: () => openEventStore({ engine: "pglite" }) }];
  if (url) engines.push({ name: "postgres", open: () => openPostgresSchema(url) });
  else if (process.env.CI === "true") {
    engines.push({
      name: "postgres",
      open: () => Promise.reject(new Error("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL run of the event-store suite cannot be skipped in CI.")),
    });
  }
  return engines;
}

async function openPostgresSchema(url: string): Promise<EventStore> {
  const schema = `test_${randomUUID().replace(/-/g, "")}`;
  const store = await openEventStore({ engine: "postgres", url, schema });
  return {
    ...store,
    close: async () => {
      await store.db.execute(sql.raw(`DROP SCHEMA "${schema}" CASCADE`));
      await store.close();
    },
  };
}

export async function resetStore(store: EventStore): Promise<void> {
  await store.db.execute(sql`TRUNCATE activities, activity_rollups, occasions`);
}

export type StoredActivity = { id: string; event_id: string; type: string; occurred_ms: number; endpoint_id: string | null };

/** Every stored row, for recounting in JS what the store answered. */
export async function storedActivities(store: EventStore): Promise<StoredActivity[]> {
  const result = await store.db.execute<{ id: string; event_id: string; type: string; occurred_ms: unknown; endpoint_id: string | null }>(
    sql`SELECT id::text AS id, event_id, type, endpoint_id, (extract(epoch from occurred_at) * 1000)::float8 AS occurred_ms FROM activities`,
  );
  return result.rows.map((r) => ({ ...r, occurred_ms: Number(r.occurred_ms) }));
}
