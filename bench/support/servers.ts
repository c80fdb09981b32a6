import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SIM_KEYS } from "../../e2e/fal-simulator/keys";
import { startSimulator, type Simulator } from "../../e2e/fal-simulator/server";
import { onCleanup } from "./cleanup";
import { planView, toSearch } from "../../lib/view-state";

/** Scripts run from the project root (npm scripts, `npx tsx bench/…`), like Next itself. */
export const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const TSX_BIN = path.join(ROOT, "node_modules/.bin/tsx");

export const INGEST_TOKEN = "bench-ingest-token-0123456789";
/**
 * Far from the ports the demo (3000/4010) and the e2e suite (3100) use, so a bench never collides.
 * `BENCH_PORT_BASE` moves them all (app from there, simulator +20, Lighthouse's Chromium +40), so two
 * checkouts on one machine can run benches side by side.
 */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE) || null;
export const APP_PORT_BASE = PORT_BASE ?? 3300;
export const SIM_PORT_BASE = PORT_BASE === null ? 4300 : PORT_BASE + 20;
export const DEVTOOLS_PORT_BASE = PORT_BASE === null ? 9300 : PORT_BASE + 40;

/** Benchmarks measure a production build; building it is the caller's job (it takes minutes and RAM). */
export function requireBuild(script: string): void {
  if (existsSync(path.join(ROOT, ".next/BUILD_ID"))) return;
  console.error(
    `${script}: no production build in ${path.join(ROOT, ".next")}. Run \`npm run build\` first.`,
  );
  process.exit(2);
}

/** The first port from `from` that nobody listens on (checked by binding it, then letting go). */
export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${from + 199}`);
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  onCleanup(`remove ${dir}`, remove, remove);
  return dir;
}

export async function startSim(): Promise<Simulator> {
  const sim = await startSimulator({ port: await freePort(SIM_PORT_BASE), host: "127.0.0.1" });
  onCleanup("fal simulator", () => sim.close());
  return sim;
}

/**
 * The simulator in a process of its own, for worlds the in-process one cannot be: `endpoints` sets how
 * many endpoints the simulated account calls (SIM_ENDPOINTS, read when its world is built).
 */
export async function startSimProcess(opts: { endpoints?: number } = {}): Promise<Simulator> {
  const port = await freePort(SIM_PORT_BASE);
  const child = spawn(TSX_BIN, ["e2e/fal-simulator/main.ts", "--port", String(port)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      SIM_ENDPOINTS: opts.endpoints === undefined ? "" : String(opts.endpoints),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await exited;
  };
  onCleanup(`fal simulator (pid ${child.pid})`, close, () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while ((await fetch(`${url}/_sim/health`).catch(() => null))?.ok !== true) {
    if (child.exitCode !== null) throw new Error("the fal simulator exited before it was ready");
    if (Date.now() > deadline) throw new Error("the fal simulator was not ready within 30 s");
    await sleep(100);
  }
  return { url, close };
}

/**
 * The app's environment, built from scratch rather than inherited: a DATABASE_URL, a real fal key or a
 * password in the caller's shell must never leak into a benchmark (or make it talk to real fal).
 */
export function appEnv(opts: { simUrl?: string; dataDir: string; databaseUrl?: string }): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    ["PATH", "HOME", "TMPDIR", "LANG", "TZ"].flatMap((k) =>
      process.env[k] === undefined ? [] : [[k, process.env[k]]],
    ),
  ) as NodeJS.ProcessEnv;
  return {
    ...inherited,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // Without a simulator no fal key is set at all, so nothing can reach the real fal.
    ...(opts.simUrl
      ? {
          FAL_API_BASE_URL: `${opts.simUrl}/v1`,
          FAL_ADMIN_KEY: SIM_KEYS.admin,
          REPLICATE_API_BASE_URL: `${opts.simUrl}/replicate/v1`,
          REPLICATE_API_TOKEN: SIM_KEYS.replicate,
        }
      : {}),
    DATA_DIR: opts.dataDir,
    INGEST_TOKEN,
    DASHBOARD_AUTH: "none",
    DASHBOARD_TIMEZONE: "UTC",
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  };
}

/** `npm run seed` against the store `env` names: the demo's 90 days of activity. */
export function seedDemo(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(TSX_BIN, ["scripts/seed.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const stop = onCleanup("seed", () => {
    child.kill("SIGKILL");
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      void stop();
      if (code === 0) resolve();
      else reject(new Error(`seed failed (${code}): ${output.trim()}`));
    });
  });
}

export type AppServer = {
  url: string;
  port: number;
  /** The pid of the node process serving requests (next start runs the server in-process). */
  pid: number;
  /** Resolves with the exit code or signal name once the process has gone. */
  exited: Promise<string>;
  stop(): Promise<void>;
  /** SIGKILL, no warning: what a crash or an OOM kill looks like to the store. */
  crash(): Promise<void>;
  logTail(lines?: number): string;
};

/**
 * `node …/next start` spawned directly (not through npx, whose wrapper would be the pid we hold) in a
 * process group of its own, so stop() and crash() reach the server itself and anything it might spawn.
 */
export async function startApp(opts: {
  port: number;
  env: NodeJS.ProcessEnv;
  name?: string;
}): Promise<AppServer> {
  const logDir = tempDir("bench-app-log-");
  const logFile = path.join(logDir, "next.log");
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(opts.port)], {
    cwd: ROOT,
    env: opts.env,
    detached: true,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not spawn next start");
  let gone = false;
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      gone = true;
      resolve(signal ?? String(code));
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const waitGone = (ms: number) => Promise.race([exited.then(() => true), sleep(ms).then(() => gone)]);
  const stop = async () => {
    if (gone) return;
    signalGroup("SIGTERM");
    if (!(await waitGone(5_000))) {
      signalGroup("SIGKILL");
      await waitGone(5_000);
    }
  };
  const unregister = onCleanup(`${opts.name ?? "next start"} (pid ${pid})`, stop, () =>
    signalGroup("SIGKILL"),
  );
  const logTail = (lines = 30) => {
    try {
      return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };

  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`next start exited before it was ready:\n${logTail()}`);
    try {
      const res = await fetch(`${url}/api/health/live`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start was not ready within 60 s:\n${logTail()}`);
    }
    await sleep(100);
  }
  return {
    url,
    port: opts.port,
    pid,
    exited,
    stop: async () => {
      await unregister();
    },
    crash: async () => {
      signalGroup("SIGKILL");
      await exited;
      await unregister();
    },
    logTail,
  };
}

/**
 * The dashboard's default view as the browser asks for it (lib/view-state.ts planView + apiKey): the
 * last 7 days including today, in UTC day buckets.
 */
export function defaultQuery(now = Date.now()): string {
  return toSearch(
    planView({ range: "7d", from: null, to: null, granularity: "auto", tz: null }, now, "UTC").query,
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The fal simulator's control API (e2e/fal-simulator/control.ts). */
export type SimRecord = {
  method: string;
  path: string;
  query: string;
  endpoint: string;
  status: number;
  at: string;
};
export type SimStats = { total: number; by_endpoint: Record<string, number>; requests: SimRecord[] };

export function simControl(simUrl: string) {
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${simUrl}${p}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator ${p} answered ${res.status}`);
  };
  return {
    stats: async (): Promise<SimStats> => (await (await fetch(`${simUrl}/_sim/stats`)).json()) as SimStats,
    latency: (ms: number) => post("/_sim/mode", { latency_ms: ms }),
    reset: () => post("/_sim/reset", {}),
  };
}

/** Upstream calls made since `before`: the stats log keeps the last 1,000, oldest first. */
export function callsSince(before: SimStats, after: SimStats): SimRecord[] {
  const n = after.total - before.total;
  if (n > after.requests.length) throw new Error(`${n} upstream calls, more than the simulator's log keeps`);
  return n === 0 ? [] : after.requests.slice(-n);
}
