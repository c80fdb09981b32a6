import "server-only";
import { mkdirSync, statSync } from "node:fs";
import { statfs } from "node:fs/promises";
import path from "node:path";
import { PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { env } from "@/lib/env";
import {
  explainStoreError,
  fileSystemReason,
  storeFull,
  storeUnavailable,
  type StoreKind,
} from "@/lib/events/failures";
import { isErrno, lockDataDir } from "@/lib/events/lock";
import * as schema from "@/lib/events/schema";

export { StoreLockedError } from "@/lib/events/lock";

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
  engine: StoreKind;
  /**
   * The routes' way into the store. A failure a client can act on (the server unreachable or too slow,
   * the disk full, a data directory that cannot be used) comes out as a 503/507 ApiError instead of a bare
   * 500, and on PGlite a write the disk could not take is refused before it starts.
   */
  run<T>(access: "read" | "write", work: (db: EventsDb) => Promise<T>): Promise<T>;
  /** True once the store can answer nothing more and must be opened again (PGlite after a PANIC). */
  readonly broken: boolean;
  close(): Promise<void>;
};

export type PostgresTimeouts = { connectMs: number; statementMs: number; queryMs: number };

export type StoreOptions =
  /**
   * `dataDir` undefined = in memory (tests). `loadDataDir`: a dump (PGlite's `dumpDataDir`) to start
   * from instead of running initdb, which is most of PGlite's start-up time (tests use a migrated template).
   * `minFreeBytes`: writes are refused while the disk under `dataDir` has less free (default 64 MiB).
   */
  | { engine: "pglite"; dataDir?: string; loadDataDir?: Blob; minFreeBytes?: number }
  /**
   * `schema` puts every table (and the migrations journal) in that schema, created on demand (tests).
   * `timeouts` default to the DATABASE_*_TIMEOUT_MS settings.
   */
  | { engine: "postgres"; url: string; schema?: string; timeouts?: PostgresTimeouts };

/** Resolved from the working directory: Next, tsx scripts and vitest all run from the project root. */
const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/**
 * PGlite must never meet a full disk while it writes its log (see GuardedPGlite), so writes stop well
 * before: a new log segment alone takes 16 MiB, and one batch of 1,000 activities a few more.
 */
const DEFAULT_MIN_FREE_BYTES = 64 * 1024 * 1024;

export async function openEventStore(options: StoreOptions): Promise<EventStore> {
  return options.engine === "pglite"
    ? openPglite(options.dataDir, options.loadDataDir, options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES)
    : openPostgres(options.url, options.schema, options.timeouts ?? configuredTimeouts());
}

/**
 * A PGlite whose statements enter one at a time and which, after a PANIC, is given none again. PostgreSQL
 * PANICs when it cannot write its log (the disk filled up, say); a server process would exit and be
 * restarted, but PGlite reports the error and then spins the CPU forever in its next statement: the event
 * loop stops, every route times out and SIGTERM goes unheard. An instance marked broken is abandoned
 * unclosed (closing runs a statement too) and the store opened again.
 */
class GuardedPGlite extends PGlite {
  #queue: Promise<unknown> = Promise.resolve();
  broken: Error | undefined;

  override query<T>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#next(() => super.query<T>(query, params, options));
  }

  override transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#next(() => super.transaction(callback));
  }

  #next<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(async () => {
      if (this.broken) throw this.broken;
      try {
        return await statement();
      } catch (error) {
        if (isFatal(error)) this.broken = error as Error;
        throw error;
      }
    });
    this.#queue = result.catch(() => {});
    return result;
  }
}

/** PANIC and FATAL end a PostgreSQL backend; an ErrnoError is the WASM file system failing under it. */
function isFatal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const severity = "severity" in error ? error.severity : undefined;
  return severity === "PANIC" || severity === "FATAL" || error.name === "ErrnoError";
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | undefined,
  minFreeBytes: number,
): Promise<EventStore> {
  if (dataDir !== undefined) ensureDirectory(path.dirname(dataDir));
  const releaseLock = dataDir === undefined ? () => {} : await lockDataDir(dataDir);
  let started: GuardedPGlite | undefined;
  try {
    const client = new GuardedPGlite({ dataDir, loadDataDir });
    started = client;
    // PGlite's start-up runs a query of its own, which must not queue behind one waiting for the start-up.
    await client.waitReady;
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const abandon = () => {
      releaseLock();
      return storeUnavailable(
        "The embedded event store stopped after a failed write to its disk (is the disk under DATA_DIR full?). " +
          "No acknowledged activity was lost; it reopens by itself once the disk can take writes again.",
        "Free space under DATA_DIR.",
        client.broken,
      );
    };
    return {
      db,
      engine: "pglite",
      get broken() {
        return client.broken !== undefined;
      },
      run: async (access, work) => {
        if (client.broken) throw abandon();
        if (access === "write" && dataDir !== undefined) await ensureRoom(dataDir, minFreeBytes);
        try {
          return await work(db);
        } catch (error) {
          if (client.broken) throw abandon();
          throw explainStoreError(error, "pglite");
        }
      },
      close: async () => {
        try {
          if (!client.broken) await client.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    // A failed open (a migration on a full disk) retries every few seconds: each must not leak an instance.
    if (started && !started.broken) await started.close().catch(() => {});
    releaseLock();
    const free = dataDir === undefined ? Infinity : await freeBytes(dataDir).catch(() => Infinity);
    throw free < minFreeBytes ? storeFull("pglite", error) : error;
  }
}

async function ensureRoom(dataDir: string, minFreeBytes: number): Promise<void> {
  if ((await freeBytes(dataDir)) < minFreeBytes) throw storeFull("pglite");
}

async function freeBytes(dataDir: string): Promise<number> {
  const stats = await statfs(path.dirname(dataDir));
  return stats.bavail * stats.bsize;
}

/**
 * `mkdirSync(dir, { recursive: true })`, one level at a time from the top, so each failure says what it
 * is: Node's recursive mkdir retries forever under a pseudo-file system such as /proc, where creating a
 * directory answers ENOENT although its parent exists, and reports a read-only file system as ENOENT.
 */
function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !exists(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      mkdirSync(at);
    } catch (error) {
      if (isErrno(error, "EEXIST")) continue;
      const code = error instanceof Error && "code" in error ? String(error.code) : undefined;
      const reason =
        fileSystemReason(code) ??
        (code === "ENOENT"
          ? "directories cannot be created there (a pseudo-file system such as /proc or /sys?)"
          : `creating it failed (${code ?? "unknown error"})`);
      throw storeUnavailable(
        `The event store cannot use DATA_DIR: ${at}: ${reason}.`,
        "Set DATA_DIR to a writable directory on a real disk, or DATABASE_URL to use PostgreSQL.",
        error,
      );
    }
  }
}

function exists(at: string): boolean {
  try {
    statSync(at);
    return true;
  } catch {
    return false;
  }
}

async function openPostgres(
  url: string,
  schemaName: string | undefined,
  timeouts: PostgresTimeouts,
): Promise<EventStore> {
  const pool = new pg.Pool({
    connectionString: url,
    ...(schemaName ? { options: `-c search_path=${quoteIdent(schemaName)}` } : {}),
    connectionTimeoutMillis: timeouts.connectMs,
    // The server cancels a statement that runs too long; the client stops waiting for a server that does
    // not answer at all (stopped, stalled, a dropped network), which no server-side setting can cover.
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
  });
  // A restarting server drops every pooled connection at once. Unheard, each drop is an uncaught
  // exception; the query that was using a connection gets the error anyway, so one line is enough.
  pool.on("error", (error) => console.error(`[events] PostgreSQL connection lost: ${error.message}`));
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    await migratePostgres(pool, schemaName);
  } catch (error) {
    await pool.end();
    throw explainStoreError(error, "postgres");
  }
  const db = drizzlePg({ client: pool, schema });
  // A query stuck on a stalled server times out, and then so does drizzle's ROLLBACK queued behind it: the
  // request is answered at the first deadline rather than at the sum of both.
  const deadlineMs = timeouts.connectMs + timeouts.queryMs;
  return {
    db,
    engine: "postgres",
    broken: false,
    run: async (_access, work) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("Query read timeout")), deadlineMs);
      });
      try {
        return await Promise.race([work(db), deadline]);
      } catch (error) {
        throw explainStoreError(error, "postgres");
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.end(),
  };
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
    ? { engine: "postgres", url: DATABASE_URL, timeouts: configuredTimeouts() }
    : { engine: "pglite", dataDir: path.resolve(DATA_DIR, "pglite") };
}

function configuredTimeouts(): PostgresTimeouts {
  const e = env();
  return {
    connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    queryMs: e.DATABASE_QUERY_TIMEOUT_MS,
  };
}

// On globalThis so that `next dev` re-evaluating this module on a hot reload reuses the open store
// (a second PGlite on the same directory would be refused by the lock).
const slot = globalThis as typeof globalThis & { __falEventStore?: Promise<EventStore> };

/** A failed open is remembered this long: opening PGlite costs seconds of CPU, too much to try per request. */
const RETRY_OPEN_AFTER_MS = 5_000;

/** The process-wide store, opened (and migrated) on first use, and opened again once it is broken. */
export async function defaultEventStore(): Promise<EventStore> {
  const pending = (slot.__falEventStore ??= openDefault());
  const store = await pending;
  if (!store.broken) return store;
  if (slot.__falEventStore === pending) slot.__falEventStore = undefined;
  return defaultEventStore();
}

function openDefault(): Promise<EventStore> {
  const opening = openEventStore(configuredStoreOptions()).catch((error: unknown) => {
    setTimeout(() => {
      if (slot.__falEventStore === opening) slot.__falEventStore = undefined;
    }, RETRY_OPEN_AFTER_MS).unref();
    throw explainStoreError(error, configuredStoreOptions().engine);
  });
  return opening;
}

export async function closeDefaultEventStore(): Promise<void> {
  const pending = slot.__falEventStore;
  slot.__falEventStore = undefined;
  if (pending) await (await pending).close();
}
