/**
 * `npx tsx scripts/store-outage.ts` (root, Debian's PostgreSQL 15 in /usr/lib/postgresql/15/bin;
 * production build required)
 *
 * What the dashboard does while its PostgreSQL fails. Starts a throwaway PostgreSQL (initdb in a temp
 * directory, run as the `postgres` user), the fal simulator and `next start` on it, stores a batch, then:
 * stops PostgreSQL, starts it again, stalls it (SIGSTOP on every one of its processes) and resumes it.
 * At each step it asks ingest, event metrics and cost per outcome, and prints status, code and time.
 * PASS when every answer during the outage is a 503 store_unavailable within the configured timeouts,
 * every answer afterwards a 200 without restarting the app, and the server log holds no uncaught exception.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chownSync, readFileSync } from "node:fs";
import path from "node:path";
import { cleanupAll, onCleanup } from "../bench/support/cleanup";
import {
  INGEST_TOKEN,
  appEnv,
  freePort,
  requireBuild,
  startApp,
  startSim,
  tempDir,
} from "../bench/support/servers";

requireBuild("store-outage");
const BIN = "/usr/lib/postgresql/15/bin";
const TIMEOUTS = { connect: 2_000, statement: 3_000, query: 4_000 };
/** Connect, then one query that never answers; anything longer is a hang. */
const WORST_MS = TIMEOUTS.connect + TIMEOUTS.query + 1_000;

const asPostgres = (...args: string[]) => {
  const r = spawnSync("su", ["postgres", "-c", args.join(" ")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr || r.stdout}`);
};

const pgDir = tempDir("store-outage-pg-");
chownSync(pgDir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), 0);
const pgData = path.join(pgDir, "data");
const pgPort = await freePort(54_520);
asPostgres(`${BIN}/initdb`, "-D", pgData, "-U", "postgres", "--auth=trust", "--no-sync", ">/dev/null");
const pgStart = () =>
  asPostgres(
    `${BIN}/pg_ctl`,
    "-D",
    pgData,
    "-l",
    path.join(pgDir, "log"),
    "-w",
    "-o",
    `"-p ${pgPort} -k /tmp"`,
    "start",
    ">/dev/null",
  );
const pgStop = () => asPostgres(`${BIN}/pg_ctl`, "-D", pgData, "-m", "fast", "-w", "stop", ">/dev/null");
/** The postmaster and every backend: stalling only the postmaster would leave open connections answering. */
const pgPids = () => {
  const postmaster = readFileSync(path.join(pgData, "postmaster.pid"), "utf8").split("\n")[0]!;
  const children = spawnSync("pgrep", ["-P", postmaster], { encoding: "utf8" })
    .stdout.split("\n")
    .filter(Boolean);
  return [postmaster, ...children];
};
const pgSignal = (signal: string) => execFileSync("kill", [`-${signal}`, ...pgPids()]);
pgStart();
onCleanup("throwaway PostgreSQL", () => {
  try {
    pgSignal("CONT");
    pgStop();
  } catch {
    // Already stopped.
  }
});

let failures = 0;
function check(what: string, ok: boolean, detail: string) {
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}: ${detail}`);
}

type Answer = { status: number; ms: number; code?: string; message?: string };
async function call(url: string, init?: RequestInit): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    const body = (await res.json()) as { error?: { code: string; message: string } };
    return {
      status: res.status,
      ms: Date.now() - started,
      code: body.error?.code,
      message: body.error?.message,
    };
  } catch (error) {
    return { status: 0, ms: Date.now() - started, message: String(error) };
  }
}

const day = new Date().toISOString().slice(0, 10);
const sim = await startSim();
const app = await startApp({
  port: await freePort(3540),
  name: "app on the throwaway PostgreSQL",
  env: {
    ...appEnv({
      simUrl: sim.url,
      dataDir: tempDir("store-outage-data-"),
      databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
    }),
    DATABASE_CONNECT_TIMEOUT_MS: String(TIMEOUTS.connect),
    DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUTS.statement),
    DATABASE_QUERY_TIMEOUT_MS: String(TIMEOUTS.query),
    // Cost per outcome is a cached report: each phase must compute it afresh.
    FAL_CACHE_TTL_SECONDS: "1",
  },
});

const routes = {
  ingest: () =>
    call(`${app.url}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        activities: [
          {
            id: randomUUID(),
            event_id: "outage",
            type: "photo.generated",
            occurred_at: new Date().toISOString(),
          },
        ],
      }),
    }),
  metrics: () => call(`${app.url}/api/events/metrics?start=${day}&timezone=UTC&event_id=${randomUUID()}`),
  "cost-per-outcome": () => call(`${app.url}/api/ai/cost-per-outcome?start=${day}&timezone=UTC`),
};

async function expectAll(phase: string, expected: 200 | 503) {
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  for (const [name, ask] of Object.entries(routes)) {
    const a = await ask();
    const ok =
      expected === 200
        ? a.status === 200
        : a.status === 503 && a.code === "store_unavailable" && a.ms < WORST_MS;
    check(
      `${phase}: ${name}`,
      ok,
      `${a.status} ${a.code ?? ""} in ${a.ms} ms${a.message ? ` — ${a.message}` : ""}`,
    );
  }
}

try {
  await expectAll("healthy", 200);
  pgStop();
  await expectAll("PostgreSQL stopped", 503);
  pgStart();
  await expectAll("PostgreSQL started again", 200);
  pgSignal("STOP");
  await expectAll("PostgreSQL stalled (SIGSTOP)", 503);
  pgSignal("CONT");
  await expectAll("PostgreSQL resumed (SIGCONT)", 200);
  const log = app.logTail(10_000);
  const uncaught = log.split("\n").filter((l) => /uncaught/i.test(l)).length;
  const lost = log.split("\n").filter((l) => l.includes("[events] PostgreSQL connection lost")).length;
  check(
    "no uncaught exception in the server log",
    uncaught === 0,
    `${uncaught} uncaught, ${lost} "connection lost" lines`,
  );
} finally {
  await cleanupAll();
}
console.log(failures === 0 ? "PASS" : `FAIL (${failures})`);
process.exit(failures === 0 ? 0 : 1);
