import { afterEach, describe, expect, it } from "vitest";
import { SIM_KEYS } from "./keys";
import type { Fault, RequestRecord } from "./state";
import { ContractViolation, assertContract, simulatorForSuite, type ErrorEnvelope } from "./testing";

/** The /_sim control API: injected faults, modes, runtime keys and request statistics. */

const sim = simulatorForSuite();
afterEach(async () => {
  await sim.control("POST", "/_sim/reset");
});

const USAGE = "/v1/models/usage?start=2026-11-01&end=2026-11-03";
const ANALYTICS = "/v1/models/analytics?endpoint_id=fal-ai/flux/dev&start=2026-11-01&end=2026-11-03";
const PRICING = "/v1/models/pricing?endpoint_id=fal-ai/flux/dev";
const PATHS = {
  usage: USAGE,
  analytics: ANALYTICS,
  pricing: PRICING,
  models: "/v1/models?limit=3",
  billing: "/v1/account/billing",
  keys: "/v1/keys",
} as const;

async function fault(f: Fault) {
  const res = await sim.control<{ faults: Fault[] }>("POST", "/_sim/faults", f);
  expect(res.status).toBe(200);
  return res.body.faults;
}

type Stats = { total: number; bytes: number; by_endpoint: Record<string, number>; requests: RequestRecord[] };

describe("injected statuses (validated against the operation's schema or the shared envelope)", () => {
  it("429 with retry-after on usage", async () => {
    await fault({ endpoint: "usage", status: 429, headers: { "retry-after": "1" } });
    const res = await sim.get<ErrorEnvelope>(USAGE);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.body.error).toMatchObject({ type: "rate_limited", message: "Rate limit exceeded" });
    expect(res.body.error.request_id).toBeTruthy();
  });

  it("429 with x-ratelimit-reset on analytics", async () => {
    await fault({ endpoint: "analytics", status: 429, headers: { "x-ratelimit-reset": "1" } });
    const res = await sim.get<ErrorEnvelope>(ANALYTICS);
    expect(res.status).toBe(429);
    expect(res.headers.get("x-ratelimit-reset")).toBe("1");
  });

  it.each([
    ["usage", 500],
    ["usage", 502],
    ["analytics", 503],
    ["pricing", 500],
    ["billing", 502],
    ["keys", 503],
    ["models", 502],
  ] as const)("%s → %i server_error", async (endpoint, status) => {
    await fault({ endpoint, status });
    const res = await sim.get<ErrorEnvelope>(PATHS[endpoint]);
    expect(res.status).toBe(status);
    expect(res.body.error.type).toBe("server_error");
  });

  it("any injected 5xx is a server_error unless a type is given", async () => {
    await fault({ endpoint: "pricing", status: 501 });
    expect((await sim.get<ErrorEnvelope>(PRICING)).body.error.type).toBe("server_error");
  });

  it("type and message can be overridden", async () => {
    await fault({ endpoint: "pricing", status: 501, type: "not_implemented", message: "Pricing is resting" });
    const res = await sim.get<ErrorEnvelope>(PRICING);
    expect(res.body.error).toMatchObject({ type: "not_implemented", message: "Pricing is resting" });
  });

  it("faults apply before auth: an injected 401/403 whatever the key, even with none", async () => {
    await fault({ endpoint: "billing", status: 401 });
    await fault({ endpoint: "usage", status: 403 });
    const billing = await sim.get<ErrorEnvelope>(PATHS.billing);
    expect(billing.status).toBe(401);
    expect(billing.body.error.type).toBe("authorization_error");
    const usage = await sim.get<ErrorEnvelope>(USAGE, { auth: { key: null } });
    expect(usage.status).toBe(403);
    expect(usage.body.error.type).toBe("authorization_error");
  });

  it("Replicate faults answer in Replicate's shape", async () => {
    await fault({ endpoint: "replicate", status: 503 });
    const res = await sim.get("/replicate/v1/account", {
      auth: { authorization: `Bearer ${SIM_KEYS.replicate}` },
    });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 503 });
  });
});

describe("fault lifetime and scope", () => {
  it("`times` applies to the next N matching requests, then the fault removes itself", async () => {
    await fault({ endpoint: "pricing", status: 503, times: 2 });
    expect((await sim.get(PRICING)).status).toBe(503);
    expect((await sim.get(PATHS.usage)).status).toBe(200); // other endpoints do not consume it
    expect((await sim.control<{ faults: Fault[] }>("GET", "/_sim/faults")).body.faults).toEqual([
      { endpoint: "pricing", status: 503, times: 1 },
    ]);
    expect((await sim.get(PRICING)).status).toBe(503);
    expect((await sim.get(PRICING)).status).toBe(200);
    expect((await sim.control<{ faults: Fault[] }>("GET", "/_sim/faults")).body.faults).toEqual([]);
  });

  it("several faults for different endpoints; an endpoint's own fault wins over '*'", async () => {
    await fault({ endpoint: "*", status: 502 });
    const faults = await fault({ endpoint: "keys", status: 429 });
    expect(faults).toHaveLength(2);
    expect((await sim.get(PATHS.keys)).status).toBe(429);
    expect((await sim.get(PATHS.billing)).status).toBe(502);
    expect((await sim.get(PATHS.models)).status).toBe(502);
    await sim.control("DELETE", "/_sim/faults");
    expect((await sim.get(PATHS.keys)).status).toBe(200);
  });

  it("a new fault for the same endpoint replaces the old one", async () => {
    await fault({ endpoint: "usage", status: 500 });
    const faults = await fault({ endpoint: "usage", status: 503 });
    expect(faults).toEqual([{ endpoint: "usage", status: 503 }]);
  });

  it("latency_ms delays a normal answer", async () => {
    await fault({ endpoint: "billing", latency_ms: 150 });
    const t0 = performance.now();
    const res = await sim.get(PATHS.billing);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("latency combines with a status", async () => {
    await fault({ endpoint: "billing", latency_ms: 100, status: 503 });
    const t0 = performance.now();
    expect((await sim.get(PATHS.billing)).status).toBe(503);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
  });
});

describe("broken answers (they must fail parsing or validation — that is their point)", () => {
  it.each(Object.keys(PATHS) as (keyof typeof PATHS)[])(
    "malformed %s: 200 with JSON that does not parse",
    async (endpoint) => {
      await fault({ endpoint, malformed: true });
      const res = await sim.raw(PATHS[endpoint]);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
    },
  );

  it.each(Object.keys(PATHS) as (keyof typeof PATHS)[])(
    "drift %s: 200 whose body misses a required field",
    async (endpoint) => {
      await fault({ endpoint, drift: true });
      const res = await sim.raw(PATHS[endpoint]);
      expect(res.status).toBe(200);
      const body = (await res.json()) as unknown;
      expect(() => assertContract(PATHS[endpoint], 200, body)).toThrow(ContractViolation);
    },
  );

  it("drift specifics: usage without has_more, pricing without unit_price, billing without username", async () => {
    await fault({ endpoint: "usage", drift: true });
    await fault({ endpoint: "pricing", drift: true });
    await fault({ endpoint: "billing", drift: true });
    expect(await (await sim.raw(USAGE)).json()).not.toHaveProperty("has_more");
    expect(await (await sim.raw(PRICING)).json()).toMatchObject({
      prices: [{ endpoint_id: "fal-ai/flux/dev", unit: "image" }],
    });
    expect(JSON.stringify(await (await sim.raw(PRICING)).json())).not.toContain("unit_price");
    expect(await (await sim.raw(PATHS.billing)).json()).not.toHaveProperty("username");
  });

  it("malformed and drift apply before auth too (any key, or none)", async () => {
    await fault({ endpoint: "usage", drift: true });
    await fault({ endpoint: "billing", malformed: true });
    const drifted = await sim.raw(USAGE, { headers: { authorization: `Key ${SIM_KEYS.api}` } });
    expect(drifted.status).toBe(200);
    const driftedBody = (await drifted.json()) as unknown;
    expect(() => assertContract(USAGE, 200, driftedBody)).toThrow(ContractViolation);
    const broken = await fetch(sim.url + PATHS.billing);
    expect(broken.status).toBe(200);
    const text = await broken.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it("reset destroys the connection without an answer", async () => {
    await fault({ endpoint: "usage", reset: true, times: 1 });
    await expect(sim.raw(USAGE)).rejects.toThrow();
    expect((await sim.get(USAGE)).status).toBe(200);
  });
});

describe("modes, keys and reset", () => {
  it("global latency applies to every fal call", async () => {
    const mode = await sim.control("POST", "/_sim/mode", { latency_ms: 120 });
    expect(mode.body).toEqual({ usageShape: "current", latency_ms: 120 });
    const t0 = performance.now();
    await sim.get(PATHS.keys);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it("POST /_sim/keys adds keys at runtime; reset restores the defaults", async () => {
    const extra = "runtime-0042:sk_runtime";
    expect((await sim.get(PATHS.billing, { auth: { key: extra } })).status).toBe(401);
    await sim.control("POST", "/_sim/keys", { [extra]: "ADMIN", [SIM_KEYS.admin]: "revoked" });
    expect((await sim.get(PATHS.billing, { auth: { key: extra } })).status).toBe(200);
    expect((await sim.get(PATHS.billing)).status).toBe(401);
    await sim.control("POST", "/_sim/keys", { [extra]: "API" });
    expect((await sim.get(PATHS.billing, { auth: { key: extra } })).status).toBe(403);
    await sim.control("POST", "/_sim/reset");
    expect((await sim.get(PATHS.billing, { auth: { key: extra } })).status).toBe(401);
    expect((await sim.get(PATHS.billing)).status).toBe(200);
  });

  it("reset clears faults, counters and mode", async () => {
    await fault({ endpoint: "*", status: 500 });
    await sim.control("POST", "/_sim/mode", { usageShape: "mixed", latency_ms: 5 });
    await sim.get(PATHS.keys);
    await sim.control("POST", "/_sim/reset");
    expect((await sim.control("GET", "/_sim/faults")).body).toEqual({ faults: [] });
    expect((await sim.control("GET", "/_sim/mode")).body).toEqual({ usageShape: "current", latency_ms: 0 });
    expect((await sim.control<Stats>("GET", "/_sim/stats")).body.total).toBe(0);
  });

  it.each([
    ["/_sim/faults", { endpoint: "everything", status: 500 }],
    ["/_sim/faults", { endpoint: "usage" }],
    ["/_sim/faults", { endpoint: "usage", status: 200 }],
    ["/_sim/mode", { usageShape: "ancient" }],
    ["/_sim/keys", { "some-key": "ROOT" }],
  ])("rejects a bad body for %s", async (path, body) => {
    expect((await sim.control("POST", path, body)).status).toBe(400);
  });

  it("health, and unknown control routes", async () => {
    expect(await sim.control("GET", "/_sim/health")).toEqual({ status: 200, body: { ok: true } });
    expect((await sim.control("GET", "/_sim/nope")).status).toBe(404);
  });
});

describe("stats", () => {
  it("counts requests per endpoint and records them without the credential", async () => {
    await sim.get(USAGE);
    await sim.get(USAGE, { auth: { key: SIM_KEYS.api } }); // 403, still counted
    await sim.get(ANALYTICS);
    await sim.get(PRICING);
    await sim.get(PATHS.models, { auth: { key: null } });
    await sim.get(PATHS.billing);
    await sim.get(PATHS.keys);
    await sim.get("/replicate/v1/account", { auth: { authorization: `Bearer ${SIM_KEYS.replicate}` } });
    await sim.get("/v1/unknown");
    const { body } = await sim.control<Stats>("GET", "/_sim/stats");
    expect(body.total).toBe(9);
    expect(body.by_endpoint).toEqual({
      usage: 2,
      analytics: 1,
      pricing: 1,
      models: 1,
      billing: 1,
      keys: 1,
      replicate: 1,
      requests: 0,
      billing_events: 0,
      insights: 0,
    });
    expect(body.requests[0]).toMatchObject({
      method: "GET",
      path: "/v1/models/usage",
      query: "start=2026-11-01&end=2026-11-03",
      endpoint: "usage",
      status: 200,
      auth: { present: true, key_prefix: SIM_KEYS.admin.slice(0, 8) },
    });
    expect(body.requests[1]?.status).toBe(403);
    expect(body.requests[4]?.auth).toEqual({ present: false, key_prefix: null });
    expect(body.requests.at(-1)).toMatchObject({ endpoint: "unknown", status: 404 });
    const text = JSON.stringify(body);
    for (const secret of Object.values(SIM_KEYS)) expect(text).not.toContain(secret);
  });

  it("counts the body bytes it sent, per request and in total", async () => {
    const usage = new TextEncoder().encode(await (await sim.raw(USAGE)).text()).byteLength;
    const billing = new TextEncoder().encode(await (await sim.raw(PATHS.billing)).text()).byteLength;
    const { body } = await sim.control<Stats>("GET", "/_sim/stats");
    expect(body.requests.map((r) => r.bytes)).toEqual([usage, billing]);
    expect(body.bytes).toBe(usage + billing);
    await sim.control("POST", "/_sim/reset");
    expect((await sim.control<Stats>("GET", "/_sim/stats")).body.bytes).toBe(0);
  });

  it("records injected and reset answers, and keeps only the last 1000 requests", async () => {
    await fault({ endpoint: "keys", reset: true, times: 1 });
    await expect(sim.raw(PATHS.keys)).rejects.toThrow();
    await Promise.all(Array.from({ length: 1005 }, () => sim.raw(PATHS.billing)));
    const { body } = await sim.control<Stats>("GET", "/_sim/stats");
    expect(body.total).toBe(1006);
    expect(body.by_endpoint.billing).toBe(1005);
    expect(body.requests).toHaveLength(1000);
    expect(body.requests.every((r) => r.endpoint === "billing")).toBe(true);
  });
});
