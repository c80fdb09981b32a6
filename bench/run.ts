/**
 * `npm run bench [-- --only P1,P4] [--runs N] [--rows N] [--p5-budget SECONDS] [--p4-seconds S] [--strict]`
 *
 * The dashboard's performance goals, each printed as a ratio against a baseline measured side by side in
 * the same run (so a busy or slow machine moves both sides), medians over several runs, with the goal and
 * PASS/MISS. Needs an existing production build (`npm run build`); starts the fal simulator in-process and
 * `next start` on ports from 3300 up, on a fresh seeded PGlite store, and stops everything it started.
 *
 * One file per figure (bench/p1-paint.ts … bench/p7-model-page.ts), each exporting `run(ctx)`; this file
 * parses the flags, starts what they share, runs the requested ones and prints the table.
 *
 *   P1  warm dashboard load in Chromium (LCP; all panels painted) ÷ a static page of the same size
 *   P2  upstream fal calls for 50 concurrent identical loads ÷ distinct upstream queries of one load
 *   P3  cold load with 150 ms per fal call ÷ its critical path (model in roundTrips and idealCold there)
 *   P4  /api/ai/usage requests/s with a warm cache ÷ /api/health/live requests/s
 *   P5  /api/events/metrics p50 (90 days, day buckets, answer cache emptied by a write before each) at N
 *       stored activities; raw-row scan ÷ that p50
 *   P6  JavaScript the dashboard route loads, gzip
 *   P7  warm model page, first page of requests painted (busiest model, ≥ 1,000 requests in the 7-day
 *       window) ÷ warm dashboard, AI panel painted
 *   P8  a 400-endpoint account's cold load over 83 days of hours: document bytes, AI panel painted, fal
 *       calls and bytes, server RSS (its own simulator and server)
 *
 * Results also go to bench/results/latest.json. Exit code: 0 when it ran (MISS included, unless --strict),
 * 1 on an error, 2 on bad arguments or no build.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { run as p1 } from "./p1-paint";
import { run as p2 } from "./p2-coalescing";
import { run as p3 } from "./p3-cold-load";
import { run as p4 } from "./p4-throughput";
import { prepare as prepareP5, run as p5 } from "./p5-event-metrics";
import { run as p6 } from "./p6-javascript";
import { run as p7 } from "./p7-model-page";
import { run as p8 } from "./p8-big-account";
import { launchChromium, timedLoad } from "./support/browser";
import { cleanupAll, onCleanup } from "./support/cleanup";
import { staticPage, wavesOf } from "./support/dashboard";
import { IDS, type BenchContext, type DashboardContext, type Figure, type Id } from "./support/figure";
import {
  APP_PORT_BASE,
  ROOT,
  appEnv,
  freePort,
  requireBuild,
  seedDemo,
  simControl,
  startApp,
  startSim,
  tempDir,
} from "./support/servers";
import { fmt, ms } from "./support/stats";

const USAGE =
  "usage: npm run bench -- [--only P1,P2,P3,P4,P5,P6,P7,P8] [--runs N] [--rows N] [--p5-budget SECONDS] [--p4-seconds S] [--strict]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function flags() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        only: { type: "string", default: IDS.join(",") },
        runs: { type: "string" },
        rows: { type: "string", default: "10000000" },
        "p5-budget": { type: "string", default: "180" },
        "p4-seconds": { type: "string", default: "10" },
        strict: { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const number = (name: string, raw: string, check: (n: number) => boolean) => {
    const n = Number(raw.replace(/_/g, ""));
    if (!check(n)) fail(`--${name} ${raw}: not a valid value`);
    return n;
  };
  const requested = values.only.split(",").map((s) => s.trim().toUpperCase());
  const unknown = requested.filter((id) => !(IDS as readonly string[]).includes(id));
  if (unknown.length > 0) fail(`unknown figure(s) ${unknown.join(", ")}`);
  const isCount = (n: number) => Number.isInteger(n) && n >= 1;
  const runs = values.runs === undefined ? 5 : number("runs", values.runs, isCount);
  return {
    only: new Set(requested as Id[]),
    runs,
    // P4 and P5's raw scan cost 10–30 s a run, so they default to fewer runs unless --runs says otherwise.
    heavyRuns: values.runs === undefined ? 3 : runs,
    rows: number("rows", values.rows, (n) => Number.isInteger(n) && n >= 1_000),
    p5BudgetSeconds: number("p5-budget", values["p5-budget"], (n) => Number.isFinite(n) && n > 0),
    p4Seconds: number("p4-seconds", values["p4-seconds"], (n) => n > 0 && n <= 120),
    strict: values.strict,
  };
}

const { only, strict, ...settings } = flags();
const RUNS = settings.runs;
const HEAVY_RUNS = settings.heavyRuns;
requireBuild("bench");

const figures: Figure[] = [];
const notes: string[] = [];
const began = Date.now();
/** Printed with the results: on a shared machine, other jobs' load is part of what was measured. */
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
const loadAtStart = loadAverage();
let failure: unknown = null;

const ctx: BenchContext = {
  ...settings,
  log: (message) => process.stderr.write(`[bench ${fmt((Date.now() - began) / 1000, 0)} s] ${message}\n`),
  note: (message) => notes.push(message),
};

try {
  const needApp = (["P1", "P2", "P3", "P4", "P6", "P7"] as const).some((id) => only.has(id));
  const sim = needApp ? await startSim() : null;
  const demoEnv = sim ? appEnv({ simUrl: sim.url, dataDir: tempDir("bench-demo-") }) : null;

  // Set-up only, nothing is timed yet: the demo seed (a child process) and the P5 bulk load (this
  // process) share the two cores instead of waiting for each other.
  ctx.log(
    `set-up: ${[demoEnv ? "seeding the demo store" : "", only.has("P5") ? `loading up to ${fmt(ctx.rows)} activities for P5 (budget ${ctx.p5BudgetSeconds} s)` : ""].filter(Boolean).join(" while ")}`,
  );
  const [, p5Store] = await Promise.all([
    demoEnv ? seedDemo(demoEnv) : Promise.resolve(),
    only.has("P5") ? prepareP5(ctx) : Promise.resolve(null),
  ]);

  if (sim && demoEnv) await dashboardFigures(sim.url, demoEnv);
  if (p5Store) figures.push(...(await p5({ ...ctx, store: p5Store })));
  if (only.has("P8")) figures.push(...(await p8(ctx)));
} catch (error) {
  failure = error;
} finally {
  await cleanupAll();
}

report(figures);
if (failure) {
  console.error(
    `\nbench failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
  );
  process.exit(1);
}
process.exit(strict && figures.some((f) => !f.pass) ? 1 : 0);

/** One seeded server and browser for every dashboard figure; each figure's results land as it ends. */
async function dashboardFigures(simUrl: string, env: NodeJS.ProcessEnv): Promise<void> {
  // next start lists public/ once at start-up, so the static twin must exist before it starts; its
  // content is read per request, so it is sized to the dashboard's document once that is known.
  const staticName = `__bench-static-${process.pid}.html`;
  const staticPath = path.join(ROOT, "public", staticName);
  writeFileSync(staticPath, "<!doctype html><title>bench</title>");
  const removeStatic = () => rmSync(staticPath, { force: true });
  onCleanup(`remove public/${staticName}`, removeStatic, removeStatic);

  const app = await startApp({ port: await freePort(APP_PORT_BASE), env, name: "dashboard" });
  const browser = await launchChromium();
  ctx.log(`dashboard on ${app.url}; warming up (PGlite opens on the first query, the fal cache fills)`);
  await timedLoad(browser, app.url, "panels");
  const capture = await timedLoad(browser, app.url, "panels");
  writeFileSync(staticPath, staticPage(capture.documentBytes));

  const dashboard: DashboardContext = {
    ...ctx,
    app,
    browser,
    ctl: simControl(simUrl),
    staticUrl: `${app.url}/${staticName}`,
    scripts: new Set(capture.scripts),
    load: wavesOf(app.url, capture),
  };
  // P1 runs first: the scripts its loads fetch are part of what P6 weighs.
  const runs: [Id, (c: DashboardContext) => Promise<Figure[]>][] = [
    ["P1", p1],
    ["P2", p2],
    ["P3", p3],
    ["P4", p4],
    ["P6", p6],
    ["P7", p7],
  ];
  for (const [id, run] of runs) if (only.has(id)) figures.push(...(await run(dashboard)));
  await browser.close();
  await app.stop();
}

/* -------------------------------------------------------------------------------------------------- */

function report(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.id,
    f.label,
    f.measured,
    f.baseline,
    f.unit === "×" ? `${fmt(f.value, 2)}×` : f.unit === "ms" ? ms(f.value) : `${fmt(f.value, 1)} kB`,
    f.goal,
    f.pass ? "PASS" : "MISS",
  ]);
  const header = ["", "figure", "measured", "side by side", "result", "goal", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const seconds = (Date.now() - began) / 1000;
  console.log(
    `\nbench — ${os.cpus().length} cores, node ${process.versions.node}, load average ${loadAverage()} (at start ${loadAtStart}); medians of ${RUNS} runs (P4 and P5's raw scan: ${HEAVY_RUNS}); ${fmt(seconds)} s\n`,
  );
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(`\nnote: ${n}`);
  const skipped = IDS.filter((id) => only.has(id) && !figures.some((f) => f.id === id));
  if (skipped.length > 0) console.log(`\nnot measured (see the error below): ${skipped.join(", ")}`);

  const resultsDir = path.join(ROOT, "bench/results");
  mkdirSync(resultsDir, { recursive: true });
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: ROOT,
    encoding: "utf8",
  }).stdout.trim();
  writeFileSync(
    path.join(resultsDir, "latest.json"),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        commit: commit || null,
        machine: {
          cores: os.cpus().length,
          memory_gb: Math.round(os.totalmem() / 2 ** 30),
          node: process.versions.node,
          load_average: { start: loadAtStart, end: loadAverage() },
        },
        runs: RUNS,
        heavy_runs: HEAVY_RUNS,
        seconds,
        figures,
        notes,
        error: failure ? String(failure instanceof Error ? failure.message : failure) : null,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwritten: bench/results/latest.json`);
}
