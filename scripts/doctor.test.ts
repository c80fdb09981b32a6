import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";

/** The doctor as a user runs it: a separate process, its printed output and its exit code. */
const run = promisify(execFile);
let sim: Simulator;

const BLANK = {
  FAL_ADMIN_KEY: "",
  FAL_ADMIN_KEY_FILE: "",
  FAL_KEY: "",
  FAL_KEY_ID: "",
  FAL_KEY_SECRET: "",
  REPLICATE_API_TOKEN: "",
  DATABASE_URL: "",
};

async function doctor(env: Record<string, string>, args: string[] = []) {
  const result = await run("npx", ["tsx", "--conditions=react-server", "scripts/doctor.ts", ...args], {
    env: {
      ...process.env,
      ...BLANK,
      FAL_API_BASE_URL: `${sim.url}/v1`,
      REPLICATE_API_BASE_URL: `${sim.url}/replicate/v1`,
      ...env,
    },
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );
  for (const secret of Object.values(SIM_KEYS)) expect(result.out).not.toContain(secret);
  return result;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

describe("npm run doctor", () => {
  it("a good legacy ADMIN key: every permission granted, exit 0", async () => {
    const { code, out } = await doctor({
      FAL_ADMIN_KEY: SIM_KEYS.admin,
      REPLICATE_API_TOKEN: SIM_KEYS.replicate,
    });
    expect(out).toContain("simadmin…4c6f from FAL_ADMIN_KEY");
    expect(out).toContain("access     full — every view works");
    expect(out).toContain("grants     billing:usage:read ok · auth:keys:read ok");
    expect(out).toContain("usage ok · billing ok · keys ok");
    expect(out).not.toContain("preset     ");
    expect(out).toContain("✓ every configured provider is ok");
    expect(code).toBe(0);
  });

  it("a Read-only key: spend works, the key inventory is a note, Billing recommended, exit 0", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.readonly });
    expect(out).toContain("access     partial");
    expect(out).toContain("grants     billing:usage:read ok · auth:keys:read missing");
    expect(out).toContain("preset     Billing: the smallest preset with which every view works");
    expect(out).toContain("✓ every configured provider is ok\nnotes:\n");
    expect(out).toContain(
      "auth:keys:read is missing, so the key inventory cannot be shown: the Billing preset",
    );
    expect(code).toBe(0);
  });

  it("an API-preset key: billing:usage:read missing, Read-only named first, exit 1", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.apiPreset });
    expect(out).toContain("access     none");
    expect(out).toContain("usage scope_insufficient");
    expect(out).toContain(
      "billing:usage:read is missing, so spend and balance cannot be shown: the Read-only preset includes it (Billing and Full too); a legacy ADMIN key works as well",
    );
    expect(out).not.toMatch(/ADMIN scope|ADMIN-scope/);
    expect(code).toBe(1);
  });

  it("a legacy API-scope key: fal's refusal speaks of Admin, so it says legacy API, exit 1", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.api });
    expect(out).toContain("access     legacy API scope");
    expect(out).toContain("billing:usage:read is missing");
    expect(code).toBe(1);
  });

  it("the same spend-less key in FAL_KEY and FAL_ADMIN_KEY is called out", async () => {
    const { out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.api, FAL_KEY: SIM_KEYS.api });
    expect(out).toContain("FAL_KEY and FAL_ADMIN_KEY hold the same key, and it cannot read spend");
  });

  it("a malformed key: the format problem and the fix, exit 1", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: `"${SIM_KEYS.admin}"` });
    expect(out).toContain("format     problem: the value is wrapped in quotes");
    expect(out).toContain("key_id:key_secret — both halves");
    expect(code).toBe(1);
  });

  it("a revoked key and no key at all", async () => {
    const revoked = await doctor({ FAL_KEY: SIM_KEYS.revoked });
    expect(revoked.out).toContain("access     rejected");
    expect(revoked.out).toContain("invalid or revoked");
    expect(revoked.code).toBe(1);
    const none = await doctor({});
    expect(none.out).toContain("key        not set");
    expect(none.code).toBe(1);
  });

  it.each(["NEXT_PUBLIC_FAL_KEY", "VITE_REPLICATE_API_TOKEN"])(
    "a key in %s fails the check by itself, named but never shown",
    async (name) => {
      const value = name.includes("REPLICATE") ? SIM_KEYS.replicate : SIM_KEYS.api;
      const { code, out } = await doctor({
        FAL_ADMIN_KEY: SIM_KEYS.admin,
        REPLICATE_API_TOKEN: SIM_KEYS.replicate,
        [name]: value,
      });
      expect(out).toContain(`${name} would be shipped to every browser`);
      expect(out).toContain("✗ problems found:");
      expect(code).toBe(1);
    },
  );

  it("a bad Replicate token", async () => {
    const { code, out } = await doctor({
      FAL_ADMIN_KEY: SIM_KEYS.admin,
      REPLICATE_API_TOKEN: "r8_NotTheRightTokenAtAll0123456789",
    });
    expect(out).toContain("token_rejected");
    expect(code).toBe(1);
  });

  it("--json for machines", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.readonly }, ["--json"]);
    const report = JSON.parse(out) as {
      ok: boolean;
      notes: string[];
      health: {
        fal: string;
        details: {
          fal: { verdict: string; permissions: Record<string, string>; recommended_preset: string };
        };
      };
    };
    expect(report.ok).toBe(true);
    expect(report.health.details.fal).toMatchObject({
      verdict: "partial",
      permissions: { "billing:usage:read": "ok", "auth:keys:read": "missing" },
      recommended_preset: "BILLING",
    });
    expect(report.notes).toHaveLength(1);
    expect(code).toBe(0);
  });
});
