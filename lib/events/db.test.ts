import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveRange } from "@/lib/time/range";
import { StoreLockedError, openEventStore, type EventStore } from "@/lib/events/db";
import { ingestActivities } from "@/lib/events/ingest";
import { eventMetrics } from "@/lib/events/metrics";

const NOW = Date.parse("2026-03-10T00:00:00Z");
const range = resolveRange(
  { start: "2026-03-01", end: "2026-03-10", timezone: "Europe/Berlin", timeframe: "day" },
  { defaultTimezone: "UTC", now: NOW },
);

/** Every committed migration, each applied exactly once. */
const MIGRATIONS = (
  JSON.parse(readFileSync(path.join(process.cwd(), "drizzle/meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  }
).entries.length;

async function journalLength(store: EventStore, schema = "drizzle"): Promise<number> {
  const result = await store.db.execute<{ n: unknown }>(
    sql.raw(`SELECT count(*)::float8 AS n FROM "${schema}".__drizzle_migrations`),
  );
  return Number(result.rows[0]?.n);
}

// One directory for the whole lifecycle, in order: creating a PGlite cluster on disk costs seconds.
describe("PGlite on disk", () => {
  let root: string;
  let dataDir: string;
  let store: EventStore | undefined;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "events-store-"));
    dataDir = path.join(root, "pglite");
  });
  afterAll(async () => {
    await store?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("keeps what was written across a close and a reopen of the same directory", async () => {
    const first = await openEventStore({ engine: "pglite", dataDir });
    const activities = ["photo.generated", "photo.viewed", "photo.viewed"].map((type, i) => ({
      id: randomUUID(),
      event_id: "kiosk",
      event_name: "Flagship store kiosk",
      type,
      occurred_at: new Date(Date.parse("2026-03-05T12:00:00Z") + i * 60_000).toISOString(),
    }));
    await ingestActivities(first, { activities }, { now: NOW });
    const before = await eventMetrics(range, { store: first });
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    store = await openEventStore({ engine: "pglite", dataDir });
    expect(await eventMetrics(range, { store })).toEqual(before);
    expect(before.events[0]).toMatchObject({ name: "Flagship store kiosk", photos_generated: 1, views: 2 });
    expect(await journalLength(store)).toBe(MIGRATIONS);
    // initdb on disk: seconds on an idle machine, far more on a loaded CI runner.
  }, 120_000);

  it("refuses a second open of the directory while it is open, with an explanation", async () => {
    const refused = await openEventStore({ engine: "pglite", dataDir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as Error).message).toMatch(
      /already open in this process.*one process at a time.*DATABASE_URL/s,
    );
  });

  it("opens a store whose lock file names this very process: a restarted container got its pid back", async () => {
    await store?.close();
    store = undefined;
    // What a server killed with kill -9 leaves behind when its successor runs as the same pid (node as
    // pid 1 in a container): a lock claiming the current pid, written by a process that no longer exists.
    writeFileSync(`${dataDir}.lock`, `${process.pid}\n`);
    store = await openEventStore({ engine: "pglite", dataDir });
    expect((await eventMetrics(range, { store })).totals["photo.generated"]).toBe(1);
    await store.close();
    store = undefined;
  });

  it("names another live process holding the directory, and takes over once it was killed", async () => {
    const holder = await lockHolder(`${dataDir}.lock`);
    await expect(openEventStore({ engine: "pglite", dataDir })).rejects.toThrow(
      `already open in process ${holder.pid}`,
    );
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    // The killed holder's socket file is still there; nobody answers on it any more.
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    store = await openEventStore({ engine: "pglite", dataDir });
    expect((await eventMetrics(range, { store })).totals["photo.generated"]).toBe(1);
    await store.close();
    store = undefined;
  });

  it("takes over a lock left by a process that has exited", async () => {
    const deadPid = Number(
      execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
        encoding: "utf8",
      }),
    );
    writeFileSync(`${dataDir}.lock`, String(deadPid));
    store = await openEventStore({ engine: "pglite", dataDir });
    expect((await eventMetrics(range, { store })).totals["photo.generated"]).toBe(1);
  });
});

/** Another process holding the lock as a server does: listening on it and answering its pid. */
async function lockHolder(lockPath: string) {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `require("node:net").createServer((s) => s.end(String(process.pid))).listen(process.argv[1], () => console.log("ready"))`,
      lockPath,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise((resolve) => child.stdout.once("data", resolve));
  return child;
}

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url && process.env.CI !== "true")("PostgreSQL migrations", () => {
  it("two servers starting at once on an empty database both come up, migrated once", async () => {
    if (!url)
      throw new Error(
        "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests cannot be skipped in CI.",
      );
    const schema = `test_${randomUUID().replace(/-/g, "")}`;
    const [a, b] = await Promise.all([
      openEventStore({ engine: "postgres", url, schema }),
      openEventStore({ engine: "postgres", url, schema }),
    ]);
    expect(await journalLength(a, schema)).toBe(MIGRATIONS);
    await ingestActivities(
      a,
      {
        activities: [
          { id: randomUUID(), event_id: "e", type: "photo.generated", occurred_at: "2026-03-05T12:00:00Z" },
        ],
      },
      { now: NOW },
    );
    expect((await eventMetrics(range, { store: b })).totals["photo.generated"]).toBe(1);
    await a.db.execute(sql.raw(`DROP SCHEMA "${schema}" CASCADE`));
    await Promise.all([a.close(), b.close()]);
  });
});
