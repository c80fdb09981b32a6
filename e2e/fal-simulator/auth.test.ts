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

describe("403: API-scope key on ADMIN endpoints", () => {
  it.each(ADMIN_ROUTES)("%s", async (path) => {
    const res = await sim.get<ErrorEnvelope>(path, { auth: { key: SIM_KEYS.api } });
    expect(res.status).toBe(403);
    expect(res.body.error.type).toBe("authorization_error");
    expect(res.body.error.message).toBe(MSG_ADMIN_REQUIRED);
    expect(res.body.error.message).toContain("Admin API key");
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
