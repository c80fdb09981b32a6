/**
 * `npm run bench [-- --only P1,P4] [--runs N] [--rows N] [--p5-budget SECONDS] [--p4-seconds S] [--strict]`
 *
 * The dashboard's performance goals, each printed as a ratio against a baseline measured side by side in
 * the same run (so a busy or slow machine moves both sides), medians over several runs, with the goal and
 * PASS/MISS. Needs an existing production build (`npm run build`); starts the fal simulator in-process and
 * `next start` on ports from 3300 up, on a fresh seeded PGlite store, and stops everything it started.
 *
 *   P1  warm dashboard load in Chromium (LCP; all panels painted) ÷ a static page of the same size
 *   P2  upstream fal calls for 50 concurrent identical loads ÷ distinct upstream queries of one load
 *   P3  cold load with 150 ms per fal call ÷ its critical path (model in criticalPath below)
 *   P4  /api/ai/usage requests/s with a warm cache ÷ /api/health/live requests/s
 *   P5  /api/events/metrics p50 (90 days, day buckets, answer cache emptied by a write before each) at N
 *       stored activities; raw-row scan ÷ that p50
 *   P6  JavaScript the dashboard route loads, gzip
 *
 * Results also go to bench/results/latest.json. Exit code: 0 when it ran (MISS included, unless --strict),
 * 1 on an error, 2 on bad arguments or no build.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import { load, perSecond, settle, type LoadResult } from "./support/autocannon";
import { launchChromium, timedLoad, type LoadTiming } from "./support/browser";
import { cleanupAll, onCleanup } from "./support/cleanup";
import {
  bulkLoad,
  countRows,
  openStore,
  rawScan,
  rollupQuery,
  type LoadResult as BulkResult,
} from "./support/events-bulk";
import {
  APP_PORT_BASE,
  INGEST_TOKEN,
  ROOT,
  appEnv,
  callsSince,
  defaultQuery,
  freePort,
  requireBuild,
  seedDemo,
  simControl,
  startApp,
  startSim,
  tempDir,
  type AppServer,
  type SimRecord,
} from "./support/servers";
import { fmt, median, ms, parseFlags, percentile } from "./support/stats";

const USAGE =
  "usage: npm run bench -- [--only P1,P2,P3,P4,P5,P6] [--runs N] [--rows N] [--p5-budget SECONDS] [--p4-seconds S] [--strict]";
const IDS = ["P1", "P2", "P3", "P4", "P5", "P6"] as const;
type Id = (typeof IDS)[number];

const flags = parseFlags(
  process.argv.slice(2),
  {
    only: "value",
    runs: "value",
    rows: "value",
    "p5-budget": "value",
    "p4-seconds": "value",
    strict: "bool",
  },
  USAGE,
);
const requested = (flags.values.get("only") ?? IDS.join(",")).split(",").map((s) => s.trim().toUpperCase());
const unknownIds = requested.filter((id) => !(IDS as readonly string[]).includes(id));
if (unknownIds.length > 0) {
  console.error(`unknown figure(s) ${unknownIds.join(", ")}\n${USAGE}`);
  process.exit(2);
}
const only = new Set(requested as Id[]);
const isCount = (n: number) => Number.isInteger(n) && n >= 1;
const RUNS = flags.number("runs", 5, isCount);
/** P4 and P5's raw scan cost 10–30 s a run, so they default to fewer runs unless --runs says otherwise. */
const HEAVY_RUNS = flags.has("runs") ? RUNS : 3;
const ROWS = flags.number("rows", 10_000_000, (n) => Number.isInteger(n) && n >= 1_000);
const P5_BUDGET_S = flags.number("p5-budget", 180);
const P4_SECONDS = flags.number("p4-seconds", 10, (n) => n > 0 && n <= 120);
const P4_CONNECTIONS = 50;
const P2_LOADS = 50;
const P3_LATENCY_MS = 150;

requireBuild("bench");

type Figure = {
  id: Id;
  label: string;
  /** What was measured and what it was measured against, both as printed. */
  measured: string;
  baseline: string;
  value: number;
  unit: "×" | "ms" | "kB";
  goal: string;
  pass: boolean;
  details: Record<string, unknown>;
};

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

const log = (message: string) =>
  process.stderr.write(`[bench ${fmt((Date.now() - began) / 1000, 0)} s] ${message}\n`);

try {
  const needApp = (["P1", "P2", "P3", "P4", "P6"] as const).some((id) => only.has(id));
  const sim = needApp ? await startSim() : null;
  const demoEnv = sim ? appEnv({ simUrl: sim.url, dataDir: tempDir("bench-demo-") }) : null;

  // Set-up only, nothing is timed yet: the demo seed (a child process) and the P5 bulk load (this
  // process) share the two cores instead of waiting for each other.
  log(
    `set-up: ${[demoEnv ? "seeding the demo store" : "", only.has("P5") ? `loading up to ${fmt(ROWS)} activities for P5 (budget ${P5_BUDGET_S} s)` : ""].filter(Boolean).join(" while ")}`,
  );
  const [, p5Store] = await Promise.all([
    demoEnv ? seedDemo(demoEnv) : Promise.resolve(),
    only.has("P5") ? prepareP5Store() : Promise.resolve(null),
  ]);

  if (sim && demoEnv) figures.push(...(await dashboardFigures(sim.url, demoEnv)));
  if (p5Store) figures.push(...(await p5(p5Store)));
} catch (error) {
  failure = error;
} finally {
  await cleanupAll();
}

report();
if (failure) {
  console.error(
    `\nbench failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
  );
  process.exit(1);
}
process.exit(flags.has("strict") && figures.some((f) => !f.pass) ? 1 : 0);

/* -------------------------------------------------------------------------------------------------- */

/** What one dashboard load asks the server, in the two waves a browser sends it. */
type DashboardLoad = { document: string; first: string[]; then: string[] };

/**
 * From a real browser load: the first wave is every API request sent before any API answer came back
 * (the panels' own queries); the rest waited for an answer (the previous-window deltas).
 */
function wavesOf(appUrl: string, timing: LoadTiming): DashboardLoad {
  const firstAnswer = Math.min(...timing.api.map((a) => a.end));
  return {
    document: `${appUrl}/`,
    first: timing.api.filter((a) => a.start < firstAnswer).map((a) => a.url),
    then: timing.api.filter((a) => a.start >= firstAnswer).map((a) => a.url),
  };
}

/**
 * Replays a load over HTTP; returns how many answers were not 2xx. The document comes first and whole:
 * rendering it runs the server prefetch (lib/prefetch.ts), i.e. the panels' fal calls, and the browser
 * only asks the API for what that left out (the previous-window deltas) once it has the page.
 */
async function replay(load: DashboardLoad): Promise<number> {
  const get = async (url: string) => {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.ok ? 0 : 1;
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const document = await get(load.document);
  const first = sum(await Promise.all(load.first.map(get)));
  return document + first + sum(await Promise.all(load.then.map(get)));
}

/** "Verify now": drops every cached fal answer, so the next load is cold. */
async function clearFalCache(app: AppServer): Promise<void> {
  const res = await fetch(`${app.url}/api/health/providers?refresh=1`);
  await res.arrayBuffer();
}

async function dashboardFigures(simUrl: string, env: NodeJS.ProcessEnv): Promise<Figure[]> {
  // next start lists public/ once at start-up, so the static twin must exist before it starts; its
  // content is read per request, so it is sized to the dashboard's document once that is known.
  const staticName = `__bench-static-${process.pid}.html`;
  const staticPath = path.join(ROOT, "public", staticName);
  writeFileSync(staticPath, "<!doctype html><title>bench</title>");
  const removeStatic = () => rmSync(staticPath, { force: true });
  onCleanup(`remove public/${staticName}`, removeStatic, removeStatic);

  const ctl = simControl(simUrl);
  const app = await startApp({ port: await freePort(APP_PORT_BASE), env, name: "dashboard" });
  const browser = await launchChromium();
  log(`dashboard on ${app.url}; warming up (PGlite opens on the first query, the fal cache fills)`);
  await timedLoad(browser, app.url, "panels");
  const capture = await timedLoad(browser, app.url, "panels");
  const dashboardLoad = wavesOf(app.url, capture);
  writeFileSync(staticPath, staticPage(capture.documentBytes));
  const staticUrl = `${app.url}/${staticName}`;

  const out: Figure[] = [];
  const scripts = new Set(capture.scripts);
  if (only.has("P1")) out.push(...(await p1(browser, app, staticUrl, scripts)));
  if (only.has("P2")) out.push(await p2(app, ctl, dashboardLoad));
  if (only.has("P3")) out.push(await p3(browser, app, ctl));
  if (only.has("P4")) out.push(await p4(app, ctl));
  if (only.has("P6")) out.push(await p6(app, scripts));
  await browser.close();
  await app.stop();
  return out;
}

/** A plain page of text, exactly `bytes` long: what a browser shows fastest for that many bytes. */
function staticPage(bytes: number): string {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Static twin</title></head><body><main><h1>fal analytics</h1>`;
  const tail = `</main></body></html>\n`;
  const paragraph =
    "<p>Event metrics, fal spend and model performance for the same window: photos generated, views and shares per event, cost per photo, requests, errors and latency percentiles per model.</p>\n";
  let body = "";
  while (head.length + body.length + paragraph.length + tail.length <= bytes) body += paragraph;
  const pad = bytes - head.length - body.length - tail.length;
  return head + body + (pad >= 7 ? `<!--${" ".repeat(pad - 7)}-->` : " ".repeat(Math.max(0, pad))) + tail;
}

async function p1(
  browser: Browser,
  app: AppServer,
  staticUrl: string,
  scripts: Set<string>,
): Promise<Figure[]> {
  log(`P1: ${RUNS} warm dashboard loads and ${RUNS} static-page loads, interleaved`);
  const dash: LoadTiming[] = [];
  const stat: LoadTiming[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternating who goes first cancels a drift (a background job starting) out of the ratio.
    const order = i % 2 === 0 ? (["dash", "static"] as const) : (["static", "dash"] as const);
    for (const which of order) {
      if (which === "dash") {
        const t = await timedLoad(browser, app.url, "panels");
        t.scripts.forEach((s) => scripts.add(s));
        dash.push(t);
      } else {
        stat.push(await timedLoad(browser, staticUrl, "complete"));
      }
    }
  }
  const d = { lcp: median(dash.map((t) => t.lcp)), done: median(dash.map((t) => t.done)) };
  const s = { lcp: median(stat.map((t) => t.lcp)), done: median(stat.map((t) => t.done)) };
  const bytes = { dashboard: dash[0]?.documentBytes, static: stat[0]?.documentBytes };
  const details = {
    runs: RUNS,
    document_bytes: bytes,
    dashboard_ms: dash.map((t) => ({ lcp: t.lcp, panels: t.done })),
    static_ms: stat.map((t) => ({ lcp: t.lcp, complete: t.done })),
    panels_definition:
      "activity, cost, requests and latency charts each a figure[role=figure] with a drawn svg.recharts-surface, no [aria-busy=true] left; time taken one frame later",
  };
  return [
    {
      id: "P1",
      label: "warm load: LCP",
      measured: `dashboard ${ms(d.lcp)}`,
      baseline: `static ${fmt(bytes.static ?? 0)} B page ${ms(s.lcp)}`,
      value: d.lcp / s.lcp,
      unit: "×",
      goal: "≤ 1.5×",
      pass: d.lcp / s.lcp <= 1.5,
      details,
    },
    {
      id: "P1",
      label: "warm load: all panels painted",
      measured: `dashboard ${ms(d.done)}`,
      baseline: `static page complete ${ms(s.done)}`,
      value: d.done / s.done,
      unit: "×",
      goal: "≤ 1.5×",
      pass: d.done / s.done <= 1.5,
      details: { runs: RUNS },
    },
  ];
}

async function p2(
  app: AppServer,
  ctl: ReturnType<typeof simControl>,
  dashboardLoad: DashboardLoad,
): Promise<Figure> {
  log(`P2: ${RUNS} × (one cold load, then ${P2_LOADS} concurrent cold loads) over HTTP`);
  const runs: {
    single: number;
    distinct: number;
    concurrent: number;
    byEndpoint: Record<string, number>;
    non2xx: number;
  }[] = [];
  let example: SimRecord[] = [];
  for (let i = 0; i < RUNS; i++) {
    await clearFalCache(app);
    let before = await ctl.stats();
    let non2xx = await replay(dashboardLoad);
    let after = await ctl.stats();
    const single = callsSince(before, after);
    example = single;
    await clearFalCache(app);
    before = await ctl.stats();
    const bad = await Promise.all(Array.from({ length: P2_LOADS }, () => replay(dashboardLoad)));
    after = await ctl.stats();
    non2xx += bad.reduce((a, b) => a + b, 0);
    const byEndpoint = Object.fromEntries(
      Object.entries(after.by_endpoint)
        .map(([k, v]) => [k, v - (before.by_endpoint[k] ?? 0)])
        .filter(([, v]) => v !== 0),
    );
    runs.push({
      single: single.length,
      distinct: new Set(single.map((c) => `${c.path}?${c.query}`)).size,
      concurrent: after.total - before.total,
      byEndpoint,
      non2xx,
    });
  }
  const ratios = runs.map((r) => r.concurrent / r.distinct);
  const value = median(ratios);
  const distinctByEndpoint: Record<string, number> = {};
  for (const key of new Set(example.map((c) => `${c.path}?${c.query}`))) {
    const endpoint = example.find((c) => `${c.path}?${c.query}` === key)?.endpoint ?? "?";
    distinctByEndpoint[endpoint] = (distinctByEndpoint[endpoint] ?? 0) + 1;
  }
  const last = runs[runs.length - 1];
  return {
    id: "P2",
    label: `upstream calls, ${P2_LOADS} concurrent loads`,
    measured: `${fmt(median(runs.map((r) => r.concurrent)))} calls`,
    baseline: `${fmt(median(runs.map((r) => r.distinct)))} distinct queries in 1 load`,
    value,
    unit: "×",
    goal: "= 1.0×",
    // Exactly one call per distinct query, in every run: a median could hide one bad run.
    pass: ratios.every((r) => r === 1),
    details: {
      runs,
      ratios,
      one_load: { calls: last?.single, distinct: last?.distinct, distinct_by_endpoint: distinctByEndpoint },
      concurrent_by_endpoint: last?.byEndpoint,
      load: {
        document: "/",
        first_wave: dashboardLoad.first.map(pathOf),
        second_wave: dashboardLoad.then.map(pathOf),
      },
    },
  };
}

function pathOf(url: string): string {
  const u = new URL(url);
  return decodeURIComponent(u.pathname + u.search);
}

/**
 * Upstream round trips each part of the page needs on a cold cache, from the calls the load made.
 * Model (lib/ai/*.ts, lib/fal/client.ts, lib/prefetch.ts), for the current window only — the previous-
 * window deltas are not part of "all panels painted":
 * - usage pages follow each other (cursor): U round trips;
 * - the usage report then fetches prices and display names in parallel. Prices are asked in sorted
 *   chunks of 50 ids; fal answers 404 for a whole chunk when one id has no price, and the client
 *   splits it, each part after its parent: P = depth of that tree, rebuilt here from the id sets asked
 *   and the statuses fal gave them. Names follow cursors, M pages. Cost chart and model table: U + max(P, M);
 * - performance needs the usage list, then analytics chunks in parallel, pages in sequence: U + A —
 *   or max(U, A) when the server already knew the model list and asked both at once;
 * - cost per photo needs U (its store queries run alongside); balance one billing call.
 * `ids` are the endpoints of the window's usage report, i.e. the ids prices and names were asked for.
 */
function roundTrips(calls: SimRecord[], ids: string[], latency: number) {
  const params = (c: SimRecord) => new URLSearchParams(c.query);
  const idsOf = (c: SimRecord) => params(c).getAll("endpoint_id").sort().join(",");
  const usage = calls.filter((c) => c.endpoint === "usage");
  const windowStart = usage
    .map((c) => params(c).get("start") ?? "")
    .sort()
    .at(-1);
  const pages = (cs: SimRecord[]) => new Set(cs.map((c) => c.query)).size;
  const current = (cs: SimRecord[]) => cs.filter((c) => params(c).get("start") === windowStart);
  const U = pages(current(usage));

  const analytics = current(calls.filter((c) => c.endpoint === "analytics"));
  const analyticsChunks = new Map<string, SimRecord[]>();
  for (const c of analytics) {
    analyticsChunks.set(idsOf(c), [...(analyticsChunks.get(idsOf(c)) ?? []), c]);
  }
  const A = Math.max(0, ...[...analyticsChunks.values()].map(pages));

  const roots: string[][] = [];
  for (let i = 0; i < ids.length; i += 50) roots.push(ids.slice(i, i + 50));
  const M = Math.max(
    0,
    ...roots.map((r) => pages(calls.filter((c) => c.endpoint === "models" && idsOf(c) === r.join(",")))),
  );
  const pricing = calls.filter((c) => c.endpoint === "pricing");
  const pricingStatus = new Map(pricing.map((c) => [idsOf(c), c.status]));
  const asked = [...pricingStatus.keys()].map((k) => k.split(","));
  const within = (inner: string[], outer: string[]) =>
    inner.length < outer.length && inner.every((id) => outer.includes(id));
  // The parts a 404ing set was split into: the sets asked inside it with no asked set in between.
  const depth = (set: string[]): number => {
    if (pricingStatus.get(set.join(",")) !== 404 || set.length === 1) return 1;
    const inside = asked.filter((a) => within(a, set));
    const parts = inside.filter((a) => !inside.some((b) => within(a, b)));
    return 1 + Math.max(0, ...parts.map(depth));
  };
  const P = Math.max(0, ...roots.map(depth));
  // Analytics asked before usage answered means the model list was already known (lib/ai/performance.ts):
  // the two chains then run side by side.
  const usageDone = Math.max(...current(usage).map((c) => Date.parse(c.at)));
  const analyticsSent = Math.min(...analytics.map((c) => Date.parse(c.at) - latency));
  const byPart: Record<string, number> = {
    "usage (cost chart, model table)": U + Math.max(P, M),
    "performance (requests, latency)": analyticsSent < usageDone ? Math.max(U, A) : U + A,
    "cost per photo": U,
    balance: calls.some((c) => c.endpoint === "billing") ? 1 : 0,
  };
  return { U, P, M, A, byPart, longest: Math.max(...Object.values(byPart)) };
}

/**
 * The cold load's critical path, from both loads of the same run:
 *   ideal = max(warm done, first fal call sent + longest chain × latency + warm tail)
 * The fal calls start while the server renders the document (lib/prefetch.ts); the longest chain of
 * dependent round trips then decides when the last panel's data can exist; after it the page still has
 * to render what it received — taken as the warm load's tail, from the last data it received (its last
 * API answer, else the document's last byte) to all panels painted. Whatever the cold load takes beyond
 * that is server work on the path, a round trip that need not be sequential, or a panel that waits for
 * something it does not need.
 */
function idealCold(cold: LoadTiming, warm: LoadTiming, calls: SimRecord[], longest: number, latency: number) {
  const firstCall = Math.min(...calls.map((c) => Date.parse(c.at) - latency)) - cold.startedAt;
  const answers = warm.api.map((a) => a.end).filter((end) => end <= warm.done);
  const lastData = answers.length > 0 ? Math.max(...answers) : warm.responseEnd;
  const tail = Math.max(0, warm.done - lastData);
  const dataReady = firstCall + longest * latency;
  return { ideal: Math.max(warm.done, dataReady + tail), firstCall, dataReady, tail };
}

async function p3(browser: Browser, app: AppServer, ctl: ReturnType<typeof simControl>): Promise<Figure> {
  log(`P3: ${RUNS} × (warm load at 0 ms, cold load at ${P3_LATENCY_MS} ms per fal call)`);
  type Run = {
    warm: number;
    cold: number;
    ideal: number;
    firstCall: number;
    dataReady: number;
    tail: number;
    ratio: number;
    calls: number;
    trips: ReturnType<typeof roundTrips>;
  };
  const runs: Run[] = [];
  await ctl.latency(0);
  await timedLoad(browser, app.url, "panels");
  try {
    for (let i = 0; i < RUNS; i++) {
      await ctl.latency(0);
      const warm = await timedLoad(browser, app.url, "panels");
      await ctl.latency(P3_LATENCY_MS);
      await clearFalCache(app);
      const before = await ctl.stats();
      const cold = await timedLoad(browser, app.url, "panels");
      const calls = callsSince(before, await ctl.stats());
      await ctl.latency(0);
      // The window's model list, now cached: the ids its prices and names were asked for.
      const report = (await (
        await fetch(`${app.url}/api/ai/usage?${defaultQuery(cold.startedAt)}`)
      ).json()) as {
        models?: { endpoint_id: string }[];
      };
      const ids = [...new Set((report.models ?? []).map((m) => m.endpoint_id))].sort();
      const trips = roundTrips(calls, ids, P3_LATENCY_MS);
      const { ideal, firstCall, dataReady, tail } = idealCold(
        cold,
        warm,
        calls,
        trips.longest,
        P3_LATENCY_MS,
      );
      runs.push({
        warm: warm.done,
        cold: cold.done,
        ideal,
        firstCall,
        dataReady,
        tail,
        ratio: cold.done / ideal,
        calls: calls.length,
        trips,
      });
    }
  } finally {
    await ctl.latency(0);
  }
  const value = median(runs.map((r) => r.ratio));
  return {
    id: "P3",
    label: `cold load, ${P3_LATENCY_MS} ms per fal call`,
    measured: `${ms(median(runs.map((r) => r.cold)))}`,
    baseline: `path ${ms(median(runs.map((r) => r.ideal)))} (${fmt(median(runs.map((r) => r.trips.longest)))} trips)`,
    value,
    unit: "×",
    goal: "≤ 1.15×",
    pass: value <= 1.15,
    details: {
      runs,
      model:
        "ideal = max(warm done, first fal call + longest chain of round trips × 150 ms + warm tail (last data received → panels painted)); chains per part from the observed calls — see roundTrips() and idealCold() in bench/run.ts",
    },
  };
}

async function p4(app: AppServer, ctl: ReturnType<typeof simControl>): Promise<Figure> {
  const usageUrl = `${app.url}/api/ai/usage?${defaultQuery()}`;
  const liveUrl = `${app.url}/api/health/live`;
  log(
    `P4: ${HEAVY_RUNS} × (${P4_CONNECTIONS} connections × ${P4_SECONDS} s on /api/ai/usage and on /api/health/live)`,
  );
  await (await fetch(usageUrl)).arrayBuffer();
  const usage: (LoadResult & { upstream: number })[] = [];
  const live: LoadResult[] = [];
  for (let i = 0; i < HEAVY_RUNS; i++) {
    const order: string[] = i % 2 === 0 ? [usageUrl, liveUrl] : [liveUrl, usageUrl];
    for (const url of order) {
      await settle(app.url, async () => (await ctl.stats()).total);
      const before = await ctl.stats();
      const result = await load({ url, connections: P4_CONNECTIONS, duration: P4_SECONDS });
      const upstream = (await ctl.stats()).total - before.total;
      if (url === usageUrl) usage.push({ ...result, upstream });
      else live.push(result);
    }
  }
  const u = median(usage.map(perSecond));
  const l = median(live.map(perSecond));
  const summary = (r: LoadResult) => ({
    rps: perSecond(r),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  });
  return {
    id: "P4",
    label: "cached /api/ai/usage throughput",
    measured: `${fmt(u)} req/s (p99 ${ms(median(usage.map((r) => r.latency.p99)))})`,
    baseline: `/api/health/live ${fmt(l)} req/s`,
    value: u / l,
    unit: "×",
    goal: "≥ 0.8×",
    pass: u / l >= 0.8 && usage.every((r) => r.errors === 0 && r.non2xx === 0),
    details: {
      runs: HEAVY_RUNS,
      connections: P4_CONNECTIONS,
      seconds: P4_SECONDS,
      url: pathOf(usageUrl),
      usage: usage.map((r) => ({
        ...summary(r),
        upstream_calls: r.upstream,
        upstream_per_request: r.upstream / Math.max(1, r.requests.total),
      })),
      live: live.map(summary),
    },
  };
}

/**
 * Every script the page loads: those the HTML references (script tags, script preloads; not `nomodule`
 * ones) plus those the browser fetched during the P1/P3 loads (chunks imported later, such as the charts),
 * each gzipped from the built file. The initial part — what the HTML references — is shown beside the total.
 */
async function p6(app: AppServer, loaded: Set<string>): Promise<Figure> {
  log("P6: JavaScript of the dashboard route, gzip");
  const html = await (await fetch(`${app.url}/`)).text();
  const referenced = new Set<string>();
  const absolute = (href: string) => new URL(href.replace(/&amp;/g, "&"), app.url).href;
  // A `nomodule` script (Next's polyfills for browsers without ES modules) is never fetched by a browser
  // that can run the dashboard; it is listed apart, not counted.
  const legacy: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    if (/\snomodule\b/i.test(m[0])) legacy.push(absolute(m[1]!));
    else referenced.add(absolute(m[1]!));
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href && /\bas="script"|\brel="modulepreload"/.test(m[0])) referenced.add(absolute(href));
  }
  const files: { path: string; initial: boolean; raw: number; gzip: number }[] = [];
  for (const url of new Set([...referenced, ...loaded])) {
    const { pathname, origin } = new URL(url);
    if (origin !== app.url || !pathname.startsWith("/_next/static/"))
      throw new Error(`P6: script from outside .next/static: ${url}`);
    const file = path.join(ROOT, ".next/static", decodeURIComponent(pathname.slice("/_next/static/".length)));
    if (!existsSync(file))
      throw new Error(`P6: ${pathname} is not in .next/static (is the build the one being served?)`);
    const bytes = readFileSync(file);
    // zlib's default level: what next start's compression sends.
    files.push({
      path: pathname,
      initial: referenced.has(url),
      raw: bytes.byteLength,
      gzip: gzipSync(bytes).byteLength,
    });
  }
  const kB = (fs: typeof files) => fs.reduce((a, f) => a + f.gzip, 0) / 1000;
  const gzip = kB(files);
  const initial = files.filter((f) => f.initial);
  return {
    id: "P6",
    label: "JavaScript on /, gzip",
    measured: `${fmt(gzip, 1)} kB in ${files.length} files`,
    baseline: `${fmt(kB(initial), 1)} kB in the HTML's ${initial.length}, ${fmt(gzip - kB(initial), 1)} kB later`,
    value: gzip,
    unit: "kB",
    goal: "≤ 180 kB",
    pass: gzip <= 180,
    details: {
      kB: "1000 bytes",
      initial_kB: kB(initial),
      raw_kB: files.reduce((a, f) => a + f.raw, 0) / 1000,
      not_counted_nomodule: legacy.map(pathOf),
      files: files.sort((a, b) => b.gzip - a.gzip),
    },
  };
}

/* -------------------------------------------------------------------------------------------------- */

type P5Store = { dataDir: string; load: BulkResult; now: number };

async function prepareP5Store(): Promise<P5Store> {
  const dataDir = tempDir("bench-p5-");
  const now = Date.now();
  const store = await openStore({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    let shown = 0;
    const result = await bulkLoad(store, {
      target: ROWS,
      now,
      budgetSeconds: P5_BUDGET_S,
      onProgress: (rows) => {
        if (rows - shown >= 1_000_000) {
          shown = rows;
          log(`P5 set-up: ${fmt(rows)} activities written`);
        }
      },
    });
    if (!result.reachedTarget) {
      notes.push(
        `P5 measured at ${fmt(result.rows)} activities, not ${fmt(ROWS)}: loading stopped at the ${P5_BUDGET_S} s budget (${fmt(result.rows / result.seconds)} activities/s through writeActivities on this machine). Raise it with --p5-budget.`,
      );
    }
    return { dataDir, load: result, now };
  } finally {
    await store.close();
  }
}

async function p5(prepared: P5Store): Promise<Figure[]> {
  const start = new Date(Math.floor((prepared.now - 90 * 86_400_000) / 60_000) * 60_000)
    .toISOString()
    .replace(".000Z", "Z");
  const query = { start, timeframe: "day" as const, timezone: "UTC" };
  const search = new URLSearchParams(query).toString();
  const app = await startApp({
    port: await freePort(APP_PORT_BASE),
    env: appEnv({ dataDir: prepared.dataDir }),
    name: "P5 store",
  });
  const samples = Math.max(20, RUNS * 4);
  log(
    `P5: up to ${samples} sequential GET /api/events/metrics?${search} at ${fmt(prepared.load.rows)} activities`,
  );
  const url = `${app.url}/api/events/metrics?${search}`;
  const once = async () => {
    const t = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as {
      range?: { start: string; end: string };
      totals?: Record<string, number>;
    };
    if (!res.ok) throw new Error(`P5: ${url} answered ${res.status}`);
    return { ms: performance.now() - t, body };
  };
  // The server keeps each answer for a few seconds and drops them all when activities arrive
  // (lib/events/metrics-cache.ts). To time the query rather than that cache, every timed request follows
  // a write — one activity from before the window, so the question's answer stays the same.
  const before = new Date(Date.parse(start) - 86_400_000).toISOString();
  const write = async () => {
    const res = await fetch(`${app.url}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        activities: [{ id: randomUUID(), event_id: "bench-p5", type: "photo.viewed", occurred_at: before }],
      }),
    });
    if (!res.ok) throw new Error(`P5: ingest answered ${res.status}`);
  };
  // The first request opens PGlite (seconds); the second runs with warm caches like every later one.
  const first = await once();
  await write();
  await once();
  const api: number[] = [];
  await sample(
    async () => {
      await write();
      api.push((await once()).ms);
    },
    { min: 5, max: samples, seconds: 45 },
  );
  const cached = await sample(() => once(), { min: 5, max: samples, seconds: 5 });
  await app.stop();

  const total = Object.values(first.body.totals ?? {}).reduce((a, b) => a + b, 0);
  log(`P5: up to ${HEAVY_RUNS} raw-row scans of the same question in this process`);
  const store = await openStore({ engine: "pglite", dataDir: path.join(prepared.dataDir, "pglite") });
  let raw: number[] = [];
  let inProcess: number[] = [];
  let counts: Awaited<ReturnType<typeof countRows>>;
  try {
    counts = await countRows(store);
    const rollups = await rollupQuery(store, query, prepared.now);
    await rollups.run();
    inProcess = await sample(() => rollups.run(), { min: 3, max: samples, seconds: 20 });
    raw = await sample(() => rawScan(store, rollups.range), { min: 1, max: HEAVY_RUNS, seconds: 90 });
  } finally {
    await store.close();
  }
  const p50 = percentile(api, 50);
  const rawMs = median(raw);
  const details = {
    activities: counts.activities,
    target: ROWS,
    load: {
      seconds: prepared.load.seconds,
      per_second: prepared.load.rows / prepared.load.seconds,
      path: "writeActivities, 25,000 a statement",
    },
    rollup_cells: counts.rollupCells,
    rollups_match_rows: counts.rollupSum === counts.activities,
    activities_in_answer: total,
    api_ms: { p50, p90: percentile(api, 90), samples: api.length },
    answer_cache_hit_ms: { p50: percentile(cached, 50), samples: cached.length },
    in_process_eventMetrics_ms: { p50: percentile(inProcess, 50), samples: inProcess.length },
    raw_scan_ms: raw,
  };
  if (counts.rollupSum !== counts.activities)
    throw new Error(`P5: rollups count ${counts.rollupSum}, rows ${counts.activities}`);
  return [
    {
      id: "P5",
      label: `/api/events/metrics p50, 90 d by day, ${fmt(counts.activities / 1e6, 1)} M rows`,
      measured: ms(p50),
      baseline: `in-process eventMetrics ${ms(percentile(inProcess, 50))}`,
      value: p50,
      unit: "ms",
      goal: "≤ 100 ms",
      pass: p50 <= 100,
      details,
    },
    {
      id: "P5",
      label: "raw-row scan ÷ /api/events/metrics p50",
      measured: `raw GROUP BY ${ms(rawMs)}`,
      baseline: `API p50 ${ms(p50)}`,
      value: rawMs / p50,
      unit: "×",
      goal: "≥ 50×",
      pass: rawMs / p50 >= 50,
      details: { raw_runs: raw.length },
    },
  ];
}

/**
 * Times `fn` sequentially: at least `min` times, at most `max`, and no more once `seconds` have passed —
 * at 10 M rows one raw scan can take half a minute, and the whole bench should stay under ten.
 */
async function sample(
  fn: () => Promise<unknown>,
  opts: { min: number; max: number; seconds: number },
): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + opts.seconds * 1000;
  while (times.length < opts.max && (times.length < opts.min || performance.now() < until)) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

/* -------------------------------------------------------------------------------------------------- */

function report(): void {
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
