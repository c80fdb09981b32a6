/**
 * `npm run demo`: the fal simulator plus the dashboard with demo keys and a seeded event store, so a
 * newcomer sees a working dashboard without a fal account. Uses the production build when there is one.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { startSimulator } from "../e2e/fal-simulator/server";
import { SIM_KEYS } from "../e2e/fal-simulator/keys";

const PORT = Number(process.env.PORT ?? 3000);
const SIM_PORT = Number(process.env.SIM_PORT ?? 4010);

/**
 * Which simulated key the dashboard gets: `DEMO_KEY_PRESET=readonly npm run demo` (or `-- --preset
 * readonly`) shows the dashboard as a Read-only key sees it. Legacy ADMIN by default.
 */
const DEMO_KEYS = {
  admin: SIM_KEYS.admin,
  "legacy-api": SIM_KEYS.api,
  api: SIM_KEYS.apiPreset,
  readonly: SIM_KEYS.readonly,
  billing: SIM_KEYS.billing,
  full: SIM_KEYS.full,
  compute: SIM_KEYS.compute,
  serverless: SIM_KEYS.serverless,
  deploy: SIM_KEYS.deploy,
  custom: SIM_KEYS.customNamed,
  "custom-bare": SIM_KEYS.customBare,
} as const;
const { values } = parseArgs({ options: { preset: { type: "string" } }, strict: true });
const presetName = (values.preset ?? process.env.DEMO_KEY_PRESET ?? "admin").toLowerCase();
if (!(presetName in DEMO_KEYS)) {
  console.error(`DEMO_KEY_PRESET / --preset must be one of: ${Object.keys(DEMO_KEYS).join(", ")}`);
  process.exit(2);
}
const demoKey = DEMO_KEYS[presetName as keyof typeof DEMO_KEYS];

/** Whether something already listens on 127.0.0.1:`port` (both servers bind there). */
function busy(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e: NodeJS.ErrnoException) => (e.code === "EADDRINUSE" ? resolve(true) : reject(e)));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(false)));
  });
}

// Both ports checked before anything starts, so a busy one is named instead of a stack trace half-way.
const taken = [];
for (const [name, port] of [
  ["PORT", PORT],
  ["SIM_PORT", SIM_PORT],
] as const) {
  if (await busy(port)) taken.push(`${name}=${port}`);
}
if (taken.length > 0) {
  console.error(
    `Port in use: ${taken.join(", ")}. Stop what listens there, or pick free ports: PORT=3300 SIM_PORT=4310 npm run demo`,
  );
  process.exit(1);
}

const sim = await startSimulator({ port: SIM_PORT, host: "127.0.0.1" });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  FAL_API_BASE_URL: `${sim.url}/v1`,
  FAL_ADMIN_KEY: demoKey,
  REPLICATE_API_BASE_URL: `${sim.url}/replicate/v1`,
  REPLICATE_API_TOKEN: SIM_KEYS.replicate,
  DATA_DIR: process.env.DATA_DIR ?? "./.data-demo",
  INGEST_TOKEN: process.env.INGEST_TOKEN ?? "demo-ingest-token-0123456789",
  DASHBOARD_AUTH: "none",
};
// The demo must never talk to a real database or a real fal account by accident.
delete env.DATABASE_URL;
delete env.FAL_ADMIN_KEY_FILE;

const seeded = spawnSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "inherit" });
if (seeded.status !== 0) {
  await sim.close();
  process.exit(seeded.status ?? 1);
}

const built = existsSync(".next/BUILD_ID");
// Loopback only: the demo runs without a password, so it must not be reachable from the network.
const args = ["next", built ? "start" : "dev", "-H", "127.0.0.1", "-p", String(PORT)];
const app = spawn("npx", args, { env, stdio: ["ignore", "inherit", "inherit"] });

console.log(`\n  fal simulator  ${sim.url}/v1  (${presetName} key ${demoKey.slice(0, 8)}…)`);
console.log(
  `  dashboard      http://localhost:${PORT}  (${built ? "production build" : "dev server; run `npm run build` first for speed"})\n`,
);

const stop = async () => {
  app.kill("SIGTERM");
  await sim.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
app.on("exit", (code) => {
  void sim.close().then(() => process.exit(code ?? 0));
});
