import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

/** Starts `next start` on the build with `env`, waits for it to exit (or gives up) and returns what it said. */
async function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bad-env-"));
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", "0"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: dataDir,
      DASHBOARD_AUTH: "none",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  rmSync(dataDir, { recursive: true, force: true });
  return { code, output };
}

// A server that cannot be configured stops, rather than answering every request with a bare 500.
for (const [name, value] of [
  ["INGEST_TOKEN", "short-Zq8"],
  ["DASHBOARD_TIMEZONE", "Mars/Zq8-Olympus"],
  ["DASHBOARD_PASSWORD", "Zq8"],
] as const) {
  test(`an invalid ${name} stops \`next start\` with exit 1, naming the variable but not its value`, async () => {
    test.setTimeout(90_000);
    const { code, output } = await start({ [name]: value, SESSION_SECRET: "s".repeat(32) });
    expect(code, output).toBe(1);
    expect(output).toContain(`[env] not starting: Invalid environment configuration`);
    expect(output).toMatch(new RegExp(`^\\s+${name}: `, "m"));
    expect(output).not.toContain("Zq8");
  });
}
