import { describe, expect, it } from "vitest";
import { MSG_ADMIN_REQUIRED, MSG_INVALID_KEY } from "./errors";
import { SIM_KEYS } from "./keys";
import { startTestSimulator, simulatorForSuite, type Credential, type ErrorEnvelope } from "./testing";

/**
 * Authorization rules (docs/fal-api-notes.md, "Authentication" and "Keys and permissions") on every
 * simulated endpoint.
 */

const sim = simulatorForSuite();

const WINDOW = "start=2026-11-01&end=2026-11-03";
const ROUTES = {
  usage: `/v1/models/usage?${WINDOW}`,
  billing: "/v1/account/billing",
  keys: "/v1/keys",
  analytics: `/v1/models/analytics?endpoint_id=fal-ai/flux/dev&${WINDOW}`,
  pricing: "/v1/models/pricing?endpoint_id=fal-ai/flux/dev",
  models: "/v1/models?limit=2",
};
const ADMIN_ROUTES = [ROUTES.usage, ROUTES.billing, ROUTES.keys];
const API_ROUTES = [ROUTES.analytics, ROUTES.pricing];

const BAD_CREDENTIALS: [string, Credential][] = [
  ["no Authorization header", { key: null }],
  ["Bearer scheme", { authorization: `Bearer ${SIM_KEYS.admin}` }],
  ["lower-case scheme", { authorization: `key ${SIM_KEYS.admin}` }],
  ["bare key without the Key prefix", { authorization: SIM_KEYS.admin }],
  ["unknown key", { key: "nobody-0000:sk_sim_unknown" }],
  ["revoked key", { key: SIM_KEYS.revoked }],
];

describe("401: missing, malformed, unknown or revoked credentials", () => {
  for (const [label, auth] of BAD_CREDENTIALS) {
    it.each([...ADMIN_ROUTES, ...API_ROUTES])(`${label} → 401 on %s`, async (path) => {
      const res = await sim.get<ErrorEnvelope>(path, { auth });
      expect(res.status).toBe(401);
      expect(res.body.error.type).toBe("authorization_error");
      expect(res.body.error.message).toBe(MSG_INVALID_KEY);
      expect(res.body.error.request_id).toMatch(/^[0-9a-f-]{36}$/);
    });
  }
});

describe("403: a legacy API-scope key meets fal's old Admin wording", () => {
  it.each(ADMIN_ROUTES)("%s", async (path) => {
    const res = await sim.get<ErrorEnvelope>(path, { auth: { key: SIM_KEYS.api } });
    expect(res.status).toBe(403);
    expect(res.body.error.type).toBe("authorization_error");
    expect(res.body.error.message).toBe(MSG_ADMIN_REQUIRED);
    expect(res.body.error.message).toContain("Admin API key");
  });
});

/**
 * Each preset and policy × each endpoint the dashboard calls, written out (docs/fal-api-notes.md, "Keys
 * and permissions"): 200, or 403 naming the missing permission, or the legacy / bare wording.
 */
const SPEND = "billing:usage:read";
const LIST = "auth:keys:read";
type Cell = 200 | { named: string } | "legacy" | "bare";
const ALL_OK = { usage: 200, billing: 200, keys: 200 } as const;
const NO_ACCOUNT_READS = { usage: { named: SPEND }, billing: { named: SPEND }, keys: { named: LIST } };
const MATRIX: Record<string, { usage: Cell; billing: Cell; keys: Cell }> = {
  admin: ALL_OK,
  api: { usage: "legacy", billing: "legacy", keys: "legacy" },
  apiPreset: NO_ACCOUNT_READS,
  readonly: { usage: 200, billing: 200, keys: { named: LIST } },
  billing: ALL_OK,
  full: ALL_OK,
  compute: NO_ACCOUNT_READS,
  serverless: NO_ACCOUNT_READS,
  deploy: NO_ACCOUNT_READS,
  customNamed: { usage: { named: SPEND }, billing: { named: SPEND }, keys: 200 },
  customBare: { usage: "bare", billing: "bare", keys: 200 },
};

describe.each(Object.entries(MATRIX))("the %s key", (name, cells) => {
  const key = SIM_KEYS[name as keyof typeof SIM_KEYS];
  it.each(Object.entries(cells))("%s", async (endpoint, cell) => {
    const res = await sim.get<ErrorEnvelope>(ROUTES[endpoint as keyof typeof ROUTES], { auth: { key } });
    if (cell === 200) return expect(res.status).toBe(200);
    expect(res.status).toBe(403);
    expect(res.body.error.type).toBe("authorization_error");
    if (cell === "legacy") expect(res.body.error.message).toBe(MSG_ADMIN_REQUIRED);
    else if (cell === "bare") expect(res.body.error.message).toBe("Access denied");
    else expect(res.body.error.message).toContain(`'${cell.named}'`);
  });
  it.each(["analytics", "pricing", "models"] as const)("%s: any key", async (endpoint) => {
    expect((await sim.get(ROUTES[endpoint], { auth: { key } })).status).toBe(200);
  });
});

describe("GET /keys lists only API-preset and legacy API keys", () => {
  it("the dashboard's own keys are never among them", async () => {
    const res = await sim.get<{ keys: { key_id: string }[] }>(`${ROUTES.keys}?limit=100`);
    const ids = res.body.keys.map((k) => k.key_id);
    const idOf = (k: string) => k.split(":")[0]!;
    expect(ids).toContain(idOf(SIM_KEYS.api));
    expect(ids).toContain(idOf(SIM_KEYS.apiPreset));
    for (const own of ["admin", "readonly", "billing", "full", "customNamed", "customBare"] as const)
      expect(ids).not.toContain(idOf(SIM_KEYS[own]));
  });
});

describe("POST /_sim/keys takes presets and policies", () => {
  it("a runtime policy key is refused by name, or bare when asked", async () => {
    const other = await startTestSimulator({
      keys: {
        "pol-0001:sk_pol_a": { permissions: [LIST] },
        "pol-0002:sk_pol_b": { permissions: [], denial: "bare" },
        "pre-0003:sk_pre_c": { preset: "READONLY" },
      },
    });
    try {
      const a = await other.get<ErrorEnvelope>(ROUTES.usage, { auth: { key: "pol-0001:sk_pol_a" } });
      expect(a.body.error.message).toContain(`'${SPEND}'`);
      expect((await other.get(ROUTES.keys, { auth: { key: "pol-0001:sk_pol_a" } })).status).toBe(200);
      const b = await other.get<ErrorEnvelope>(ROUTES.keys, { auth: { key: "pol-0002:sk_pol_b" } });
      expect(b.body.error.message).toBe("Access denied");
      expect((await other.get(ROUTES.usage, { auth: { key: "pre-0003:sk_pre_c" } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe("scopes that are enough", () => {
  it.each([...API_ROUTES, ROUTES.models])("API key works on %s", async (path) => {
    expect((await sim.get(path, { auth: { key: SIM_KEYS.api } })).status).toBe(200);
  });
  it.each(Object.values(ROUTES))("ADMIN key works on %s", async (path) => {
    expect((await sim.get(path)).status).toBe(200);
  });
  it("GET /models needs no key at all", async () => {
    expect((await sim.get(ROUTES.models, { auth: { key: null } })).status).toBe(200);
  });
  it("GET /models with a bad key is still a 401 (a key is checked whenever one is sent)", async () => {
    const res = await sim.get<ErrorEnvelope>(ROUTES.models, { auth: { key: SIM_KEYS.revoked } });
    expect(res.status).toBe(401);
  });
  it("every error carries a fresh request_id", async () => {
    const a = await sim.get<ErrorEnvelope>(ROUTES.usage, { auth: { key: null } });
    const b = await sim.get<ErrorEnvelope>(ROUTES.usage, { auth: { key: null } });
    expect(a.body.error.request_id).not.toBe(b.body.error.request_id);
  });
});

describe("startup key overrides", () => {
  it("opts.keys adds keys and can revoke defaults", async () => {
    const other = await startTestSimulator({
      keys: { "extra-0009:sk_extra": "ADMIN", [SIM_KEYS.admin]: "revoked" },
    });
    try {
      expect((await other.get(ROUTES.billing, { auth: { key: "extra-0009:sk_extra" } })).status).toBe(200);
      expect((await other.get(ROUTES.billing)).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe("unknown routes", () => {
  it("unknown path → 404 not_found envelope", async () => {
    const res = await sim.get<ErrorEnvelope>("/v1/does-not-exist");
    expect(res.status).toBe(404);
    expect(res.body.error.type).toBe("not_found");
  });
  it("a path outside /v1 → 404 not_found envelope", async () => {
    const res = await sim.get<ErrorEnvelope>("/");
    expect(res.status).toBe(404);
    expect(res.body.error.type).toBe("not_found");
  });
});

describe("Replicate GET /replicate/v1/account", () => {
  it.each([`Bearer ${SIM_KEYS.replicate}`, `Token ${SIM_KEYS.replicate}`])(
    "accepts %s",
    async (authorization) => {
      const res = await sim.get("/replicate/v1/account", { auth: { authorization } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        type: "organization",
        username: "sim-team",
        name: "Sim Team",
        github_url: null,
      });
    },
  );
  it.each([
    ["no header", { key: null }],
    ["wrong token", { authorization: "Bearer r8_wrong" }],
    ["fal scheme", { authorization: `Key ${SIM_KEYS.replicate}` }],
  ] as [string, Credential][])("401 for %s", async (_label, auth) => {
    const res = await sim.get("/replicate/v1/account", { auth });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      title: "Unauthenticated",
      detail: "You did not pass a valid authentication token",
      status: 401,
    });
  });
});
