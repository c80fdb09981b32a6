/**
 * `npx tsx scripts/scale-out.ts --database-url postgres://… [--load-seconds 10] [--connections 200] [--no-load]`
 *
 * The scale-out the README describes, started and checked on this machine: two `next start` processes
 * behind HAProxy (installed with apt-get when missing), one PostgreSQL, a password set. It shows that
 *   1. a session made through the balancer opens both instances (the session is recorded in the shared database);
 *   2. the same activities posted to both instances are counted once (ids are the primary key);
 *   3. both instances give the same answers (fal's `fetched_at` aside: each instance asks fal itself);
 *   4. bench/load.ts against the pair, then against one instance on the same machine.
 * Needs a production build (`npm run build`). Events go to a fresh event id, so any database will do;
 * everything started is stopped at the end. Exit code 1 when a check fails.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { cleanupAll, onCleanup } from "../bench/support/cleanup";
import {
  APP_PORT_BASE,
  INGEST_TOKEN,
  ROOT,
  appEnv,
  defaultQuery,
  freePort,
  requireBuild,
  sleep,
  startApp,
  startSim,
  tempDir,
} from "../bench/support/servers";

const USAGE =
  "usage: npx tsx scripts/scale-out.ts --database-url postgres://… [--load-seconds N] [--connections N] [--no-load]";

function options() {
  try {
    const { values } = parseArgs({
      options: {
        "database-url": { type: "string" },
        "load-seconds": { type: "string", default: "10" },
        connections: { type: "string", default: "200" },
        "no-load": { type: "boolean", default: false },
      },
      strict: true,
    });
    const databaseUrl = values["database-url"];
    if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl))
      throw new Error("--database-url: a postgres:// URL is required (the instances share it)");
    const seconds = Number(values["load-seconds"]);
    const connections = Number(values.connections);
    if (!(Number.isInteger(seconds) && seconds >= 1 && seconds <= 600))
      throw new Error(`--load-seconds ${values["load-seconds"]}: expected 1–600`);
    if (!(Number.isInteger(connections) && connections >= 1 && connections <= 1000))
      throw new Error(`--connections ${values.connections}: expected 1–1000`);
    return { databaseUrl, seconds, connections, load: !values["no-load"] };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

const opts = options();
requireBuild("scale-out");

const PASSWORD = "scale-out-password";
const results: { check: string; ok: boolean; detail: string }[] = [];
const check = (name: string, ok: boolean, detail: string) => {
  results.push({ check: name, ok, detail });
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}: ${detail}`);
};

/** Debian's haproxy, installed on first use (this needs root, as apt-get does). */
function ensureHaproxy(): void {
  if (spawnSync("haproxy", ["-v"]).status === 0) return;
  console.log("haproxy is not installed: apt-get install -y haproxy …");
  const install = () => spawnSync("apt-get", ["install", "-y", "haproxy"], { stdio: "inherit" }).status;
  if (install() !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit" });
    if (install() !== 0) throw new Error("could not install haproxy with apt-get");
  }
}

async function startHaproxy(port: number, backends: number[]): Promise<string> {
  const dir = tempDir("scale-out-haproxy-");
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(
    config,
    [
      "global",
      "  maxconn 4096",
      "defaults",
      "  mode http",
      "  timeout connect 5s",
      "  timeout client 60s",
      "  timeout server 60s",
      // A saturated instance answers its health check late, not never: without room here the balancer
      // would mark both down under load and answer 503 itself.
      "  timeout check 10s",
      "frontend dashboard",
      `  bind 127.0.0.1:${port}`,
      "  option forwardfor",
      "  default_backend app",
      "backend app",
      "  balance roundrobin",
      "  option httpchk GET /api/health/live",
      ...backends.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check inter 2s fall 5`),
      "",
    ].join("\n"),
  );
  const child = spawn("haproxy", ["-f", config, "-db"], { stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  onCleanup(
    `haproxy (pid ${child.pid})`,
    async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
    () => child.kill("SIGKILL"),
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/api/health/live`).catch(() => null))?.ok) return url;
    await sleep(100);
  }
  throw new Error("haproxy did not answer within 10 s");
}

async function get(url: string, cookie?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

/** An answer without the moment this instance last asked fal, which differs by design. */
function comparable(body: string): string {
  return JSON.stringify(JSON.parse(body), (key, value: unknown) =>
    key === "fetched_at" ? undefined : value,
  );
}

function loadRun(url: string, cookie: string): string {
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const args = ["bench/load.ts", "--url", url, "--routes", "live,usage", "--cookie", cookie];
  args.push("--connections", String(opts.connections), "--duration", String(opts.seconds));
  const run = spawnSync(tsx, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env.PATH, NODE_ENV: "production" },
  });
  if (run.status !== 0) throw new Error(`bench/load.ts failed: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

let failure: unknown = null;
try {
  ensureHaproxy();
  const sim = await startSim();
  // One password and one session secret for both: a cookie signed by one instance opens the other.
  const env: NodeJS.ProcessEnv = {
    ...appEnv({ simUrl: sim.url, dataDir: tempDir("scale-out-"), databaseUrl: opts.databaseUrl }),
    DASHBOARD_PASSWORD: PASSWORD,
    SESSION_SECRET: randomBytes(32).toString("hex"),
  };
  delete env.DASHBOARD_AUTH;
  const a = await startApp({ port: await freePort(APP_PORT_BASE), env, name: "instance 1" });
  const b = await startApp({ port: await freePort(a.port + 1), env, name: "instance 2" });
  const lb = await startHaproxy(await freePort(b.port + 1), [a.port, b.port]);
  console.log(`HAProxy ${lb} → instance 1 ${a.url}, instance 2 ${b.url}; PostgreSQL shared\n`);

  // 1. Sessions.
  const login = await fetch(`${lb}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  const query = defaultQuery();
  const metricsPath = `/api/events/metrics?${query}`;
  const [withA, withB, without] = await Promise.all([
    get(`${a.url}${metricsPath}`, cookie),
    get(`${b.url}${metricsPath}`, cookie),
    get(`${b.url}${metricsPath}`),
  ]);
  check(
    "a session made through the balancer opens both instances",
    login.ok && cookie !== "" && withA.status === 200 && withB.status === 200 && without.status === 401,
    `login ${login.status}; with its cookie instance 1 ${withA.status}, instance 2 ${withB.status}; without it ${without.status}`,
  );

  // 2. Ingestion through both.
  const eventId = `scale-out-${randomUUID().slice(0, 8)}`;
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const activities = Array.from({ length: 20 }, () => ({
    id: randomUUID(),
    event_id: eventId,
    type: "photo.generated",
    occurred_at: at,
  }));
  const ingest = async (base: string) => {
    const res = await fetch(`${base}/api/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ activities }),
    });
    return `${res.status} ${await res.text()}`;
  };
  const first = await ingest(a.url);
  const second = await ingest(b.url);
  const eventPath = `${metricsPath}&event_id=${eventId}`;
  const counted = await Promise.all(
    [a, b].map(async (s) => {
      const r = await get(`${s.url}${eventPath}`, cookie);
      return (JSON.parse(r.body) as { totals?: Record<string, number> }).totals?.["photo.generated"];
    }),
  );
  check(
    "the same 20 activities posted to both instances are counted once",
    counted.every((n) => n === activities.length),
    `instance 1 answered ${first}; instance 2 answered ${second}; photos counted: instance 1 ${counted[0]}, instance 2 ${counted[1]}`,
  );

  // 3. The same answers.
  for (const route of [eventPath, `/api/ai/usage?${query}`, `/api/ai/performance?${query}`]) {
    const [x, y] = await Promise.all([get(`${a.url}${route}`, cookie), get(`${b.url}${route}`, cookie)]);
    const same = x.status === 200 && y.status === 200 && comparable(x.body) === comparable(y.body);
    check(
      `both instances answer ${route.split("?")[0]} alike`,
      same,
      `${x.status} / ${y.status}, ${x.body.length} / ${y.body.length} bytes${same ? ", identical but for fetched_at" : ""}`,
    );
  }

  // 4. Load: the pair, then one instance.
  if (opts.load) {
    console.log(`\nbench/load.ts through HAProxy (2 instances):\n${loadRun(lb, cookie)}`);
    console.log(`\nbench/load.ts on instance 1 alone:\n${loadRun(a.url, cookie)}`);
  }
} catch (error) {
  failure = error;
} finally {
  await cleanupAll();
}

if (failure) {
  console.error(
    `\nscale-out failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
  );
  process.exit(1);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} of ${results.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
