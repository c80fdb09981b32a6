import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/e2e/fal-simulator/server";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { DEMO_ALL_MODELS } from "@/lib/demo/catalog";

/**
 * lib/fal against the simulator over real loopback HTTP. The simulator counts every request it serves,
 * which is what the coalescing, chunking and pagination assertions read.
 */
let sim: Simulator;
let keyFile: string;
let fal: typeof import("@/lib/fal/client");
let cache: typeof import("@/lib/fal/cache");
let aggregate: typeof import("@/lib/fal/aggregate");
let errors: typeof import("@/lib/fal/errors");
let performance: typeof import("@/lib/ai/performance");
let resolveRange: typeof import("@/lib/time/range").resolveRange;

async function control(p: string, body?: unknown, method = "POST") {
  const res = await fetch(`${sim.url}/_sim${p}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, unknown>>;
}
const stats = () =>
  control("/stats", undefined, "GET") as Promise<{ total: number; by_endpoint: Record<string, number> }>;
const setKey = (key: string) => writeFileSync(keyFile, `${key}\n`);

async function expectDiagnosis(work: Promise<unknown>, code: string) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errors.FalError);
  expect((error as InstanceType<typeof errors.FalError>).diagnosis).toBe(code);
  return error as InstanceType<typeof errors.FalError>;
}

const NOW = Date.parse("2026-11-20T12:00:00Z");
const week = () =>
  resolveRange(
    { start: "2026-11-10", end: "2026-11-17", timeframe: "hour" },
    { defaultTimezone: "UTC", now: NOW },
  );

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  keyFile = path.join(mkdtempSync(path.join(tmpdir(), "fal-key-")), "admin.key");
  setKey(SIM_KEYS.admin);
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY_FILE = keyFile;
  process.env.FAL_CACHE_TTL_SECONDS = "1";
  process.env.FAL_TIMEOUT_MS = "2000";
  fal = await import("@/lib/fal/client");
  cache = await import("@/lib/fal/cache");
  aggregate = await import("@/lib/fal/aggregate");
  errors = await import("@/lib/fal/errors");
  performance = await import("@/lib/ai/performance");
  resolveRange = (await import("@/lib/time/range")).resolveRange;
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await control("/reset", {});
  cache.clearFalCache();
  setKey(SIM_KEYS.admin);
});

describe("usage", () => {
  it("follows every cursor and sums to the cent what fal's own summary says", async () => {
    const range = week();
    const usage = await fal.fetchUsage(range);
    const s = await stats();
    // 168 hourly buckets at 100 per page.
    expect(s.by_endpoint.usage).toBe(2);
    expect(new Set(usage.buckets.map((b) => b.bucket)).size).toBe(usage.buckets.length);

    // Independent truth: fal's summary for the same window, summed here without our aggregation code.
    const url = new URL(`${sim.url}/v1/models/usage`);
    for (const [k, v] of Object.entries({
      start: "2026-11-10T00:00:00Z",
      end: "2026-11-17T00:00:00Z",
      timeframe: "hour",
      expand: "summary",
    })) {
      url.searchParams.set(k, v);
    }
    const truth = (await (
      await fetch(url, { headers: { authorization: `Key ${SIM_KEYS.admin}` } })
    ).json()) as {
      summary: { endpoint_id: string; cost_total?: number; cost?: number }[];
    };
    const cents = (n: number) => Math.round(n * 100);
    const expected =
      truth.summary.reduce((sum, r) => sum + Math.round((r.cost_total ?? r.cost ?? 0) * 1e6), 0) / 1e6;
    const totals = aggregate.aggregateUsage(usage.buckets);
    expect(cents(totals.total_cost)).toBe(cents(expected));
    expect(totals.models.length).toBeGreaterThan(50);
    // One row per (endpoint, unit), even though fal sends several per bucket.
    const keys = totals.models.map((m) => `${m.endpoint_id}|${m.unit}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("coalesces 50 concurrent identical calls into one upstream request", async () => {
    const range = resolveRange(
      { start: "2026-11-15", end: "2026-11-17" },
      { defaultTimezone: "UTC", now: NOW },
    );
    const results = await Promise.all(Array.from({ length: 50 }, () => fal.fetchUsage(range)));
    expect((await stats()).by_endpoint.usage).toBe(1);
    expect(new Set(results.map((r) => r.buckets.length)).size).toBe(1);
  });

  it("serves the last good answer marked stale when fal fails after the TTL", async () => {
    const range = resolveRange(
      { start: "2026-11-15", end: "2026-11-17" },
      { defaultTimezone: "UTC", now: NOW },
    );
    const first = await fal.fetchUsage(range);
    expect(first.stale).toBeNull();
    await control("/faults", { endpoint: "usage", status: 503 });
    await new Promise((r) => setTimeout(r, 1_100));
    // Calls after the TTL get the old entry at once while it refreshes in the background (with retries).
    const deadline = Date.now() + 8_000;
    let later = await fal.fetchUsage(range);
    while (later.stale === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      later = await fal.fetchUsage(range);
    }
    expect(later.stale).toBe("upstream_unavailable");
    expect(later.buckets).toEqual(first.buckets);
  });
});

describe("analytics", () => {
  it("chunks endpoint ids by 50 and takes window percentiles from the summary", async () => {
    const ids = DEMO_ALL_MODELS.map((m) => m.endpoint_id);
    expect(ids.length).toBeGreaterThan(50);
    const result = await fal.fetchAnalytics(week(), ids);
    // Two chunks (50 + the rest), each paged: 168 hourly buckets at 100 per page.
    expect((await stats()).by_endpoint.analytics).toBe(Math.ceil(ids.length / 50) * 2);
    expect(result.summary).not.toBeNull();
    const summary = aggregate.summarizeAnalytics(result);
    const flux = summary.models.find((m) => m.endpoint_id === "fal-ai/flux/dev");
    expect(flux?.requests).toBeGreaterThan(0);
    expect(flux?.p95_duration).toBeGreaterThan(0);
    const fromSummary = result.summary?.find((s) => s.endpoint_id === "fal-ai/flux/dev");
    expect(flux?.p95_duration).toBe(fromSummary?.p95_duration);
  });
});

describe("pricing", () => {
  it("splits a 404 down to the endpoints fal has no price for", async () => {
    const ids = DEMO_ALL_MODELS.map((m) => m.endpoint_id);
    const { prices } = await fal.fetchPrices(ids);
    for (const m of DEMO_ALL_MODELS) {
      if (m.unit_price === null) expect(prices.get(m.endpoint_id)).toBeNull();
      else expect(prices.get(m.endpoint_id)?.unit_price).toBe(m.unit_price);
    }
  });

  it("remembers fal's 404s like answers: asking again within the TTL costs no upstream call", async () => {
    const ids = DEMO_ALL_MODELS.map((m) => m.endpoint_id);
    expect(DEMO_ALL_MODELS.some((m) => m.unit_price === null)).toBe(true);
    const before = await stats();
    const first = await fal.fetchPrices(ids);
    const afterFirst = await stats();
    // Splitting the 404ing chunks asked fal several times.
    expect(afterFirst.by_endpoint.pricing! - (before.by_endpoint.pricing ?? 0)).toBeGreaterThan(1);
    const again = await fal.fetchPrices(ids);
    expect((await stats()).total).toBe(afterFirst.total);
    expect(again.prices).toEqual(first.prices);
  });
});

describe("performance report", () => {
  const LATENCY = 300;
  type Logged = { endpoint: string; at: string };
  /** When `endpoint` first answered in `log` (the simulator logs each call once answered, after latency). */
  const answeredAt = (log: Logged[], endpoint: string) =>
    Math.min(...log.filter((r) => r.endpoint === endpoint).map((r) => Date.parse(r.at)));

  async function coldReport() {
    cache.clearFalCache();
    const before = await stats();
    await control("/mode", { latency_ms: LATENCY });
    try {
      const report = await performance.performanceReport(week());
      const after = (await control("/stats", undefined, "GET")) as { total: number; requests: Logged[] };
      const log = after.requests.slice(-(after.total - before.total));
      return { report, usage: answeredAt(log, "usage"), analytics: answeredAt(log, "analytics") };
    } finally {
      await control("/mode", { latency_ms: 0 });
    }
  }

  it("asks analytics before usage answers once usage has named the models, and lists exactly usage's", async () => {
    const first = await coldReport();
    // Nothing known yet: analytics waits for usage's model list, a whole round trip later.
    expect(first.analytics - first.usage).toBeGreaterThanOrEqual(LATENCY / 2);
    const second = await coldReport();
    // The cache is cold again but the model list is remembered: both calls went out together.
    expect(second.analytics - second.usage).toBeLessThan(LATENCY / 2);
    expect(second.report.models).toEqual(first.report.models);
    expect(second.report.models.length).toBeGreaterThan(0);
  });
});

describe("performance report: what it asks analytics", () => {
  type Call = { endpoint: string; query: string };

  /** fal's own window summary for `ids`, every metric at once, asked straight from the simulator. */
  async function falSummary(ids: string[]) {
    const out = new Map<string, Record<string, number | string>>();
    for (let i = 0; i < ids.length; i += 50) {
      const params = new URLSearchParams({
        start: "2026-11-10T00:00:00Z",
        end: "2026-11-17T00:00:00Z",
        timezone: "UTC",
        timeframe: "hour",
      });
      for (const id of ids.slice(i, i + 50)) params.append("endpoint_id", id);
      for (const e of ["summary", "request_count", "user_error_count", "error_count"])
        params.append("expand", e);
      for (const e of [
        "p50_duration",
        "p90_duration",
        "p95_duration",
        "p50_prepare_duration",
        "p90_prepare_duration",
      ])
        params.append("expand", e);
      const res = await fetch(`${sim.url}/v1/models/analytics?${params}`, {
        headers: { authorization: `Key ${SIM_KEYS.admin}` },
      });
      const body = (await res.json()) as { summary: ({ endpoint_id: string } & Record<string, number>)[] };
      for (const s of body.summary) out.set(s.endpoint_id, s);
    }
    return out;
  }

  it("counts per bucket, percentiles as window figures only, and fal's window figures per model", async () => {
    cache.clearFalCache();
    const before = await stats();
    const report = await performance.performanceReport(week());
    const after = (await control("/stats", undefined, "GET")) as { total: number; requests: Call[] };
    const expands = after.requests
      .slice(-(after.total - before.total))
      .filter((c) => c.endpoint === "analytics")
      .map((c) => new URLSearchParams(c.query).getAll("expand"));
    const perBucket = expands.filter((e) => e.includes("time_series"));
    const windowOnly = expands.filter((e) => !e.includes("time_series"));
    const ids = report.models.map((m) => m.endpoint_id);
    expect(ids.length).toBeGreaterThan(50);
    // 168 hourly buckets at 100 a page, per chunk of 50 ids; one window-only page per chunk.
    expect(perBucket).toHaveLength(Math.ceil(ids.length / 50) * 2);
    expect(windowOnly).toHaveLength(Math.ceil(ids.length / 50));
    expect(perBucket.every((e) => !e.some((m) => m.endsWith("_duration")))).toBe(true);
    expect(windowOnly.every((e) => e.includes("p90_duration"))).toBe(true);

    expect(report.percentiles_available).toBe(true);
    const expected = await falSummary(ids);
    for (const m of report.models) {
      const s = expected.get(m.endpoint_id)!;
      expect(
        [
          m.requests,
          m.user_errors,
          m.server_errors,
          m.p50_duration,
          m.p90_duration,
          m.p95_duration,
          m.p50_queue,
          m.p90_queue,
        ],
        m.endpoint_id,
      ).toEqual([
        s.request_count,
        s.user_error_count,
        s.error_count,
        s.p50_duration,
        s.p90_duration,
        s.p95_duration,
        s.p50_prepare_duration,
        s.p90_prepare_duration,
      ]);
    }
  });
});

describe("diagnosis from status and body", () => {
  const range = () =>
    resolveRange({ start: "2026-11-16", end: "2026-11-17" }, { defaultTimezone: "UTC", now: NOW });

  it("key_missing when no key is configured", async () => {
    setKey("");
    await expectDiagnosis(fal.fetchBilling(), "key_missing");
    expect((await stats()).total).toBe(0);
  });

  it("scope_insufficient for an API-scope key on ADMIN endpoints, while analytics works", async () => {
    setKey(SIM_KEYS.api);
    const error = await expectDiagnosis(fal.fetchUsage(range()), "scope_insufficient");
    expect(error.requestId).toBeTruthy();
    await expectDiagnosis(fal.fetchBilling(), "scope_insufficient");
    await expectDiagnosis(fal.fetchKeys(), "scope_insufficient");
    const analytics = await fal.fetchAnalytics(range(), ["fal-ai/flux/dev"]);
    expect(analytics.buckets.length).toBeGreaterThan(0);
  });

  it("key_rejected for a revoked key, key_malformed when the key also fails the local check", async () => {
    setKey(SIM_KEYS.revoked);
    await expectDiagnosis(fal.fetchBilling(), "key_rejected");
    setKey("not-a-key");
    await expectDiagnosis(fal.fetchBilling(), "key_malformed");
  });

  it("rate_limited, upstream_unavailable, upstream_contract, upstream_request", async () => {
    await control("/faults", { endpoint: "billing", status: 429 });
    await expectDiagnosis(fal.fetchBilling(), "rate_limited");
    await control("/faults", {}, "DELETE");
    await control("/faults", { endpoint: "billing", status: 500 });
    await expectDiagnosis(fal.fetchBilling(), "upstream_unavailable");
    await control("/faults", {}, "DELETE");
    await control("/faults", { endpoint: "billing", malformed: true });
    await expectDiagnosis(fal.fetchBilling(), "upstream_contract");
    await control("/faults", {}, "DELETE");
    await control("/faults", { endpoint: "billing", drift: true });
    const drift = await expectDiagnosis(fal.fetchBilling(), "upstream_contract");
    expect(drift.message).toMatch(/username/);
    await control("/faults", {}, "DELETE");
    await control("/faults", { endpoint: "keys", status: 404 });
    await expectDiagnosis(fal.fetchKeys(), "upstream_request");
  });

  it("upstream_unavailable on timeout and on a reset connection", async () => {
    await control("/faults", { endpoint: "billing", latency_ms: 2_300 });
    await expectDiagnosis(fal.fetchBilling(), "upstream_unavailable");
    // Let the simulator finish the slow answer so it is counted in this test, not the next one.
    await new Promise((r) => setTimeout(r, 500));
    await control("/faults", {}, "DELETE");
    await control("/faults", { endpoint: "billing", reset: true });
    await expectDiagnosis(fal.fetchBilling(), "upstream_unavailable");
  });
});

describe("retries", () => {
  it("retries a transient 5xx and succeeds", async () => {
    await control("/faults", { endpoint: "billing", status: 502, times: 1 });
    const r = await fal.fetchBilling();
    expect(r.billing.username).toBe("sim-team");
    expect((await stats()).by_endpoint.billing).toBe(2);
  });

  it("honours Retry-After on 429, then succeeds", async () => {
    await control("/faults", { endpoint: "billing", status: 429, times: 1, headers: { "retry-after": "1" } });
    const started = Date.now();
    await fal.fetchBilling();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await stats()).by_endpoint.billing).toBe(2);
  });

  it("gives up after a bounded number of attempts", async () => {
    await control("/faults", { endpoint: "billing", status: 503 });
    await expectDiagnosis(fal.fetchBilling(), "upstream_unavailable");
    expect((await stats()).by_endpoint.billing).toBe(3);
  });

  it("never retries an auth failure, but confirms a lone 401 after a success once", async () => {
    await fal.fetchBilling();
    cache.clearFalCache();
    await control("/faults", { endpoint: "billing", status: 401, times: 1 });
    const r = await fal.fetchBilling();
    expect(r.billing.username).toBe("sim-team");
    expect((await stats()).by_endpoint.billing).toBe(3);
  });
});

describe("rotation", () => {
  it("uses a new key as soon as the key file changes, never the old key's cached answer", async () => {
    setKey(SIM_KEYS.api);
    await expectDiagnosis(fal.fetchBilling(), "scope_insufficient");
    setKey(SIM_KEYS.admin);
    expect((await fal.fetchBilling()).billing.username).toBe("sim-team");
    setKey(SIM_KEYS.revoked);
    await expectDiagnosis(fal.fetchBilling(), "key_rejected");
  });
});
