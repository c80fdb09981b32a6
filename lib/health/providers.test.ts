import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";

/**
 * GET /api/health/providers answers monitors without a session, so what a stranger can make the server
 * do upstream (fal's probe, Replicate's account check, both with our credentials) must stay bounded.
 */
let sim: Simulator;
const DATA_DIR = mkdtempSync(path.join(tmpdir(), "health-test-"));

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function healthRoute(vars: Record<string, string | undefined>) {
  const all: Record<string, string | undefined> = {
    NODE_ENV: "production",
    FAL_API_BASE_URL: `${sim.url}/v1`,
    FAL_ADMIN_KEY: SIM_KEYS.admin,
    REPLICATE_API_BASE_URL: `${sim.url}/replicate/v1`,
    REPLICATE_API_TOKEN: SIM_KEYS.replicate,
    DASHBOARD_PASSWORD: undefined,
    SESSION_SECRET: undefined,
    DASHBOARD_AUTH: undefined,
    DATABASE_URL: undefined,
    DATA_DIR,
    ...vars,
  };
  for (const [k, v] of Object.entries(all)) vi.stubEnv(k, v);
  vi.resetModules();
  // The probe and check caches are process-wide (they outlive a module reset), as in the server.
  (await import("@/lib/health/providers")).forgetProviderChecks();
  await fetch(`${sim.url}/_sim/reset`, { method: "POST" });
  const { GET } = await import("@/app/api/health/providers/route");
  return (query = "") => GET(new NextRequest(`http://dashboard.test/api/health/providers${query}`), {});
}

async function upstreamCalls(): Promise<{ replicate: number; fal: number }> {
  const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as {
    by_endpoint: Record<string, number>;
  };
  const { replicate = 0, ...fal } = stats.by_endpoint;
  return { replicate, fal: Object.values(fal).reduce((a, b) => a + b, 0) };
}

describe("strangers", () => {
  it("repeated checks by someone without a session reach Replicate and fal once, not once each", async () => {
    const get = await healthRoute({
      DASHBOARD_PASSWORD: "correct horse battery",
      SESSION_SECRET: "s".repeat(40),
    });
    for (let i = 0; i < 5; i++) {
      const res = await get();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ fal: "ok", replicate: "ok" });
    }
    const calls = await upstreamCalls();
    expect(calls.replicate).toBe(1);
    expect(calls.fal).toBe(5); // one probe: one call per endpoint of the matrix
  });

  it("a stranger's ?refresh=1 does not re-probe", async () => {
    const get = await healthRoute({
      DASHBOARD_PASSWORD: "correct horse battery",
      SESSION_SECRET: "s".repeat(40),
    });
    for (let i = 0; i < 5; i++) await get("?refresh=1");
    expect((await upstreamCalls()).replicate).toBe(1);
  });
});

describe("re-probes", () => {
  it("are honoured, but only so often, even for a trusted caller", async () => {
    const get = await healthRoute({ DASHBOARD_AUTH: "none" });
    for (let i = 0; i < 100; i++) expect((await get("?refresh=1")).status).toBe(200);
    const { replicate } = await upstreamCalls();
    expect(replicate).toBeGreaterThan(1);
    expect(replicate).toBeLessThanOrEqual(31);
  });
});
