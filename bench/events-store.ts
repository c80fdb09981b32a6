/**
 * Event store benchmark: `npx tsx bench/events-store.ts [--rows N] [--postgres URL]`.
 *
 * Ingests N activities (default 1,000,000) in batches of 1,000 through `ingestActivities` — the function
 * behind POST /api/ingest, validation included — then times the dashboard's query (90 days, day buckets)
 * against the same answers counted straight from the raw rows, side by side. Runs on PGlite in a
 * temporary directory, and on PostgreSQL when DATABASE_URL is set or --postgres is given (in a scratch
 * schema, dropped afterwards).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { allowServerOnlyImports } from "@/lib/events/outside-next";
import { SYNTHETIC_EVENTS, rawScan, syntheticMix } from "./support/events-bulk";

allowServerOnlyImports();
const { sql } = await import("drizzle-orm");
const { env } = await import("@/lib/env");
const { resolveRange } = await import("@/lib/time/range");
const { openEventStore } = await import("@/lib/events/db");
const { ingestActivities } = await import("@/lib/events/ingest");
const { eventMetrics } = await import("@/lib/events/metrics");
const { ROLLUPS } = await import("@/lib/events/write");
const { DEMO_ALL_MODELS } = await import("@/lib/demo/catalog");

type EventStore = Awaited<ReturnType<typeof openEventStore>>;

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const USAGE = "usage: npx tsx bench/events-store.ts [--rows N (>= 1000)] [--postgres URL]";
if (args.includes("--help")) {
  console.log(USAGE);
  process.exit(0);
}
const ROWS = Number(flag("--rows") ?? 1_000_000);
if (!Number.isInteger(ROWS) || ROWS < 1_000) {
  console.error(USAGE);
  process.exit(2);
}
const POSTGRES_URL = flag("--postgres") ?? env().DATABASE_URL;
const BATCH = 1_000;
const RUNS = 7;
const DAY = 86_400_000;
const NOW = Date.now();
const ZONE = "America/New_York";
let sum = 0;
const CUMULATIVE = DEMO_ALL_MODELS.map((m) => (sum += m.photo_weight));

/** Roughly the demo's mix: one photo, five views, a share now and then; photos spread by model weight. */
function activityAt(n: number) {
  const { r, type } = syntheticMix(n);
  const model = CUMULATIVE.findIndex((c) => (r / 0.15) * sum < c);
  return {
    id: randomUUID(),
    event_id: SYNTHETIC_EVENTS[n % SYNTHETIC_EVENTS.length]!,
    type,
    occurred_at: new Date(NOW - 90 * DAY + Math.floor((n / ROWS) * 90 * DAY)).toISOString(),
    ...(type === "photo.generated" ? { endpoint_id: DEMO_ALL_MODELS[Math.max(model, 0)]!.endpoint_id } : {}),
    properties: { source: "bench" },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(fn))[1]);
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

async function measure(name: string, store: EventStore) {
  const [, ingestMs] = await timed(async () => {
    for (let start = 0; start < ROWS; start += BATCH) {
      const activities = Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, i) =>
        activityAt(start + i),
      );
      await ingestActivities(store, { activities });
      if (start % 100_000 === 0)
        process.stderr.write(`\r${name}: ${start.toLocaleString("en-US")} / ${ROWS.toLocaleString("en-US")}`);
    }
  });
  process.stderr.write("\n");
  const range = resolveRange(
    {
      start: new Date(NOW - 90 * DAY).toISOString(),
      end: new Date(NOW).toISOString(),
      timezone: ZONE,
      timeframe: "day",
    },
    { defaultTimezone: ZONE, now: NOW },
  );
  const metricsMs = await median(() => eventMetrics(range, { store }));
  // The baseline: the same three answers (day series, per event, per endpoint) counted from raw rows.
  const rawMs = await median(() => rawScan(store, range));
  const count = (table: string) => sql.raw(`(SELECT count(*) FROM ${table})::float8 AS ${table}`);
  const cells = await store.db.execute<Record<string, unknown>>(sql`
    SELECT ${sql.join(
      ROLLUPS.map((r) => count(r.table)),
      sql`, `,
    )}`);
  return { name, ingestMs, metricsMs, rawMs, cells: ROLLUPS.map((r) => Number(cells.rows[0]?.[r.table])) };
}

const results = [];
const pgliteRoot = mkdtempSync(path.join(tmpdir(), "events-bench-"));
try {
  const store = await openEventStore({ engine: "pglite", dataDir: path.join(pgliteRoot, "pglite") });
  try {
    results.push(await measure("PGlite 0.5 (disk)", store));
  } finally {
    await store.close();
  }
} finally {
  rmSync(pgliteRoot, { recursive: true, force: true });
}

if (POSTGRES_URL) {
  const schema = `bench_${process.pid}`;
  const store = await openEventStore({ engine: "postgres", url: POSTGRES_URL, schema });
  try {
    results.push(await measure("PostgreSQL", store));
  } finally {
    await store.db.execute(sql.raw(`DROP SCHEMA "${schema}" CASCADE`));
    await store.close();
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  `\n${fmt(ROWS)} activities, batches of ${fmt(BATCH)} through ingestActivities; metrics = 90 days × day buckets in ${ZONE}, median of ${RUNS}\n`,
);
console.log(
  "| engine | ingest activities/s | ingest total | rollup rows (15 min / hour / day / day × endpoint) | eventMetrics (rollups) | same answers from raw rows | raw ÷ rollups |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(
    `| ${r.name} | ${fmt(ROWS / (r.ingestMs / 1000))} | ${fmt(r.ingestMs / 1000, 1)} s | ${r.cells.map((n) => fmt(n)).join(" / ")} | ${fmt(r.metricsMs, 1)} ms | ${fmt(r.rawMs, 1)} ms | ${fmt(r.rawMs / r.metricsMs, 1)}× |`,
  );
}
if (!POSTGRES_URL) console.log("\nPostgreSQL skipped: set DATABASE_URL or pass --postgres postgres://…");
