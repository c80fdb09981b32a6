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
  it("a good ADMIN key: every endpoint ok, exit 0", async () => {
    const { code, out } = await doctor({
      FAL_ADMIN_KEY: SIM_KEYS.admin,
      REPLICATE_API_TOKEN: SIM_KEYS.replicate,
    });
    expect(out).toContain("simadmin…4c6f from FAL_ADMIN_KEY");
    expect(out).toContain("scope      admin");
    expect(out).toContain("usage ok · billing ok · keys ok");
    expect(out).toContain("✓ every configured provider is ok");
    expect(code).toBe(0);
  });

  it("an API-scope key: scope api, advice to create an ADMIN key, exit 1", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.api });
    expect(out).toContain("scope      api");
    expect(out).toContain("usage scope_insufficient");
    expect(out).toContain("spend, balance and keys need ADMIN. Create an ADMIN key");
    expect(code).toBe(1);
  });

  it("the same API-scope key in FAL_KEY and FAL_ADMIN_KEY is called out", async () => {
    const { out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.api, FAL_KEY: SIM_KEYS.api });
    expect(out).toContain("FAL_KEY and FAL_ADMIN_KEY hold the same API-scope key");
  });

  it("a malformed key: the format problem and the fix, exit 1", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: `"${SIM_KEYS.admin}"` });
    expect(out).toContain("format     problem: the value is wrapped in quotes");
    expect(out).toContain("key_id:key_secret — both halves");
    expect(code).toBe(1);
  });

  it("a revoked key and no key at all", async () => {
    const revoked = await doctor({ FAL_KEY: SIM_KEYS.revoked });
    expect(revoked.out).toContain("scope      rejected");
    expect(revoked.out).toContain("invalid or revoked");
    expect(revoked.code).toBe(1);
    const none = await doctor({});
    expect(none.out).toContain("key        not set");
    expect(none.code).toBe(1);
  });

  it("warns about keys in browser-visible variables and a bad Replicate token", async () => {
    const { code, out } = await doctor({
      FAL_ADMIN_KEY: SIM_KEYS.admin,
      NEXT_PUBLIC_FAL_KEY: SIM_KEYS.api,
      REPLICATE_API_TOKEN: "r8_NotTheRightTokenAtAll0123456789",
    });
    expect(out).toContain("NEXT_PUBLIC_FAL_KEY would be shipped to every browser");
    expect(out).toContain("token_rejected");
    expect(code).toBe(1);
  });

  it("--json for machines", async () => {
    const { code, out } = await doctor({ FAL_ADMIN_KEY: SIM_KEYS.admin }, ["--json"]);
    const report = JSON.parse(out) as {
      ok: boolean;
      health: { fal: string; details: { fal: { scope: string } } };
    };
    expect(report.ok).toBe(true);
    expect(report.health.details.fal.scope).toBe("admin");
    expect(code).toBe(0);
  });
});
