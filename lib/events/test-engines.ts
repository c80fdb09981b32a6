import { createHash, randomUUID } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { overrideEventsContext } from "@/lib/events/context";
import { openEventStore, type EventStore } from "@/lib/events/db";
import { clearStore, ROLLUPS } from "@/lib/events/write";

/**
 * Test support (imported by *.test.ts only): the engines every event-store suite runs on. PGlite always;
 * PostgreSQL when TEST_DATABASE_URL is set, each test file in a fresh schema dropped afterwards. In CI the
 * PostgreSQL variant is mandatory: without the URL its tests fail instead of silently disappearing.
 */
export type TestEngine = {
  name: "pglite" | "postgres";
  open: () => Promise<EventStore>;
  /** A store that keeps its data across a close and an open (which migrates), as a server restart does. */
  durable: () => DurableStore;
};
export type DurableStore = {
  open: () => Promise<EventStore>;
  /** Qualified name of drizzle's migrations journal in this store. */
  journal: string;
  destroy: () => Promise<void>;
};

export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  const engines: TestEngine[] = [{ name: "pglite", open: openPgliteFromTemplate, durable: durablePglite }];
  if (url) {
    engines.push({
      name: "postgres",
      open: () => openPostgresSchema(url),
      durable: () => durablePostgres(url),
    });
  } else if (process.env.CI === "true") {
    const missing = () =>
      new Error(
        "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL run of the event-store suite cannot be skipped in CI.",
      );
    engines.push({
      name: "postgres",
      open: () => Promise.reject(missing()),
      durable: () => {
        throw missing();
      },
    });
  }
  return engines;
}

/** On disk, so it outlives a close (initdb included: a few seconds). */
function durablePglite(): DurableStore {
  const root = mkdtempSync(path.join(tmpdir(), "events-durable-"));
  return {
    open: () => openEventStore({ engine: "pglite", dataDir: path.join(root, "pglite") }),
    journal: `"drizzle"."__drizzle_migrations"`,
    destroy: async () => rmSync(root, { recursive: true, force: true }),
  };
}

function durablePostgres(url: string): DurableStore {
  const schema = `test_${randomUUID().replace(/-/g, "")}`;
  const open = () => openEventStore({ engine: "postgres", url, schema });
  return {
    open,
    journal: `"${schema}"."__drizzle_migrations"`,
    destroy: async () => {
      const store = await open();
      await store.db.execute(sql.raw(`DROP SCHEMA "${schema}" CASCADE`));
      await store.close();
    },
  };
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

/**
 * The store of one engine's suite: opened before its tests and closed after them; with `resetEach`,
 * emptied before each test; with `asAppStore`, also the store the app's routes use meanwhile. The handle
 * forwards to the open store, so a suite uses it as one.
 */
export function storeForSuite(
  engine: TestEngine,
  opts: { resetEach?: boolean; asAppStore?: boolean } = {},
): EventStore {
  let opened: EventStore | undefined;
  beforeAll(async () => {
    opened = await engine.open();
    if (opts.asAppStore) overrideEventsContext({ store: opened });
  });
  afterAll(async () => {
    if (opts.asAppStore) overrideEventsContext({});
    await opened?.close();
  });
  if (opts.resetEach) beforeEach(() => resetStore(current()));
  const current = () => {
    if (!opened) throw new Error(`the ${engine.name} test store is used outside a test`);
    return opened;
  };
  return new Proxy({} as EventStore, {
    get(_, key) {
      const value: unknown = Reflect.get(current(), key);
      return typeof value === "function" ? value.bind(current()) : value;
    },
  });
}

/**
 * For a file whose cases import the app afresh (vi.resetModules) under stubbed settings: the default
 * embedded store in a new DATA_DIR, opened once under the hook timeout (initdb and migrations take
 * seconds) and shared by every case, since it is process-wide. Returns that DATA_DIR for the cases' own
 * stubs; each case's stubs are undone after it.
 */
export function defaultStoreForFile(prefix: string): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  beforeAll(async () => {
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", undefined);
    await (await import("@/lib/events/db")).defaultEventStore();
  });
  afterAll(async () => {
    await (await import("@/lib/events/db")).closeDefaultEventStore();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  return dataDir;
}

export async function resetStore(store: EventStore): Promise<void> {
  await clearStore(store);
}

/**
 * Per rollup table, how many cells differ (either way) from a recount of the raw rows at its grain: all
 * zero when every table holds exactly what the rows say.
 */
export async function rollupDrift(store: EventStore): Promise<Record<string, number>> {
  const drift: Record<string, number> = {};
  for (const { table, grain, keys } of ROLLUPS) {
    const key = keys.join(", ");
    const positions = keys.map((_, i) => i + 2).join(", ");
    const result = await store.db.execute<{ n: unknown }>(
      sql.raw(`
        WITH recount AS (
          SELECT date_bin('${grain}', occurred_at, timestamptz '2000-01-01 00:00:00+00'),
                 ${key.replace("endpoint_id", "coalesce(endpoint_id, '')")},
                 count(*)::int, min(occurred_at), max(occurred_at)
          FROM activities GROUP BY 1, ${positions}
        ), stored AS (
          SELECT bucket, ${key}, count, first_at, last_at FROM ${table}
        )
        SELECT count(*)::float8 AS n
        FROM ((TABLE recount EXCEPT ALL TABLE stored) UNION ALL (TABLE stored EXCEPT ALL TABLE recount)) AS diff`),
    );
    drift[table] = Number(result.rows[0]?.n);
  }
  return drift;
}

export const NO_DRIFT = Object.fromEntries(ROLLUPS.map((r) => [r.table, 0]));

/** Every cell of every rollup table, in key order: what a store's rollups hold, to compare two stores. */
export async function rollupCells(store: EventStore): Promise<Record<string, unknown[]>> {
  const cells: Record<string, unknown[]> = {};
  const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8 AS ${column}`;
  for (const { table, keys } of ROLLUPS) {
    const result = await store.db.execute<Record<string, unknown>>(
      sql.raw(`
        SELECT ${ms("bucket")}, ${keys.join(", ")}, count, ${ms("first_at")}, ${ms("last_at")}
        FROM ${table} ORDER BY 1, ${keys.map((_, i) => i + 2).join(", ")}`),
    );
    cells[table] = result.rows;
  }
  return cells;
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
