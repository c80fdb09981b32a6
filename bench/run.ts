/**
 * `npm run bench [-- --only P1,P4] [--runs N] [--rows N] [--p5-budget SECONDS] [--p4-seconds S]
 *   [--lighthouse-runs N] [--strict]`
 *
 * The dashboard's performance goals, each printed as a ratio against a baseline measured side by side in
 * the same run (so a busy or slow machine moves both sides), medians over several runs, with the goal and
 * PASS/MISS. Needs an existing production build (`npm run build`); starts the fal simulator in-process and
 * `next start` on ports from 3300 up (`BENCH_PORT_BASE` moves them), on a fresh seeded PGlite store, and
 * stops everything it started.
 *
 * One file per figure (bench/p1-paint.ts … bench/p10-lighthouse.ts), each exporting `run(ctx)`; this file
 * parses the flags, starts what they share, runs the requested ones and prints the table, then one row
 * per page measured (painted vs its static twin, JavaScript, Lighthouse mobile).
 *
 *   P1  warm dashboard load in Chromium (LCP; every KPI, chart and table painted — bench/support/painted.ts)
 *       ÷ a static page of the same size
 *   P2  upstream fal calls for 50 concurrent identical loads ÷ distinct upstream queries of one load
 *   P3  cold load with 150 ms per fal call ÷ its critical path (model in roundTrips and idealCold there)
 *   P4  /api/ai/usage requests/s with a warm cache ÷ /api/health/live requests/s
 *   P5  /api/events/metrics p50 (90 days, day buckets, answer cache emptied by a write before each) at N
 *       stored activities; raw-row scan ÷ that p50
 *   P6  JavaScript of the dashboard, gzip, from its loads: needed before the first paint that shows every
 *       panel, and needed before the page is interactive (bench/support/pages.ts)
 *   P7  warm model page, first page of requests painted (busiest model, ≥ 1,000 requests in the 7-day
 *       window) ÷ warm dashboard, AI panel painted
 *   P8  a 400-endpoint account's cold load over 83 days of hours: document bytes, AI panel painted, fal
 *       calls and bytes, server RSS (its own simulator and server)
 *   P9  every other page (keys, alerts, the busiest model's page) warm, painted ÷ its static twin
 *   P10 Lighthouse performance on every page (mobile preset) and on / (desktop), medians, with the load
 *       average of the machine over its runs
 *
 * Results also go to bench/results/latest.json. Exit code: 0 when it ran (MISS included, unless --strict),
 * 1 on an error, 2 on bad arguments or no build.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
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
import { run as p9 } from "./p9-pages";
import { run as p10 } from "./p10-lighthouse";
import { launchChromium, timedLoad } from "./support/browser";
import { cleanupAll } from "./support/cleanup";
import { wavesOf } from "./support/dashboard";
import { PAGE_IDS, pages, staticTwins, type Pages } from "./support/pages";
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

const USAGE = `usage: npm run bench -- [--only ${IDS.join(",")}] [--runs N] [--rows N] [--p5-budget SECONDS] [--p4-seconds S] [--lighthouse-runs N] [--strict]`;

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
        "lighthouse-runs": { type: "string", default: "3" },
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
    lighthouseRuns: number("lighthouse-runs", values["lighthouse-runs"], isCount),
    strict: values.strict,
  };
}

const { only, strict, ...settings } = flags();
const RUNS = settings.runs;
const HEAVY_RUNS = settings.heavyRuns;
requireBuild("bench");

const figures: Figure[] = [];
/** Set once the dashboard figures start: every page measured, for the per-page table. */
let pageResults: Pages | null = null;
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
  const needApp = IDS.some((id) => id !== "P5" && only.has(id));
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
  // next start lists public/ once at start-up, so the static twins must exist before it starts; their
  // content is read per request, so each is sized to its page's document once that is known.
  const twins = staticTwins();

  const app = await startApp({ port: await freePort(APP_PORT_BASE), env, name: "dashboard" });
  const browser = await launchChromium();
  ctx.log(`dashboard on ${app.url}; warming up (PGlite opens on the first query, the fal cache fills)`);
  await timedLoad(browser, app.url, "panels");
  const capture = await timedLoad(browser, app.url, "panels");

  pageResults = pages({ app, browser, runs: RUNS, twins, log: ctx.log });
  const dashboard: DashboardContext = {
    ...ctx,
    app,
    browser,
    ctl: simControl(simUrl),
    load: wavesOf(app.url, capture),
    pages: pageResults,
  };
  // P1, P6 and P9 share their page loads (measured once, by whichever asks first).
  const runs: [Id, (c: DashboardContext) => Promise<Figure[]>][] = [
    ["P1", p1],
    ["P2", p2],
    ["P3", p3],
    ["P4", p4],
    ["P6", p6],
    ["P7", p7],
    ["P9", p9],
    ["P10", p10],
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
    f.unit === "×"
      ? `${fmt(f.value, 2)}×`
      : f.unit === "ms"
        ? ms(f.value)
        : f.unit === "score"
          ? fmt(f.value)
          : `${fmt(f.value, 1)} kB`,
    f.goal,
    f.pass ? "PASS" : "MISS",
  ]);
  const header = ["", "figure", "measured", "side by side", "result", "goal", ""];
  const line = tableLine([header, ...rows]);
  const seconds = (Date.now() - began) / 1000;
  console.log(
    `\nbench — ${os.cpus().length} cores, node ${process.versions.node}, load average ${loadAverage()} (at start ${loadAtStart}); medians of ${RUNS} runs (P4 and P5's raw scan: ${HEAVY_RUNS}); ${fmt(seconds)} s\n`,
  );
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  const perPage = pageTable();
  if (perPage.length > 0) {
    console.log(
      "\nper page (warm, medians; JavaScript gzip; Lighthouse mobile with the load average over its runs)\n",
    );
    printTable(perPage.map((p) => p.cells));
  }
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
        pages: perPage.map((p) => p.json),
        notes,
        error: failure ? String(failure instanceof Error ? failure.message : failure) : null,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwritten: bench/results/latest.json`);
}

/** Pads every column of `table` to its widest cell. */
function tableLine(table: string[][]): (cells: string[]) => string {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]?.length ?? 0)));
  return (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
}

function printTable(rows: string[][]): void {
  const header = [
    "page",
    "painted",
    "static twin",
    "ratio",
    "JS before paint",
    "JS interactive",
    "Lighthouse mobile",
    "load avg",
  ];
  const line = tableLine([header, ...rows]);
  for (const r of [header, ...rows]) console.log(line(r));
}

/** One row per page measured: P1/P6/P9's loads and P10's Lighthouse medians, whichever ran. */
function pageTable(): { cells: string[]; json: Record<string, unknown> }[] {
  const results = pageResults;
  if (!results) return [];
  const lighthouse = results.lighthouse;
  const measured = new Map(results.measured().map((m) => [m.page.id, m]));
  return PAGE_IDS.flatMap((id) => {
    const m = measured.get(id);
    const lh = lighthouse.get(`${id}:mobile`);
    if (!m && !lh) return [];
    const kB = (n: number) => `${fmt(n, 1)} kB`;
    return [
      {
        cells: [
          results.pathOf(id) ?? id,
          m ? ms(m.done) : "—",
          m ? ms(m.staticDone) : "—",
          m ? `${fmt(m.done / m.staticDone, 2)}×` : "—",
          m ? `${kB(m.js.neededBeforePaint)} (fetched ${kB(m.js.fetchedBeforePaint)})` : "—",
          m ? kB(m.js.interactive) : "—",
          lh ? `${lh.score}, TBT ${ms(lh.tbt)}, LCP ${ms(lh.lcp)}, CLS ${fmt(lh.cls, 3)}` : "—",
          lh ? `${fmt(lh.load[0], 1)}–${fmt(lh.load[1], 1)}` : loadAverage(),
        ],
        json: {
          page: id,
          path: results.pathOf(id) ?? null,
          painted_ms: m?.done ?? null,
          static_twin_ms: m?.staticDone ?? null,
          ratio: m ? m.done / m.staticDone : null,
          js_needed_before_paint_kB: m?.js.neededBeforePaint ?? null,
          js_fetched_before_paint_kB: m?.js.fetchedBeforePaint ?? null,
          js_interactive_kB: m?.js.interactive ?? null,
          lighthouse_mobile: lh ?? null,
          lighthouse_desktop: lighthouse.get(`${id}:desktop`) ?? null,
        },
      },
    ];
  });
}
