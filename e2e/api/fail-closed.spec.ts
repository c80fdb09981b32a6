import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * The production build started by hand with NODE_ENV=development and no access settings: it must not
 * mistake itself for `next dev`. Openness comes from DASHBOARD_AUTH=none only, eval from `next dev` only.
 */
let server: ChildProcess;
let base: string;
const dataDir = mkdtempSync(path.join(tmpdir(), "fail-closed-"));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: dataDir,
    },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("next start did not come up");
});

test.afterAll(() => {
  // npx → next: the whole process group.
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

test("NODE_ENV=development on next start: no data without a password, no eval in the CSP", async ({
  request,
}) => {
  const api = await request.get(`${base}/api/ai/usage`);
  expect(api.status()).toBe(503);
  expect((await api.json()).error.code).toBe("auth_not_configured");
  const page = await request.get(`${base}/`, { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(new URL(page.headers().location!, base).pathname).toBe("/setup");
  const setup = await request.get(`${base}/setup`);
  expect(setup.headers()["content-security-policy"]).not.toContain("unsafe-eval");
});
