/**
 * `npx tsx bench/cache-memory.ts [--windows 50] [--endpoints 400] [--days 1] [--cache-mb N] [--max-rss-mb 3000]`
 *
 * What the server keeps of fal's answers as the dashboard moves through time: an account calling
 * `--endpoints` models (the simulator in a process of its own) is asked for usage and performance over
 * `--windows` distinct windows of `--days` days (hourly buckets), each an hour later than the one before —
 * what a dashboard left open asks as the hours go by. Prints the server's resident memory before, along the way and after, and how
 * long each window took. `--cache-mb` sets FAL_CACHE_MAX_MB (unset: the app's default).
 *
 * `--max-rss-mb` stops the run when the server grows past it: on a shared machine a cache without a bound
 * would otherwise take every other job's memory. Needs a production build; ports from 3300 up.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { cleanupAll } from "./support/cleanup";
import {
  APP_PORT_BASE,
  appEnv,
  freePort,
  requireBuild,
  startApp,
  startSimProcess,
  tempDir,
  type AppServer,
} from "./support/servers";
import { fmt, ms } from "./support/stats";

const USAGE =
  "usage: npx tsx bench/cache-memory.ts [--windows N] [--endpoints N] [--days N] [--cache-mb N] [--max-rss-mb N]";

function options() {
  try {
    const { values } = parseArgs({
      options: {
        windows: { type: "string", default: "50" },
        endpoints: { type: "string", default: "400" },
        days: { type: "string", default: "1" },
        "cache-mb": { type: "string" },
        "max-rss-mb": { type: "string", default: "3000" },
      },
      strict: true,
    });
    const count = (name: string, raw: string | undefined) => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${raw}: expected a positive integer`);
      return n;
    };
    return {
      windows: count("windows", values.windows),
      endpoints: count("endpoints", values.endpoints),
      days: count("days", values.days),
      cacheMb: values["cache-mb"] === undefined ? undefined : count("cache-mb", values["cache-mb"]),
      maxRssMb: count("max-rss-mb", values["max-rss-mb"]),
    };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

const opts = options();
requireBuild("cache-memory");

const HOUR = 3_600_000;
const ROUTES = ["/api/ai/usage", "/api/ai/performance"] as const;

/** Resident memory of the server process, from the kernel (MB). */
function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

function windowQuery(i: number, base: number): string {
  const start = base + i * HOUR;
  const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");
  return new URLSearchParams({
    start: iso(start),
    end: iso(start + opts.days * 24 * HOUR),
    timeframe: "hour",
    timezone: "UTC",
  }).toString();
}

type Sample = { window: number; rss: number; ms: number };

async function run(app: AppServer): Promise<{ before: number; samples: Sample[]; stopped: string | null }> {
  await (await fetch(`${app.url}/api/health/live`)).arrayBuffer();
  const before = rssMb(app.pid);
  // Whole hours, far enough back that every window is complete.
  const base = Math.floor(Date.now() / HOUR) * HOUR - (opts.windows + (opts.days + 1) * 24) * HOUR;
  const samples: Sample[] = [];
  for (let i = 0; i < opts.windows; i++) {
    const t = performance.now();
    for (const route of ROUTES) {
      const res = await fetch(`${app.url}${route}?${windowQuery(i, base)}`);
      if (!res.ok)
        throw new Error(`${route} answered ${res.status} for window ${i + 1}: ${await res.text()}`);
      await res.arrayBuffer();
    }
    const rss = rssMb(app.pid);
    samples.push({ window: i + 1, rss, ms: performance.now() - t });
    process.stderr.write(`window ${i + 1}/${opts.windows}: RSS ${fmt(rss)} MB, ${ms(samples.at(-1)!.ms)}\n`);
    if (rss > opts.maxRssMb) return { before, samples, stopped: `RSS passed --max-rss-mb ${opts.maxRssMb}` };
  }
  return { before, samples, stopped: null };
}

let failure: unknown = null;
let result: Awaited<ReturnType<typeof run>> | null = null;
try {
  const sim = await startSimProcess({ endpoints: opts.endpoints });
  const env = appEnv({ simUrl: sim.url, dataDir: tempDir("bench-cache-memory-") });
  // The simulator answers hundreds of models slowly on a busy machine; that is not what is measured.
  env.FAL_TIMEOUT_MS = "120000";
  if (opts.cacheMb !== undefined) env.FAL_CACHE_MAX_MB = String(opts.cacheMb);
  const app = await startApp({ port: await freePort(APP_PORT_BASE), env, name: "dashboard" });
  result = await run(app);
} catch (error) {
  failure = error;
} finally {
  await cleanupAll();
}

if (result) {
  const { before, samples, stopped } = result;
  const last = samples.at(-1);
  const shown = samples.filter((s, i) => i < 3 || s.window % 10 === 0 || s === last);
  console.log(
    `\ncache-memory — ${opts.endpoints} endpoints, ${samples.length} of ${opts.windows} windows (${opts.days} d, hourly, each 1 h later), FAL_CACHE_MAX_MB ${opts.cacheMb ?? "default"}; ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}\n`,
  );
  console.log("window  server RSS  usage + performance");
  for (const s of shown)
    console.log(`${String(s.window).padStart(6)}  ${fmt(s.rss).padStart(7)} MB  ${ms(s.ms).padStart(10)}`);
  if (last) {
    console.log(
      `\nRSS before ${fmt(before)} MB, after ${fmt(last.rss)} MB (peak ${fmt(Math.max(...samples.map((s) => s.rss)))} MB); window 1 ${ms(samples[0]!.ms)}, window ${last.window} ${ms(last.ms)}`,
    );
  }
  if (stopped) console.log(`stopped early: ${stopped}`);
}
if (failure) {
  console.error(
    `\ncache-memory failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
  );
  process.exit(1);
}
