/**
 * `npx tsx bench/load.ts [--connections 200] [--duration 60] [--routes usage,performance,metrics,balance,live] [--url http://127.0.0.1:PORT] [--cookie NAME=VALUE]`
 *
 * Sustained load on the dashboard's cached routes, one route at a time, with the query the dashboard
 * sends by default (last 7 days, UTC): requests/s, p50/p99 latency, errors and non-2xx per route, and
 * the same server's trivial route as the floor beside them.
 * Goal: no errors, no non-2xx, p99 < 100 ms.
 *
 * Without --url it needs a production build and starts the fal simulator and `next start` (ports from
 * 3300 up, fresh seeded PGlite store) itself, and stops them afterwards. Only loopback targets; each
 * run is bounded (at most 600 s).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import {
  MAX_LOAD_SECONDS,
  assertLoopback,
  load,
  perSecond,
  settle,
  type LoadResult,
} from "./support/autocannon";
import { cleanupAll } from "./support/cleanup";
import {
  APP_PORT_BASE,
  appEnv,
  defaultQuery,
  freePort,
  requireBuild,
  seedDemo,
  simControl,
  startApp,
  startSim,
  tempDir,
} from "./support/servers";
import { fmt } from "./support/stats";

const USAGE =
  "usage: npx tsx bench/load.ts [--connections N] [--duration SECONDS (≤ 600)] [--routes usage,performance,metrics,balance,live] [--url http://127.0.0.1:PORT] [--cookie NAME=VALUE]";
const ROUTES = {
  usage: "/api/ai/usage",
  performance: "/api/ai/performance",
  metrics: "/api/events/metrics",
  balance: "/api/ai/balance",
  /** Not a dashboard route: the same server's trivial answer, measured as the floor the others sit on. */
  live: "/api/health/live",
} as const;
type RouteName = keyof typeof ROUTES;

function flags() {
  const fail = (message: string): never => {
    console.error(`${message}\n${USAGE}`);
    process.exit(2);
  };
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        connections: { type: "string", default: "200" },
        duration: { type: "string", default: "60" },
        routes: { type: "string", default: Object.keys(ROUTES).join(",") },
        url: { type: "string" },
        cookie: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const number = (name: string, raw: string, check: (n: number) => boolean) => {
    const n = Number(raw.replace(/_/g, ""));
    return check(n) ? n : fail(`--${name} ${raw}: not a valid value`);
  };
  const names = values.routes.split(",").map((s) => s.trim());
  const bad = names.filter((n) => !(n in ROUTES));
  if (bad.length > 0) fail(`unknown route(s) ${bad.join(", ")}`);
  if (values.url) {
    try {
      assertLoopback(values.url);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }
  return {
    connections: number(
      "connections",
      values.connections,
      (n) => Number.isInteger(n) && n >= 1 && n <= 1_000,
    ),
    duration: number("duration", values.duration, (n) => n >= 1 && n <= MAX_LOAD_SECONDS),
    names: names as RouteName[],
    targetUrl: values.url,
    /** A session cookie (`name=value`) for a dashboard behind a password; sent with every request. */
    headers: values.cookie ? { cookie: values.cookie } : undefined,
  };
}

const { connections: CONNECTIONS, duration: DURATION, names, targetUrl, headers } = flags();
if (!targetUrl) requireBuild("load");

const query = defaultQuery();

type Row = { route: string; result: LoadResult; upstream: number | null };
const rows: Row[] = [];
let failure: unknown = null;
try {
  let base = targetUrl?.replace(/\/+$/, "");
  let stats: (() => Promise<number>) | null = null;
  if (!base) {
    const sim = await startSim();
    const dataDir = tempDir("bench-load-");
    const env = appEnv({ simUrl: sim.url, dataDir });
    process.stderr.write("seeding the demo store …\n");
    await seedDemo(env);
    const app = await startApp({ port: await freePort(APP_PORT_BASE), env, name: "dashboard" });
    base = app.url;
    const ctl = simControl(sim.url);
    stats = async () => (await ctl.stats()).total;
  }
  const urls = names.map((n) => `${base}${ROUTES[n]}${n === "balance" || n === "live" ? "" : `?${query}`}`);
  // Fill the caches (and open the store) first: this measures the cached path, not the first request.
  for (const url of urls) {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  }
  for (const url of urls) {
    await settle(base, stats);
    process.stderr.write(`${CONNECTIONS} connections × ${DURATION} s on ${new URL(url).pathname} …\n`);
    const before = stats ? await stats() : null;
    const result = await load({ url, connections: CONNECTIONS, duration: DURATION, headers });
    rows.push({
      route: new URL(url).pathname,
      result,
      upstream: stats && before !== null ? (await stats()) - before : null,
    });
  }
} catch (error) {
  failure = error;
} finally {
  await cleanupAll();
}

const header = ["route", "req/s", "p50", "p99", "max", "errors", "timeouts", "non-2xx", "fal calls", "goal"];
const table = rows.map(({ route, result: r, upstream }) => {
  const ok = r.errors === 0 && r.timeouts === 0 && r.non2xx === 0 && r.latency.p99 < 100;
  return [
    route,
    fmt(perSecond(r)),
    `${fmt(r.latency.p50)} ms`,
    `${fmt(r.latency.p99)} ms`,
    `${fmt(r.latency.max)} ms`,
    fmt(r.errors),
    fmt(r.timeouts),
    fmt(r.non2xx),
    upstream === null ? "—" : fmt(upstream),
    route === ROUTES.live ? "(floor)" : ok ? "PASS" : "MISS",
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(
  `\nload — ${CONNECTIONS} connections × ${DURATION} s per route, query ?${query}; ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")}; goal: 0 errors, 0 non-2xx, p99 < 100 ms\n`,
);
console.log(line(header));
for (const r of table) console.log(line(r));
const floor = rows.find((r) => r.route === ROUTES.live);
if (floor) {
  // Little's law: with every connection always waiting, mean latency = connections ÷ throughput.
  console.log(
    `\n${CONNECTIONS} connections ÷ ${fmt(perSecond(floor.result))} req/s of the trivial route = ${fmt((CONNECTIONS / perSecond(floor.result)) * 1000)} ms mean latency even for an empty answer on this server`,
  );
}
if (failure) {
  console.error(
    `\nload failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
  );
  process.exit(1);
}
