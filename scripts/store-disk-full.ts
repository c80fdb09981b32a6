/**
 * `sudo npx tsx scripts/store-disk-full.ts` (root: it mounts a tmpfs; production build required)
 *
 * What the embedded store does when its disk fills up, is read-only, or is not a disk at all. Starts
 * `next start` with DATA_DIR on a fresh 160 MiB tmpfs, stores a batch, fills the disk to a few MiB,
 * and checks: writes answer 507 store_full at once, reads, health and the dashboard page keep answering,
 * SIGTERM still stops the server. Then frees the space (writes work again, without a restart), remounts
 * the disk read-only (503 store_unavailable naming the cause) and points DATA_DIR into /proc (the same,
 * at once). PASS when every step answered as expected and no acknowledged activity was lost.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { cleanupAll, onCleanup } from "../bench/support/cleanup";
import { INGEST_TOKEN, appEnv, freePort, requireBuild, startApp, tempDir } from "../bench/support/servers";

requireBuild("store-disk-full");
if (process.getuid?.() !== 0) {
  console.error("store-disk-full: mounting a tmpfs needs root.");
  process.exit(2);
}

const mount = path.join(tempDir("store-disk-full-"), "disk");
mkdirSync(mount);
execFileSync("mount", ["-t", "tmpfs", "-o", "size=160m", "tmpfs", mount]);
onCleanup(`umount ${mount}`, () => {
  execFileSync("umount", ["-l", mount]);
});
const filler = path.join(mount, "filler");

let failures = 0;
function check(what: string, ok: boolean, detail: string) {
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}: ${detail}`);
}

type Answer = { status: number; ms: number; body: string };
async function call(url: string, init?: RequestInit): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    return { status: res.status, ms: Date.now() - started, body: await res.text() };
  } catch (error) {
    return { status: 0, ms: Date.now() - started, body: String(error) };
  }
}

const acknowledged = new Set<string>();
function ingest(base: string): Promise<Answer> {
  const activities = Array.from({ length: 200 }, () => ({
    id: randomUUID(),
    event_id: "disk-full",
    type: "photo.generated",
    occurred_at: new Date().toISOString(),
  }));
  return call(`${base}/api/ingest`, {
    method: "POST",
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ activities }),
  }).then((answer) => {
    if (answer.status === 200) for (const a of activities) acknowledged.add(a.id);
    return answer;
  });
}

const metricsPath = `/api/events/metrics?start=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}&timezone=UTC`;
const show = (a: Answer) => `${a.status} in ${a.ms} ms ${a.status === 200 ? "" : a.body.slice(0, 300)}`;

try {
  const port = await freePort(3530);
  const env = appEnv({ dataDir: path.join(mount, "data") });
  let app = await startApp({ port, env, name: "app on tmpfs" });

  check("ingest on an empty disk", (await ingest(app.url)).status === 200, "200");
  const free = Number(
    execFileSync("df", ["-k", "--output=avail", mount], { encoding: "utf8" }).split("\n")[1],
  );
  execFileSync("fallocate", ["-l", `${Math.max(0, free - 4096)}k`, filler]);
  console.log(`     disk filled: ${execFileSync("df", ["-h", mount], { encoding: "utf8" }).split("\n")[1]}`);

  const full = await ingest(app.url);
  check(
    "ingest on a full disk → 507 store_full",
    full.status === 507 && full.body.includes("store_full"),
    show(full),
  );
  const reads = await call(`${app.url}${metricsPath}`);
  check("metrics on a full disk", reads.status === 200, show(reads));
  const live = await call(`${app.url}/api/health/live`);
  check("health on a full disk", live.status === 200, show(live));
  const page = await call(`${app.url}/`);
  check("dashboard page on a full disk", page.status === 200, show(page));

  rmSync(filler);
  const again = await ingest(app.url);
  check("ingest once space is back (no restart)", again.status === 200, show(again));
  const totals = JSON.parse((await call(`${app.url}${metricsPath}`)).body) as {
    totals: Record<string, number>;
  };
  check(
    "every acknowledged activity is stored",
    totals.totals["photo.generated"] === acknowledged.size,
    `${totals.totals["photo.generated"]} stored, ${acknowledged.size} acknowledged`,
  );

  const stopping = Date.now();
  await app.stop();
  check(
    "SIGTERM stops the server",
    (await app.exited) !== "SIGKILL",
    `exit ${await app.exited} after ${Date.now() - stopping} ms`,
  );

  execFileSync("mount", ["-o", "remount,ro", mount]);
  app = await startApp({ port, env, name: "app on a read-only disk" });
  const readOnly = await ingest(app.url);
  check(
    "ingest on a read-only DATA_DIR → 503 naming the cause",
    readOnly.status === 503 && readOnly.body.includes("read-only file system"),
    show(readOnly),
  );
  await app.stop();
  execFileSync("mount", ["-o", "remount,rw", mount]);

  app = await startApp({ port, env: { ...env, DATA_DIR: "/proc/fal-analytics/data" }, name: "app on /proc" });
  const proc = await ingest(app.url);
  check(
    "ingest with DATA_DIR under /proc → 503 at once",
    proc.status === 503 && proc.ms < 5_000 && proc.body.includes("directories cannot be created there"),
    show(proc),
  );
  await app.stop();
} finally {
  await cleanupAll();
}
console.log(failures === 0 ? "PASS" : `FAIL (${failures})`);
process.exit(failures === 0 ? 0 : 1);
