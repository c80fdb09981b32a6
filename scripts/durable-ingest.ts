/**
 * `npx tsx scripts/durable-ingest.ts [--engine pglite|postgres] [--total 100000] [--writers 8] [--batch 1000] [--kill-at 0.5]`
 *
 * Does an acknowledged ingest survive a crash, and does resending make it whole without counting twice?
 * Starts `next start` (production build required) on a fresh store, sends `--total` activities — 10 % of
 * them repeating an id sent elsewhere (another batch, or the same one) — from 8 concurrent writers in
 * batches to POST /api/ingest, SIGKILLs the server once `--kill-at` of the batches are acknowledged
 * (writers still in flight), restarts it on the same store and resends every batch that was not
 * acknowledged, as a real sender would. Then, with the server stopped, reads the store directly:
 * PASS when it holds exactly the distinct ids sent (every one, nothing else) and its rollups count
 * exactly those rows.
 *
 * `--engine postgres` needs DATABASE_URL (a server this script may create and drop a database on).
 */
import { seededRandom } from "@/lib/random";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { cleanupAll, onCleanup } from "../bench/support/cleanup";
import { countRows, openStore, storedIds } from "../bench/support/events-bulk";
import {
  APP_PORT_BASE,
  INGEST_TOKEN,
  appEnv,
  freePort,
  requireBuild,
  startApp,
  tempDir,
  type AppServer,
} from "../bench/support/servers";
import { fmt, parseFlags } from "../bench/support/stats";

const USAGE =
  "usage: npx tsx scripts/durable-ingest.ts [--engine pglite|postgres] [--total N] [--writers N] [--batch N (≤ 1000)] [--kill-at FRACTION]";
const flags = parseFlags(
  process.argv.slice(2),
  { engine: "value", total: "value", writers: "value", batch: "value", "kill-at": "value" },
  USAGE,
);
const engine = flags.values.get("engine") ?? "pglite";
if (engine !== "pglite" && engine !== "postgres") {
  console.error(`--engine ${engine}: expected pglite or postgres\n${USAGE}`);
  process.exit(2);
}
const isCount = (n: number) => Number.isInteger(n) && n >= 1;
const TOTAL = flags.number("total", 100_000, (n) => isCount(n) && n >= 100);
const WRITERS = flags.number("writers", 8, isCount);
const BATCH = flags.number("batch", 1_000, (n) => isCount(n) && n <= 1_000);
const KILL_AT = flags.number("kill-at", 0.5, (n) => n > 0 && n < 1);
const DUPLICATE_SHARE = 0.1;
const databaseUrl = process.env.DATABASE_URL;
if (engine === "postgres" && !databaseUrl) {
  console.error(
    "--engine postgres needs DATABASE_URL (postgres://user@host:port/db); a fresh database is created on that server and dropped afterwards.",
  );
  process.exit(2);
}
requireBuild("durable-ingest");

type Activity = { id: string; event_id: string; type: string; occurred_at: string; endpoint_id?: string };
type Batch = {
  index: number;
  activities: Activity[];
  acked: boolean;
  sends: number;
  accepted: number;
  duplicates: number;
};

function makeBatches(): { batches: Batch[]; distinct: Set<string> } {
  // Seeded, so a failing run can be replayed with the same batches.
  const random = seededRandom(20_261_122);
  const now = Date.now();
  const distinctCount = TOTAL - Math.round(TOTAL * DUPLICATE_SHARE);
  const originals: Activity[] = Array.from({ length: distinctCount }, (_, n) => {
    const r = random();
    const type = r < 0.2 ? "photo.generated" : r < 0.9 ? "photo.viewed" : "photo.shared";
    return {
      id: randomUUID(),
      event_id: `durable-${n % 5}`,
      type,
      occurred_at: new Date(now - Math.floor(random() * 7 * 86_400_000)).toISOString(),
      ...(type === "photo.generated" ? { endpoint_id: "fal-ai/flux/dev" } : {}),
    };
  });
  // The repeats are copies of activities sent elsewhere, as a sender retrying without knowing the
  // first attempt landed; shuffled in, some land before their original, some in its own batch.
  const all = [...originals];
  for (let i = distinctCount; i < TOTAL; i++)
    all.push({ ...originals[Math.floor(random() * distinctCount)]! });
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const batches: Batch[] = [];
  for (let i = 0; i < all.length; i += BATCH) {
    batches.push({
      index: batches.length,
      activities: all.slice(i, i + BATCH),
      acked: false,
      sends: 0,
      accepted: 0,
      duplicates: 0,
    });
  }
  return { batches, distinct: new Set(originals.map((a) => a.id.toLowerCase())) };
}

/** One POST; true when the server acknowledged the batch (2xx with the ingest result). */
async function send(app: AppServer, batch: Batch): Promise<boolean> {
  batch.sends++;
  try {
    const res = await fetch(`${app.url}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ activities: batch.activities }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json().catch(() => null)) as { accepted?: unknown; duplicates?: unknown } | null;
    if (!res.ok || typeof body?.accepted !== "number" || typeof body.duplicates !== "number") return false;
    batch.acked = true;
    batch.accepted = body.accepted;
    batch.duplicates = body.duplicates;
    return true;
  } catch {
    // Connection refused or reset: the server is down or died mid-request. Not acknowledged.
    return false;
  }
}

/** A fresh PostgreSQL database on DATABASE_URL's server, dropped at the end. */
async function freshDatabase(url: string): Promise<string> {
  const name = `durable_ingest_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  onCleanup(`drop database ${name}`, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.href;
}

const began = performance.now();
const seconds = () => (performance.now() - began) / 1000;
let passed = false;
let failure: unknown = null;
const figures: [string, string][] = [];

try {
  const { batches, distinct } = makeBatches();
  const dataDir = tempDir("durable-ingest-");
  const storeUrl = engine === "postgres" ? await freshDatabase(databaseUrl!) : undefined;
  const env = appEnv({ dataDir, databaseUrl: storeUrl });
  const port = await freePort(APP_PORT_BASE);
  let app = await startApp({ port, env, name: "next start (before the crash)" });
  process.stderr.write(
    `${engine}: ${fmt(TOTAL)} activities (${fmt(distinct.size)} distinct ids) in ${batches.length} batches, ${WRITERS} writers, next start pid ${app.pid}\n`,
  );

  // Phase 1: send until `KILL_AT` of the batches are acknowledged, then SIGKILL with writers mid-request.
  const killAfter = Math.ceil(batches.length * KILL_AT);
  let next = 0;
  let acked = 0;
  let inFlight = 0;
  let killed: Promise<void> | null = null;
  let inFlightAtKill = 0;
  const crash = () => {
    inFlightAtKill = inFlight;
    process.stderr.write(
      `SIGKILL to pid ${app.pid} after ${acked} acknowledged batches, ${inFlight} in flight\n`,
    );
    return app.crash();
  };
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (!killed && next < batches.length) {
        const batch = batches[next++]!;
        inFlight++;
        const ok = await send(app, batch);
        inFlight--;
        if (ok && ++acked >= killAfter && !killed) killed = crash();
      }
    }),
  );
  await killed;
  const ackedBeforeCrash = batches.filter((b) => b.acked).length;
  const unansweredBeforeCrash = batches.filter((b) => !b.acked && b.sends > 0).length;
  const crashedAt = seconds();

  // Phase 2: the same store, a new server; everything not acknowledged goes again.
  app = await startApp({ port, env, name: "next start (after the crash)" });
  const restartSeconds = seconds() - crashedAt;
  const pending = batches.filter((b) => !b.acked);
  let cursor = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (cursor < pending.length) {
        const batch = pending[cursor++]!;
        for (let attempt = 1; !(await send(app, batch)); attempt++) {
          if (attempt === 5)
            throw new Error(
              `batch ${batch.index} not acknowledged after 5 attempts after the restart:\n${app.logTail()}`,
            );
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    }),
  );
  await app.stop();

  // The store itself, read with no server in front of it.
  const store = await openStore(
    engine === "postgres"
      ? { engine: "postgres", url: storeUrl! }
      : { engine: "pglite", dataDir: path.join(dataDir, "pglite") },
  );
  let counts: Awaited<ReturnType<typeof countRows>>;
  let ids: string[];
  try {
    counts = await countRows(store);
    ids = await storedIds(store);
  } finally {
    await store.close();
  }
  const stored = new Set(ids);
  const missing = [...distinct].filter((id) => !stored.has(id)).length;
  const foreign = ids.filter((id) => !distinct.has(id)).length;
  const acceptedReported = batches.reduce((a, b) => a + b.accepted, 0);
  const duplicatesReported = batches.reduce((a, b) => a + b.duplicates, 0);
  passed =
    counts.activities === distinct.size &&
    ids.length === stored.size &&
    missing === 0 &&
    foreign === 0 &&
    counts.rollupSum === counts.activities &&
    batches.every((b) => b.acked);

  figures.push(
    [
      "engine",
      engine === "postgres"
        ? "PostgreSQL (fresh database on DATABASE_URL's server)"
        : "PGlite (fresh DATA_DIR)",
    ],
    ["activities sent", `${fmt(TOTAL)} in ${batches.length} batches of ≤ ${fmt(BATCH)}, ${WRITERS} writers`],
    ["distinct ids", fmt(distinct.size)],
    [
      "acknowledged before SIGKILL",
      `${ackedBeforeCrash} batches (kill after ${killAfter}; ${inFlightAtKill} in flight at the kill)`,
    ],
    [
      "resent after restart",
      `${pending.length} batches: ${unansweredBeforeCrash} sent but unanswered, ${pending.length - unansweredBeforeCrash} not sent yet (server back in ${fmt(restartSeconds, 1)} s)`,
    ],
    ["accepted reported", fmt(acceptedReported)],
    [
      "duplicates reported",
      `${fmt(duplicatesReported)} (${fmt(TOTAL - distinct.size)} repeats sent + ${fmt(duplicatesReported - (TOTAL - distinct.size))} rows stored by batches whose answer the crash lost)`,
    ],
    ["stored activities", `${fmt(counts.activities)} (missing ${missing}, not ours ${foreign})`],
    ["rollup total", `${fmt(counts.rollupSum)} in ${fmt(counts.rollupCells)} cells`],
    ["elapsed", `${fmt(seconds(), 1)} s`],
  );
} catch (error) {
  failure = error;
} finally {
  await cleanupAll();
}

const width = Math.max(0, ...figures.map(([k]) => k.length));
console.log(`\ndurable ingest — ${engine}`);
for (const [k, v] of figures) console.log(`  ${k.padEnd(width)}  ${v}`);
if (failure)
  console.error(
    `\nerror: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
  );
console.log(
  passed
    ? "\nPASS: after a SIGKILL and a resend of every unacknowledged batch, the store holds each distinct id exactly once and its rollups agree."
    : "\nFAIL: see the figures above.",
);
process.exit(passed ? 0 : 1);
