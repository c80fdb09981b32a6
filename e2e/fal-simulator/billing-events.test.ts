import { describe, expect, it } from "vitest";
import type { BillingEvent, BillingEventsResponse } from "./billing-events";
import { SIM_KEYS } from "./keys";
import type { RequestsResponse } from "./requests";
import { qs, simulatorForSuite, type ErrorEnvelope } from "./testing";
import type { UsageResponse } from "./usage";
import { BATCH_KEY } from "./world";

/**
 * GET /v1/models/billing-events: one event per billed request, summing to the micro-dollar to usage per
 * endpoint and bucket; the billing-gap control makes one endpoint disagree. Bodies follow fal's OpenAPI
 * document (checked by `sim.get`).
 */

const sim = simulatorForSuite();
const PATH = "/v1/models/billing-events";
const micro = (usd: number) => Math.round(usd * 1e6);

async function allEvents(
  params: Record<string, string | number | readonly string[]>,
): Promise<BillingEvent[]> {
  const out: BillingEvent[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: BillingEventsResponse } = await sim.get<BillingEventsResponse>(
      `${PATH}?${qs({ ...params, ...(cursor ? { cursor } : {}) })}`,
    );
    expect(page.status).toBe(200);
    out.push(...page.body.billing_events);
    cursor = page.body.next_cursor;
  } while (cursor);
  return out;
}

/** Usage cost_total per "bucket|endpoint" in micro-dollars. */
async function usageByBucket(query: Record<string, string>): Promise<Map<string, number>> {
  const { body } = await sim.get<UsageResponse>(`/v1/models/usage?${qs({ ...query, limit: 100 })}`);
  expect(body.has_more).toBe(false);
  const out = new Map<string, number>();
  for (const b of body.time_series ?? [])
    for (const r of b.results) {
      const key = `${Date.parse(b.bucket)}|${r.endpoint_id}`;
      out.set(key, (out.get(key) ?? 0) + micro(r.cost_total ?? r.cost));
    }
  return out;
}

function eventsByBucket(
  events: readonly BillingEvent[],
  bucketOf: (ms: number) => number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    const key = `${bucketOf(Date.parse(e.timestamp))}|${e.endpoint_id}`;
    out.set(key, (out.get(key) ?? 0) + micro(e.cost_total));
  }
  return out;
}

describe("billing events", () => {
  it("sum exactly to usage per endpoint and hour, and per endpoint and day", async () => {
    const window = { start: "2026-11-08T00:00:00Z", end: "2026-11-10T00:00:00Z" };
    const events = await allEvents({ ...window, limit: 2000 });
    expect(events.length).toBeGreaterThan(1000);
    for (const e of events) {
      // Whole micro-dollars: what makes any bucket's sum exact.
      expect(Math.abs(e.cost_total * 1e6 - micro(e.cost_total))).toBeLessThan(1e-6);
      expect(e.cost_estimate_nano_usd).toBe(micro(e.cost_total) * 1000);
      expect(micro(e.cost_subtotal) - micro(e.cost_discount)).toBe(micro(e.cost_total));
    }
    const hourly = await usageByBucket({ ...window, timeframe: "hour" });
    expect(eventsByBucket(events, (ms) => Math.floor(ms / 3_600_000) * 3_600_000)).toEqual(hourly);
    const daily = await usageByBucket({ ...window, timeframe: "day" });
    expect(eventsByBucket(events, (ms) => Math.floor(ms / 86_400_000) * 86_400_000)).toEqual(daily);
  });

  it("bill successful requests only, under the request's id", async () => {
    const window = {
      endpoint_id: "fal-ai/flux/dev",
      start: "2026-11-09T00:00:00Z",
      end: "2026-11-09T03:00:00Z",
    };
    const requests = await sim.get<RequestsResponse>(
      `/v1/models/requests/by-endpoint?${qs({ ...window, limit: 100 })}`,
    );
    expect(requests.body.has_more).toBe(false);
    const events = await allEvents(window);
    const succeeded = requests.body.items.filter((i) => i.status_code === 200).map((i) => i.request_id);
    expect(events.map((e) => e.request_id).sort()).toEqual(succeeded.sort());
    expect(events.every((e) => e.endpoint_id === "fal-ai/flux/dev" && e.output_units === 1)).toBe(true);

    const two = succeeded.slice(0, 2);
    const byId = await allEvents({ start: window.start, end: window.end, request_id: two });
    expect(byId.map((e) => e.request_id).sort()).toEqual([...two].sort());
  });

  it("filter by caller and expand the auth method", async () => {
    const window = { start: "2026-11-09T00:00:00Z", end: "2026-11-09T06:00:00Z" };
    const batch = await allEvents({
      ...window,
      api_key_id: BATCH_KEY.key_id,
      expand: "auth_method_structured",
    });
    expect(batch.length).toBeGreaterThan(0);
    expect(
      batch.every(
        (e) => e.auth_method_structured?.api_key_id === BATCH_KEY.key_id && e.percent_discount === 20,
      ),
    ).toBe(true);
  });

  it("follow cursors page by page without overlap; default 1000 per page", async () => {
    const window = { start: "2026-11-08T00:00:00Z", end: "2026-11-10T00:00:00Z" };
    const whole = await allEvents({ ...window, limit: 10_000 });
    const first = await sim.get<BillingEventsResponse>(`${PATH}?${qs(window)}`);
    expect(first.body.billing_events).toHaveLength(Math.min(1000, whole.length));
    const paged = await allEvents({ ...window, limit: 333 });
    expect(paged).toEqual(whole);
  });

  it("refuse more than 90 days, and need ADMIN like usage", async () => {
    const long = await sim.get<ErrorEnvelope>(
      `${PATH}?${qs({ start: "2026-08-01T00:00:00Z", end: "2026-11-01T00:00:00Z" })}`,
    );
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain("90 days");
    const api = await sim.get<ErrorEnvelope>(PATH, { auth: { key: SIM_KEYS.api } });
    expect(api.status).toBe(403);
  });

  it("disagree with usage for one endpoint while the billing gap is on, and only for it", async () => {
    const window = { start: "2026-11-09T00:00:00Z", end: "2026-11-10T00:00:00Z" };
    const set = await sim.control("POST", "/_sim/billing-gap", { endpoint_id: "fal-ai/flux/schnell" });
    expect(set.status).toBe(200);
    try {
      const events = await allEvents({ ...window, limit: 10_000 });
      const usage = await usageByBucket({ ...window, timeframe: "day" });
      const got = eventsByBucket(events, (ms) => Math.floor(ms / 86_400_000) * 86_400_000);
      const differing = [...usage.keys()].filter((k) => usage.get(k) !== got.get(k));
      expect(differing).toEqual([`${Date.parse(window.start)}|fal-ai/flux/schnell`]);
      expect(got.get(differing[0] ?? "")).toBeLessThan(usage.get(differing[0] ?? "") ?? 0);
    } finally {
      await sim.control("POST", "/_sim/reset");
    }
    const bad = await sim.control("POST", "/_sim/billing-gap", { endpoint: "x" });
    expect(bad.status).toBe(400);
  });
});
