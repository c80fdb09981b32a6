import { SIM_KEYS } from "../fal-simulator/keys";
import { SIM_URL } from "../support/constants";
import { expect, refreshApp, sim, test, useKey } from "../support/fixtures";

/**
 * Contract specs for the AI routes: shapes, 400s naming the parameter, and sums compared with totals
 * computed here, independently, from the simulator's own answer.
 */
const WINDOW = { start: "2026-11-01", end: "2026-11-08", timezone: "America/New_York", timeframe: "day" };
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

type SimUsageRow = {
  endpoint_id: string;
  unit: string;
  quantity: number;
  cost_total?: number;
  cost?: number;
};

/** Every usage row for the window straight from the simulator, every page followed. */
async function simUsageRows(): Promise<SimUsageRow[]> {
  const rows: SimUsageRow[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL(`${SIM_URL}/v1/models/usage`);
    url.search = qs({
      ...WINDOW,
      start: "2026-11-01T04:00:00Z",
      end: "2026-11-08T05:00:00Z",
      expand: "time_series",
      limit: "100",
    });
    if (cursor) url.searchParams.set("cursor", cursor);
    const body = (await (
      await fetch(url, { headers: { authorization: `Key ${SIM_KEYS.admin}` } })
    ).json()) as {
      time_series: { results: SimUsageRow[] }[];
      next_cursor: string | null;
      has_more: boolean;
    };
    for (const b of body.time_series) rows.push(...b.results);
    cursor = body.has_more ? body.next_cursor : null;
  } while (cursor);
  return rows;
}

test("GET /api/ai/usage: one row per (endpoint, unit), sums to the cent, sorted by cost", async ({
  request,
}) => {
  const res = await request.get(`/api/ai/usage?${qs(WINDOW)}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.range).toEqual({
    start: "2026-11-01T00:00:00-04:00",
    end: "2026-11-08T00:00:00-05:00",
    timezone: "America/New_York",
    timeframe: "day",
    // A window in the past: its data reaches its end.
    as_of: "2026-11-08T00:00:00-05:00",
  });
  expect(body.provenance).toBe("billed");
  expect(body.currency).toBe("USD");
  expect(body.stale).toBe(false);

  const truth = new Map<string, { quantity: number; micros: number }>();
  for (const r of await simUsageRows()) {
    const k = `${r.endpoint_id}|${r.unit}`;
    const t = truth.get(k) ?? { quantity: 0, micros: 0 };
    t.quantity += r.quantity;
    t.micros += Math.round((r.cost_total ?? r.cost ?? 0) * 1e6);
    truth.set(k, t);
  }
  expect(body.models).toHaveLength(truth.size);
  for (const m of body.models) {
    const t = truth.get(`${m.endpoint_id}|${m.unit}`);
    expect(t, m.endpoint_id).toBeDefined();
    expect(Math.round(m.cost * 100)).toBe(Math.round(t!.micros / 1e4));
    expect(m.quantity).toBeCloseTo(t!.quantity, 6);
  }
  const total = [...truth.values()].reduce((s, t) => s + t.micros, 0) / 1e6;
  expect(Math.round(body.total_cost * 100)).toBe(Math.round(total * 100));
  const costs = body.models.map((m: { cost: number }) => m.cost);
  expect(costs).toEqual([...costs].sort((a, b) => b - a));
  // Buckets carry the zone's offset across the DST change of 2026-11-01.
  expect(body.series[0].bucket).toBe("2026-11-01T00:00:00-04:00");
  expect(body.series[1].bucket).toBe("2026-11-02T00:00:00-05:00");
  // A model fal bills but does not price is flagged, never priced at $0.
  const lora = body.models.find((m: { endpoint_id: string }) => m.endpoint_id === "acme/photobooth-lora");
  expect(lora).toMatchObject({ priced: false, list_price: null });
  expect(lora.cost).toBeGreaterThan(0);
});

test("GET /api/ai/performance: window percentiles from fal's summary, 4xx and 5xx apart", async ({
  request,
}) => {
  const res = await request.get(`/api/ai/performance?${qs(WINDOW)}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.model_source).toBe("usage");
  expect(body.percentiles_available).toBe(true);
  const flux = body.models.find((m: { endpoint_id: string }) => m.endpoint_id === "fal-ai/flux/dev");
  expect(flux.requests).toBe(flux.successes + flux.user_errors + flux.server_errors);
  expect(flux.p95_duration).toBeGreaterThanOrEqual(flux.p50_duration);

  const url = new URL(`${SIM_URL}/v1/models/analytics`);
  url.search = qs({
    start: "2026-11-01T04:00:00Z",
    end: "2026-11-08T05:00:00Z",
    timezone: WINDOW.timezone,
    timeframe: "day",
    endpoint_id: "fal-ai/flux/dev",
  });
  for (const e of ["summary", "request_count", "p95_duration"]) url.searchParams.append("expand", e);
  const sim = (await (await fetch(url, { headers: { authorization: `Key ${SIM_KEYS.api}` } })).json()) as {
    summary: { request_count: number; p95_duration: number }[];
  };
  expect(flux.requests).toBe(sim.summary[0]!.request_count);
  expect(flux.p95_duration).toBe(sim.summary[0]!.p95_duration);
  const perBucket = body.series.reduce((s: number, p: { requests: number }) => s + p.requests, 0);
  expect(perBucket).toBe(body.models.reduce((s: number, m: { requests: number }) => s + m.requests, 0));
});

test("GET /api/ai/performance with an API-scope key takes the model list from event metrics", async ({
  request,
}) => {
  useKey("api");
  await refreshApp();
  const body = await (await request.get(`/api/ai/performance?${qs(WINDOW)}`)).json();
  expect(body.model_source).toBe("events");
  expect(body.models.length).toBeGreaterThan(0);
});

test("GET /api/ai/balance and cost-per-outcome", async ({ request }) => {
  const balance = await (await request.get("/api/ai/balance")).json();
  expect(balance.username).toBe("sim-team");
  expect(typeof balance.current_balance).toBe("number");

  const [cpo, usage, events] = await Promise.all(
    ["/api/ai/cost-per-outcome", "/api/ai/usage", "/api/events/metrics"].map(async (p) =>
      (await request.get(`${p}?${qs(WINDOW)}`)).json(),
    ),
  );
  expect(cpo.spend).toBe(usage.total_cost);
  expect(cpo.photos).toBe(events.totals["photo.generated"]);
  expect(cpo.overall).toBeCloseTo(usage.total_cost / events.totals["photo.generated"], 9);
  const fluxCost = usage.models
    .filter((m: { endpoint_id: string }) => m.endpoint_id === "fal-ai/flux/dev")
    .reduce((s: number, m: { cost: number }) => s + m.cost, 0);
  expect(cpo.by_endpoint["fal-ai/flux/dev"]).toBeCloseTo(
    fluxCost / events.photos_by_endpoint["fal-ai/flux/dev"],
    9,
  );
});

for (const [path, param, value] of [
  ["/api/ai/usage", "start", "yesterday"],
  ["/api/ai/usage", "timezone", "Mars/Olympus"],
  ["/api/ai/usage", "series", "everything"],
  ["/api/ai/performance", "timeframe", "fortnight"],
  ["/api/ai/cost-per-outcome", "end", "2026-13-45"],
  ["/api/events/metrics", "timezone", "Nowhere/City"],
] as const) {
  test(`GET ${path} with a bad ${param} → 400 naming it`, async ({ request }) => {
    const res = await request.get(`${path}?${param}=${encodeURIComponent(value)}`);
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.field).toBe(param);
  });
}

test("fal diagnoses travel as the error code, never as fal's body", async ({ request }) => {
  await sim.fault({ endpoint: "usage", status: 403, message: "internal detail that must not leak" });
  await refreshApp();
  const res = await request.get(`/api/ai/usage?${qs(WINDOW)}`);
  expect(res.status()).toBe(502);
  const body = await res.json();
  expect(body.error.code).toBe("scope_insufficient");
  // fal's refusal named nothing: the permission usage needs is named instead, with its presets.
  expect(body.error.required_permission).toBe("billing:usage:read");
  expect(body.error.presets).toEqual(["READONLY", "BILLING", "FULL"]);
  expect(body.error.hint).toContain("Read-only preset");
  expect(JSON.stringify(body)).not.toContain("internal detail");
  expect(body.error.request_id).toBeTruthy();
});

test("a half-hour clock change (Lord Howe's April fall-back) answers by the hour on every route and the page", async ({
  request,
}) => {
  // Once a request for this window never returned and took the whole server down with it.
  const q = qs({
    start: "2026-04-04T12:00:00Z",
    end: "2026-04-05T12:00:00Z",
    timezone: "Australia/Lord_Howe",
    timeframe: "hour",
  });
  const expected = ["2026-04-05T01:00:00+11:00", "2026-04-05T01:30:00+10:30", "2026-04-05T02:00:00+10:30"];
  for (const path of ["/api/ai/usage", "/api/events/metrics"]) {
    const res = await request.get(`${path}?${q}`, { timeout: 20_000 });
    expect(res.status(), path).toBe(200);
    const buckets = (await res.json()).series.map((b: { bucket: string }) => b.bucket);
    expect(buckets, path).toHaveLength(25);
    expect(buckets.slice(2, 5), path).toEqual(expected);
  }
  expect((await request.get(`/api/ai/performance?${q}`, { timeout: 20_000 })).status()).toBe(200);
  expect((await request.get(`/?${q}`, { timeout: 30_000 })).status()).toBe(200);
  expect((await request.get("/api/health/live")).status()).toBe(200);
});
