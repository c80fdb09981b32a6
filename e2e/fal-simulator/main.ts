import { parseArgs } from "node:util";
import { SIM_KEYS } from "./keys";
import { startSimulator } from "./server";

/** `npm run simulator [-- --port 4010 --host 127.0.0.1 --seed 42 --latency 0]` */

function intFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    console.error(`--${name} expects a non-negative integer, got '${value}'`);
    process.exit(2);
  }
  return Number(value);
}

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string" },
    latency: { type: "string" },
  },
  strict: true,
});

const sim = await startSimulator({
  port: intFlag("port", values.port ?? process.env.SIM_PORT, 4010),
  host: values.host,
  seed: intFlag("seed", values.seed, 42),
  latencyMs: intFlag("latency", values.latency, 0),
});

console.log(`fal simulator listening on ${sim.url}`);
console.log(`  fal base URL:        ${sim.url}/v1`);
console.log(`  Replicate base URL:  ${sim.url}/replicate/v1`);
console.log(`  control API:         ${sim.url}/_sim/{health,stats,reset,faults,mode,keys}`);
console.log("  demo keys (dummy values, they open nothing but this simulator):");
for (const [name, key] of Object.entries(SIM_KEYS)) console.log(`    ${name.padEnd(11)} ${key}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping fal simulator`);
  await sim.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
