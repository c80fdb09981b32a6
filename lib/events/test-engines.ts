import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { openEventStore, type EventStore } from "@/lib/events/db";

/**
 * Test support (imported by *.test.ts only): the engines every event-store suite runs on. PGlite always;
 * PostgreSQL when TEST_DATABASE_URL is set, each test file in a fresh schema dropped afterwards. In CI the
 * PostgreSQL variant is mandatory: without the URL its tests fail instead of silently disappearing.
 */
export type TestEngine = { name: "pglite" | "postgres"; open: () => Promise<EventStore> };

export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  const engines: TestEngine[] = [{ name: "pglite", open: openPgliteFromTemplate }];
  if (url) engines.push({ name: "postgres", open: () => openPostgresSchema(url) });
  else if (process.env.CI === "true") {
    engines.push({
      name: "postgres",
      open: () =>
        Promise.reject(
          new Error(
            "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL run of the event-store suite cannot be skipped in CI.",
          ),
        ),
    });
  }
  return engines;
}

/**
 * initdb is most of a PGlite start (about 1.5 s of 2); each test file needs its own store, so the first
 * one dumps a freshly migrated cluster to a temp file (named by the migrations' hash) and the rest load it.
 */
async function openPgliteFromTemplate(): Promise<EventStore> {
  const folder = path.join(process.cwd(), "drizzle");
  const hash = createHash("sha256");
  for (const file of readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()) {
    if (file.endsWith(".sql") || file.endsWith(".json"))
      hash.update(file).update(readFileSync(path.join(folder, file)));
  }
  const template = path.join(tmpdir(), `events-pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
  if (!existsSync(template)) {
    const client = new PGlite();
    await migrate(drizzle({ client }), { migrationsFolder: folder });
    const dump = await client.dumpDataDir("none");
    await client.close();
    // Parallel test files may race to write it: each writes its own file and renames, which is atomic.
    const partial = `${template}.${process.pid}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, template);
  }
  return openEventStore({ engine: "pglite", loadDataDir: new Blob([readFileSync(template)]) });
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

export type StoredActivity = {
  id: string;
  event_id: string;
  type: string;
  occurred_ms: number;
  endpoint_id: string | null;
};

/** Every stored row, for recounting in JS what the store answered. */
export async function storedActivities(store: EventStore): Promise<StoredActivity[]> {
  const result = await store.db.execute<{
    id: string;
    event_id: string;
    type: string;
    occurred_ms: unknown;
    endpoint_id: string | null;
  }>(
    sql`SELECT id::text AS id, event_id, type, endpoint_id, (extract(epoch from occurred_at) * 1000)::float8 AS occurred_ms FROM activities`,
  );
  return result.rows.map((r) => ({ ...r, occurred_ms: Number(r.occurred_ms) }));
}
