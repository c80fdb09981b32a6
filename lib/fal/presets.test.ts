import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GRANTS, SIM_KEYS, missingPermission } from "@/e2e/fal-simulator/keys";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";
import { bannerState, type AiView } from "@/lib/banner";
import { diagnosisCopy } from "@/lib/contracts/diagnosis";
import type { EventStore } from "@/lib/events/db";
import { getHandlers } from "@/lib/testing/routes";

/**
 * Every simulated key — each preset, two custom policies (one refused by name, one with a bare "Access
 * denied"), legacy ADMIN and API — through the real routes, the health report, the doctor and the
 * banner: all four must tell the same story. Expected grants come from the simulator's key table.
 */

const KEYS = Object.keys(DEFAULT_GRANTS).filter((k) => k !== "revoked") as Exclude<
  keyof typeof DEFAULT_GRANTS,
  "revoked"
>[];
const SPEND = "billing:usage:read";
const INVENTORY = "auth:keys:read";
/** Presets for each permission, least privilege first, written out (docs/fal-api-notes.md). */
const PRESETS: Record<string, string[]> = {
  [SPEND]: ["READONLY", "BILLING", "FULL"],
  [INVENTORY]: ["BILLING", "FULL"],
};
const LABEL: Record<string, string> = { READONLY: "Read-only", BILLING: "Billing", FULL: "Full" };

let sim: Simulator;
let store: EventStore;
let routes: Awaited<ReturnType<typeof getHandlers>>;
const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "presets-")), "fal-key");
const query = "start=2026-11-01&end=2026-11-08&timezone=UTC";

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  writeFileSync(keyFile, SIM_KEYS.admin);
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY_FILE = keyFile;
  process.env.FAL_CACHE_TTL_SECONDS = "1";
  process.env.DASHBOARD_TIMEZONE = "UTC";
  process.env.REPLICATE_API_TOKEN = "";
  // An open dashboard: the health route includes `details` for its callers.
  process.env.DASHBOARD_AUTH = "none";
  const { testEngines } = await import("@/lib/events/test-engines");
  store = await testEngines()[0]!.open();
  (await import("@/lib/events/context")).overrideEventsContext({ store });
  routes = await getHandlers();
});

afterAll(async () => {
  (await import("@/lib/events/context")).overrideEventsContext({});
  await store?.close();
  await sim?.close();
});

type Body = { error?: { code: string; required_permission?: string; presets?: string[]; hint?: string } };

async function get(route: keyof typeof routes, q = query): Promise<{ status: number; body: Body }> {
  const res = await routes[route](new NextRequest(`http://localhost${route}?${q}`), undefined as never);
  return { status: res.status, body: (await res.json()) as Body };
}

describe.each(KEYS)("the %s key", (name) => {
  const grant = DEFAULT_GRANTS[name];
  const lacks = (permission: string) => missingPermission(grant, { permission }) !== null;

  it("routes, health, doctor and banner agree on what it may read", async () => {
    writeFileSync(keyFile, SIM_KEYS[name]);
    (await import("@/lib/fal/cache")).clearFalCache();

    // Routes: spend views need billing:usage:read; the inventory reports its own permission first.
    const spendRoutes = ["/api/ai/usage", "/api/ai/balance", "/api/ai/cost-per-outcome"] as const;
    const answers = await Promise.all(spendRoutes.map((r) => get(r)));
    for (const [i, a] of answers.entries()) {
      if (!lacks(SPEND)) expect(a.status, spendRoutes[i]).toBe(200);
      else
        expect(a.body.error, spendRoutes[i]).toMatchObject({
          code: "scope_insufficient",
          required_permission: SPEND,
          presets: PRESETS[SPEND],
        });
    }
    const inventory = await get("/api/ai/keys");
    const inventoryNeeds = lacks(INVENTORY) ? INVENTORY : lacks(SPEND) ? SPEND : null;
    if (inventoryNeeds === null) expect(inventory.status).toBe(200);
    else expect(inventory.body.error?.required_permission).toBe(inventoryNeeds);
    // Analytics: any key.
    expect((await get("/api/ai/performance")).status).toBe(200);

    // Health: the same permissions, and the smallest preset that makes every view work.
    const health = (await (
      await get("/api/health/providers", "refresh=1")
    ).body) as unknown as {
      fal: string;
      details: { fal: { permissions: Record<string, string>; recommended_preset: string | null } };
    };
    const expected = {
      [SPEND]: lacks(SPEND) ? "missing" : "ok",
      [INVENTORY]: lacks(INVENTORY) ? "missing" : "ok",
    };
    expect(health.details.fal.permissions).toEqual(expected);
    expect(health.details.fal.recommended_preset).toBe(lacks(SPEND) || lacks(INVENTORY) ? "BILLING" : null);
    // A key that reads spend and balance is a sound setup even without the inventory.
    expect(health.fal).toBe(lacks(SPEND) ? "error" : "ok");

    // Doctor: the same line.
    const report = await (await import("@/lib/health/doctor")).diagnose();
    expect(report.lines).toContain(
      `  grants     ${SPEND} ${expected[SPEND]} · ${INVENTORY} ${expected[INVENTORY]}`,
    );
    expect(report.ok).toBe(!lacks(SPEND));

    // Banner: names the permission the routes named, and the least-privileged preset first.
    const views: AiView[] = ["spend", "balance", "cost_per_photo"];
    const state = bannerState(
      answers.map((a, i) => ({
        view: views[i]!,
        errorCode: a.body.error?.code,
        requiredPermission: a.body.error?.required_permission,
        presets: a.body.error?.presets,
      })),
    );
    if (!lacks(SPEND)) expect(state).toBeNull();
    else {
      expect(state).toMatchObject({ code: "scope_insufficient", permission: SPEND, affected: views });
      const copy = diagnosisCopy(state!.code, { permission: state!.permission, presets: state!.presets });
      expect(copy.title).toBe(`The fal key lacks ${SPEND}`);
      expect(copy.hint).toContain(`The ${LABEL[PRESETS[SPEND]![0]!]} preset covers spend and balance`);
      expect(copy.hint).toContain("legacy ADMIN key works as well");
    }
  });
});

describe("a refusal naming a permission the dashboard does not know", () => {
  it("is shown verbatim, with no preset claimed for it", async () => {
    writeFileSync(keyFile, SIM_KEYS.admin);
    (await import("@/lib/fal/cache")).clearFalCache();
    await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: "usage", status: 403, message: "Missing permission usage:rows:read" }),
    });
    const { body } = await get("/api/ai/usage");
    await fetch(`${sim.url}/_sim/reset`, { method: "POST" });
    expect(body.error).toMatchObject({
      code: "scope_insufficient",
      required_permission: "usage:rows:read",
      presets: [],
    });
    const copy = diagnosisCopy("scope_insufficient", { permission: "usage:rows:read", presets: [] });
    expect(copy.title).toBe("The fal key lacks usage:rows:read");
    expect(copy.hint).toContain("No fal preset is known to include usage:rows:read");
  });
});
