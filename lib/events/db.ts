import "server-only";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { env } from "@/lib/env";
import * as schema from "@/lib/events/schema";

/**
 * The event store: embedded PGlite by default, a real PostgreSQL when DATABASE_URL is set. Both speak the
 * same SQL, so one drizzle schema, one set of migrations and one query code path serve both.
 */

/** Both drivers return `{ rows }` from `execute`; naming that lets raw statements stay driver-neutral. */
type Rows<Row> = { rows: Row[] };
interface RowsResultHKT extends PgQueryResultHKT {
  type: Rows<this["row"]>;
}
export type EventsDb = PgDatabase<RowsResultHKT, typeof schema>;

export type EventStore = {
  db: EventsDb;
  engine: "pglite" | "postgres";
  close(): Promise<void>;
};

export type StoreOptions =
  /**
   * `dataDir` undefined = in memory (tests). `loadDataDir`: a dump (PGlite's `dumpDataDir`) to start
   * from instead of running initdb, which is most of PGlite's start-up time (tests use a migrated template).
   */
  | { engine: "pglite"; dataDir?: string; loadDataDir?: Blob }
  /** `schema` puts every table (and the migrations journal) in that schema, created on demand (tests). */
  | { engine: "postgres"; url: string; schema?: string };

/** Resolved from the working directory: Next, tsx scripts and vitest all run from the project root. */
const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

export async function openEventStore(options: StoreOptions): Promise<EventStore> {
  return options.engine === "pglite"
    ? openPglite(options.dataDir, options.loadDataDir)
    : openPostgres(options.url, options.schema);
}

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<EventStore> {
  const releaseLock = dataDir === undefined ? () => {} : lockDataDir(dataDir);
  try {
    const client = new PGlite({ dataDir, loadDataDir });
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db,
      engine: "pglite",
      close: async () => {
        try {
          await client.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

export class StoreLockedError extends Error {
  override name = "StoreLockedError";
}

/**
 * PGlite is PostgreSQL in WASM inside this process: nothing stops a second process from opening the same
 * directory, and two writers corrupt it. A lock file beside the directory, holding the owner's pid, turns
 * that into a clear error; a lock left by a process that no longer exists (killed, crashed) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  // Written aside and hard-linked into place, so a lock file is never seen without its pid.
  const candidate = `${lockPath}.${process.pid}`;
  writeFileSync(candidate, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(candidate, lockPath);
        const release = () => {
          process.off("exit", release);
          rmSync(lockPath, { force: true });
        };
        process.on("exit", release);
        return release;
      } catch (error) {
        if (!isErrno(error, "EEXIST")) throw error;
      }
      const owner = lockOwner(lockPath);
      if (owner !== null && isAlive(owner)) {
        const who = owner === process.pid ? "this process" : `process ${owner}`;
        throw new StoreLockedError(
          `The embedded event store at ${dataDir} is already open in ${who}. PGlite can be used by one ` +
            "process at a time: stop the other one (a running `next dev`/`next start`, `npm run seed`, a " +
            "benchmark), or set DATABASE_URL to a PostgreSQL server that any number of processes can share.",
        );
      }
      rmSync(lockPath, { force: true });
    }
    throw new StoreLockedError(`Could not take the lock ${lockPath}: another process keeps replacing it.`);
  } finally {
    rmSync(candidate, { force: true });
  }
}

function lockOwner(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error, "EPERM");
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

async function openPostgres(url: string, schemaName: string | undefined): Promise<EventStore> {
  const pool = new pg.Pool({
    connectionString: url,
    ...(schemaName ? { options: `-c search_path=${quoteIdent(schemaName)}` } : {}),
  });
  try {
    await migratePostgres(pool, schemaName);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db: drizzlePg({ client: pool, schema }), engine: "postgres", close: () => pool.end() };
}

/**
 * drizzle's migrator reads the journal, then applies what is missing in a transaction; two servers starting
 * together would both see an empty journal and the second would fail on CREATE TABLE. A session-level
 * advisory lock makes the second wait, then find nothing left to do.
 */
async function migratePostgres(pool: pg.Pool, schemaName: string | undefined): Promise<void> {
  const client = await pool.connect();
  const lockKey = `fal-dashboard:events:migrate:${schemaName ?? ""}`;
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey]);
    try {
      if (schemaName) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schemaName)}`);
      await migratePg(drizzlePg({ client }), {
        migrationsFolder: MIGRATIONS_FOLDER,
        ...(schemaName ? { migrationsSchema: schemaName } : {}),
      });
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]);
    }
  } finally {
    client.release();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What `env()` asks for: DATABASE_URL when set, else PGlite under DATA_DIR. */
export function configuredStoreOptions(): StoreOptions {
  const { DATABASE_URL, DATA_DIR } = env();
  return DATABASE_URL
    ? { engine: "postgres", url: DATABASE_URL }
    : { engine: "pglite", dataDir: path.resolve(DATA_DIR, "pglite") };
}

// On globalThis so that `next dev` re-evaluating this module on a hot reload reuses the open store
// (a second PGlite on the same directory would be refused by the lock).
const slot = globalThis as typeof globalThis & { __falEventStore?: Promise<EventStore> };

/** The process-wide store, opened (and migrated) on first use; a failed open is retried on the next call. */
export function defaultEventStore(): Promise<EventStore> {
  slot.__falEventStore ??= openEventStore(configuredStoreOptions()).catch((error: unknown) => {
    slot.__falEventStore = undefined;
    throw error;
  });
  return slot.__falEventStore;
}

export async function closeDefaultEventStore(): Promise<void> {
  const pending = slot.__falEventStore;
  slot.__falEventStore = undefined;
  if (pending) await (await pending).close();
}
