import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { MSG_ADMIN_REQUIRED, MSG_INVALID_KEY } from "@/e2e/fal-simulator/errors";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import type { EventStore } from "@/lib/events/db";
import { getHandlers } from "@/lib/testing/routes";

/**
 * The fault matrix, in-process: every fal endpoint the dashboard calls × every way fal can fail, driven
 * through the real route handlers against the simulator over loopback HTTP. Each cell asserts the HTTP
 * status and `error.code` of the diagnosis (docs/fal-api-notes.md, "Errors and diagnosis";
 * lib/contracts/codes.ts), that no fal text, URL or key reaches the body,
 * and that the next request after the fault is cleared answers 200 (failures are not cached, nothing wedges).
 *
 * pricing and models only decorate the spend view: their cells expect /api/ai/usage to stay 200 with
 * `priced` / `display_name` falling back, and the billed figures unchanged.
 */

const TIMEOUT_MS = 2_000;
type Endpoint = "usage" | "analytics" | "pricing" | "models" | "billing" | "keys";
const ENDPOINTS: readonly Endpoint[] = ["usage", "analytics", "pricing", "models", "billing", "keys"];

/** Distinctive text in every injected fal message, so a leak is found wherever it lands in our body. */
const CANARY = "fal-internal-7c1e";

type Injection = { kind: "sim"; fault: Record<string, unknown> } | { kind: "refused" };
type Fault = {
  name: string;
  inject: Injection;
  expect: DiagnosisCode;
  /** The HTTP status our routes must answer with, written out rather than read from the error map. */
  status: number;
  /** Retry-After our route must answer with (seconds), or null when it must send none. */
  retryAfter?: string | null;
  /** Text fal sent that must never reach our body. */
  falText?: string;
};

const sim = (fault: Record<string, unknown>): Injection => ({ kind: "sim", fault });

/** What a bare refusal on each endpoint means (docs/fal-api-notes.md, "Keys and permissions"), written out. */
const SPEND = { required_permission: "billing:usage:read", presets: ["READONLY", "BILLING", "FULL"] };
const REFUSED = {
  usage: SPEND,
  billing: SPEND,
  keys: { required_permission: "auth:keys:read", presets: ["BILLING", "FULL"] },
  // Any key reads analytics; a refusal means a custom policy without the API preset's permission.
  analytics: { required_permission: "models:requests:read", presets: ["API", "READONLY", "FULL"] },
};

const FAULTS: readonly Fault[] = [
  {
    name: "401 bad key",
    inject: sim({ status: 401, message: MSG_INVALID_KEY }),
    expect: "key_rejected",
    status: 502,
    falText: MSG_INVALID_KEY,
  },
  {
    name: "401 missing Key prefix",
    // fal's security scheme text for a header without the `Key ` prefix (fal-openapi.json).
    inject: sim({ status: 401, message: `API key must be prefixed with "Key " (${CANARY})` }),
    expect: "key_rejected",
    status: 502,
    falText: CANARY,
  },
  {
    name: "403 scope",
    inject: sim({ status: 403, message: `${MSG_ADMIN_REQUIRED} ${CANARY}` }),
    expect: "scope_insufficient",
    status: 502,
    falText: CANARY,
  },
  {
    name: "404",
    inject: sim({ status: 404, message: `Resource not found ${CANARY}` }),
    expect: "upstream_request",
    status: 502,
    falText: CANARY,
  },
  {
    name: "429 retry-after",
    inject: sim({ status: 429, message: `Rate limit exceeded ${CANARY}`, headers: { "retry-after": "1" } }),
    expect: "rate_limited",
    status: 503,
    retryAfter: "1",
    falText: CANARY,
  },
  {
    name: "429 x-ratelimit-reset",
    inject: sim({
      status: 429,
      message: `Rate limit exceeded ${CANARY}`,
      headers: { "x-ratelimit-reset": "1" },
    }),
    expect: "rate_limited",
    status: 503,
    retryAfter: "1",
    falText: CANARY,
  },
  {
    name: "429 no header",
    inject: sim({ status: 429, message: `Rate limit exceeded ${CANARY}` }),
    expect: "rate_limited",
    status: 503,
    retryAfter: null,
    falText: CANARY,
  },
  {
    name: "500",
    inject: sim({ status: 500, message: `An unexpected error occurred ${CANARY}` }),
    expect: "upstream_unavailable",
    status: 503,
    falText: CANARY,
  },
  {
    name: "502",
    inject: sim({ status: 502, message: `Bad gateway ${CANARY}` }),
    expect: "upstream_unavailable",
    status: 503,
    falText: CANARY,
  },
  {
    name: "timeout",
    inject: sim({ latency_ms: TIMEOUT_MS + 600 }),
    expect: "upstream_unavailable",
    status: 503,
  },
  { name: "connection refused", inject: { kind: "refused" }, expect: "upstream_unavailable", status: 503 },
  { name: "connection reset", inject: sim({ reset: true }), expect: "upstream_unavailable", status: 503 },
  { name: "malformed JSON", inject: sim({ malformed: true }), expect: "upstream_contract", status: 502 },
  { name: "schema drift", inject: sim({ drift: true }), expect: "upstream_contract", status: 502 },
];

/** fal paths per endpoint, for the refused-connection redirect. */
const FAL_PATH: Record<Endpoint, string> = {
  usage: "/v1/models/usage",
  analytics: "/v1/models/analytics",
  pricing: "/v1/models/pricing",
  models: "/v1/models",
  billing: "/v1/account/billing",
  keys: "/v1/keys",
};

type RoutePath =
  "/api/ai/usage" | "/api/ai/performance" | "/api/ai/balance" | "/api/ai/cost-per-outcome" | "/api/ai/keys";
type Probe =
  | { route: RoutePath; expect: "diagnosis" }
  /** 200 anyway; `check` asserts how the answer degraded. */
  | { route: RoutePath; expect: "ok"; check?: (body: Json) => void };

type Json = Record<string, unknown>;
type UsageModel = {
  endpoint_id: string;
  unit: string;
  cost: number;
  quantity: number;
  priced: boolean;
  list_price: number | null;
  display_name: string | null;
};

let baseline: { total_cost: number; models: UsageModel[] };

/** What each endpoint's failure must do to the routes that call it. */
function probesFor(endpoint: Endpoint, fault: Fault): Probe[] {
  switch (endpoint) {
    case "usage":
      return [
        { route: "/api/ai/usage", expect: "diagnosis" },
        { route: "/api/ai/cost-per-outcome", expect: "diagnosis" },
        { route: "/api/ai/keys", expect: "diagnosis" },
        // Analytics needs only API scope: without usage the model list comes from event metrics.
        { route: "/api/ai/performance", expect: "ok", check: (b) => expect(b.model_source).toBe("events") },
      ];
    case "analytics":
      return [{ route: "/api/ai/performance", expect: "diagnosis" }];
    case "billing":
      return [{ route: "/api/ai/balance", expect: "diagnosis" }];
    case "keys":
      return [{ route: "/api/ai/keys", expect: "diagnosis" }];
    case "pricing":
      return [
        {
          route: "/api/ai/usage",
          expect: "ok",
          check: (b) => {
            const models = b.models as UsageModel[];
            expectSameSpend(b);
            expect(models.every((m) => m.list_price === null)).toBe(true);
            // fal's 404 means "no price for these ids": the chunk is split down and the ids flagged
            // unpriced. Any other failure leaves prices unknown, so a billed amount counts as evidence
            // of a price.
            for (const m of models)
              expect(m.priced, m.endpoint_id).toBe(fault.expect === "upstream_request" ? false : m.cost > 0);
          },
        },
      ];
    case "models":
      return [
        {
          route: "/api/ai/usage",
          expect: "ok",
          check: (b) => {
            expectSameSpend(b);
            expect((b.models as UsageModel[]).every((m) => m.display_name === null)).toBe(true);
          },
        },
      ];
  }
}

function expectSameSpend(body: Json) {
  expect(body.total_cost).toBe(baseline.total_cost);
  const key = (m: UsageModel) => `${m.endpoint_id}|${m.unit}|${m.cost}|${m.quantity}`;
  expect((body.models as UsageModel[]).map(key)).toEqual(baseline.models.map(key));
}

// --- harness ------------------------------------------------------------------------------------------

let server: Simulator;
let store: EventStore;
let closedOrigin: string;
let routes: Record<RoutePath, (req: NextRequest, ctx: unknown) => Promise<Response>>;
let clearFalCache: () => void;
let query: string;
/** Set while a "connection refused" cell runs: requests to this fal path go to a closed port instead. */
let refusePath: string | null = null;
const realFetch = globalThis.fetch.bind(globalThis);
const ran: { endpoint: string; fault: string; diagnosis: string; routes: string; ms: number }[] = [];

async function control(p: string, body?: unknown, method = "POST"): Promise<void> {
  const res = await realFetch(`${server.url}/_sim${p}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator ${method} ${p} answered ${res.status}: ${await res.text()}`);
}

async function call(
  route: RoutePath,
): Promise<{ status: number; headers: Headers; text: string; body: Json }> {
  const res = await routes[route](new NextRequest(`http://localhost${route}?${query}`), undefined);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as Json };
}

async function freePortThatIsClosed(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startSimulator({ port: 0 });
  closedOrigin = `http://127.0.0.1:${await freePortThatIsClosed()}`;
  process.env.FAL_API_BASE_URL = `${server.url}/v1`;
  process.env.FAL_ADMIN_KEY = SIM_KEYS.admin;
  process.env.FAL_TIMEOUT_MS = String(TIMEOUT_MS);
  process.env.FAL_CACHE_TTL_SECONDS = "1";
  process.env.DASHBOARD_TIMEZONE = "UTC";

  // A real ECONNREFUSED for one fal path: the request is sent, unchanged, to a port nothing listens on.
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (refusePath !== null && url.pathname === refusePath) {
      const target = `${closedOrigin}${url.pathname}${url.search}`;
      return input instanceof Request
        ? realFetch(target, { method: input.method, headers: input.headers, signal: input.signal })
        : realFetch(target, init);
    }
    return realFetch(input, init);
  });

  const { testEngines } = await import("@/lib/events/test-engines");
  store = await testEngines()[0]!.open();
  (await import("@/lib/events/context")).overrideEventsContext({ store });
  // Photos from two fal models, so performance has a model list even when usage cannot give one.
  const { ingestActivities } = await import("@/lib/events/ingest");
  const photoAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
  await ingestActivities(store, {
    activities: ["fal-ai/flux/dev", "fal-ai/flux/schnell"].map((endpoint_id) => ({
      id: randomUUID(),
      event_id: "fault-matrix",
      type: "photo.generated",
      occurred_at: photoAt,
      endpoint_id,
    })),
  });
  clearFalCache = (await import("@/lib/fal/cache")).clearFalCache;
  const all = await getHandlers();
  routes = {
    "/api/ai/usage": all["/api/ai/usage"],
    "/api/ai/performance": all["/api/ai/performance"],
    "/api/ai/balance": all["/api/ai/balance"],
    "/api/ai/cost-per-outcome": all["/api/ai/cost-per-outcome"],
    "/api/ai/keys": all["/api/ai/keys"],
  };
  const today = Date.parse(`${ymd(Date.now())}T00:00:00Z`);
  query = new URLSearchParams({
    start: ymd(today - 8 * 86_400_000),
    end: ymd(today - 86_400_000),
    timezone: "UTC",
    timeframe: "day",
  }).toString();

  const healthy = await call("/api/ai/usage");
  expect(healthy.status).toBe(200);
  baseline = healthy.body as typeof baseline;
  // The decoration cells are only meaningful if the healthy answer has prices and names to lose.
  expect(baseline.models.length).toBeGreaterThan(5);
  expect(baseline.models.some((m) => m.list_price !== null)).toBe(true);
  expect(baseline.models.some((m) => m.display_name !== null)).toBe(true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  (await import("@/lib/events/context")).overrideEventsContext({});
  await store?.close();
  await server?.close();
  if (ran.length > 0) {
    console.log(`fault matrix: ${ran.length} cells`);
    console.table(ran);
  }
});

beforeEach(async () => {
  refusePath = null;
  await control("/reset", {});
  clearFalCache();
});

const decoration = (e: Endpoint) => e === "pricing" || e === "models";

describe.each(ENDPOINTS)("fal %s", (endpoint) => {
  for (const fault of FAULTS) {
    it(`${fault.name} → ${decoration(endpoint) ? "usage 200, decoration falls back" : `${fault.expect} (${fault.status})`}`, async () => {
      const started = Date.now();
      const unhandled = vi.spyOn(console, "error");
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const probes = probesFor(endpoint, fault);

      if (fault.inject.kind === "refused") refusePath = FAL_PATH[endpoint];
      else await control("/faults", { endpoint, ...fault.inject.fault });

      // Concurrently, as the dashboard asks: routes sharing a fal call coalesce onto one upstream request.
      const answers = await Promise.all(probes.map((p) => call(p.route)));
      probes.forEach((probe, i) => {
        const a = answers[i]!;
        const where = `${probe.route} with ${fault.name} on ${endpoint}`;
        if (probe.expect === "diagnosis") {
          expect(a.status, where).toBe(fault.status);
          const error = a.body.error as Json;
          expect(error, where).toMatchObject({
            code: fault.expect,
            message: expect.any(String),
            hint: expect.any(String),
          });
          if (fault.inject.kind === "sim" && typeof fault.inject.fault.status === "number") {
            // fal's request id travels (for support tickets); its words do not.
            expect(error.request_id, where).toEqual(expect.any(String));
          }
          // fal's refusal names no permission here: the one the endpoint needs is named instead.
          if (fault.expect === "scope_insufficient")
            expect(error, where).toMatchObject(REFUSED[endpoint as keyof typeof REFUSED]);
          if (fault.retryAfter !== undefined)
            expect(a.headers.get("retry-after"), where).toBe(fault.retryAfter);
        } else {
          expect(a.status, `${where}: ${a.text.slice(0, 300)}`).toBe(200);
          probe.check?.(a.body);
        }
        if (fault.falText) expect(a.text, where).not.toContain(fault.falText);
        expect(a.text, where).not.toContain(server.url.replace("http://", ""));
        expect(a.text, where).not.toContain(closedOrigin.replace("http://", ""));
        expect(a.text, where).not.toContain(SIM_KEYS.admin.split(":")[1]!);
      });

      // The server keeps working: once fal is back, the very next request answers 200 (no cache clear).
      refusePath = null;
      await control("/faults", {}, "DELETE");
      // A pricing 404 is an answer ("no price for these"), kept like any answer for the cache TTL (1 s
      // here); every other fault is a failure, which is never kept.
      if (endpoint === "pricing" && fault.name === "404") await new Promise((r) => setTimeout(r, 1_100));
      const after = await Promise.all(probes.map((p) => call(p.route)));
      probes.forEach((probe, i) =>
        expect(after[i]!.status, `${probe.route} after ${fault.name} on ${endpoint} cleared`).toBe(200),
      );
      if (endpoint === "pricing")
        expect((after[0]!.body.models as UsageModel[]).some((m) => m.list_price !== null)).toBe(true);
      if (endpoint === "models")
        expect((after[0]!.body.models as UsageModel[]).some((m) => m.display_name !== null)).toBe(true);

      // No route fell through to the bare 500 of lib/api/route.ts.
      expect(unhandled.mock.calls.filter((c) => String(c[0]).startsWith("[api]"))).toEqual([]);
      unhandled.mockRestore();
      warn.mockRestore();
      ran.push({
        endpoint,
        fault: fault.name,
        diagnosis: decoration(endpoint) ? "200 (decoration)" : fault.expect,
        routes: probes
          .map((p) => `${p.route.replace("/api/ai/", "")}:${p.expect === "ok" ? 200 : fault.status}`)
          .join(" "),
        ms: Date.now() - started,
      });
    });
  }
});

describe("a fresh client pointed at a closed port", () => {
  it("answers upstream_unavailable on every AI route, then recovers when pointed back", async () => {
    const paths = Object.keys(routes) as RoutePath[];
    const fresh = async (base: string) => {
      vi.resetModules();
      process.env.FAL_API_BASE_URL = base;
      // The fal cache lives for the whole process (it outlives module reloads); a fresh process has none.
      (await import("@/lib/fal/cache")).clearFalCache();
      (await import("@/lib/events/context")).overrideEventsContext({ store });
      return {
        "/api/ai/usage": (await import("@/app/api/ai/usage/route")).GET,
        "/api/ai/performance": (await import("@/app/api/ai/performance/route")).GET,
        "/api/ai/balance": (await import("@/app/api/ai/balance/route")).GET,
        "/api/ai/cost-per-outcome": (await import("@/app/api/ai/cost-per-outcome/route")).GET,
        "/api/ai/keys": (await import("@/app/api/ai/keys/route")).GET,
      } satisfies typeof routes;
    };
    const started = Date.now();
    const down = await fresh(`${closedOrigin}/v1`);
    for (const p of paths) {
      const res = await down[p](new NextRequest(`http://localhost${p}?${query}`), undefined);
      const text = await res.text();
      expect(res.status, p).toBe(503);
      expect((JSON.parse(text) as { error: Json }).error.code, p).toBe("upstream_unavailable");
      expect(text, p).not.toContain(closedOrigin.replace("http://", ""));
    }
    const up = await fresh(`${server.url}/v1`);
    for (const p of paths)
      expect((await up[p](new NextRequest(`http://localhost${p}?${query}`), undefined)).status, p).toBe(200);
    ran.push({
      endpoint: "usage",
      fault: "whole client → closed port",
      diagnosis: "upstream_unavailable",
      routes: "all 5 AI routes:503",
      ms: Date.now() - started,
    });
  });
});
