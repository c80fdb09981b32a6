import { describe, expect, it } from "vitest";
import { HOUR_MS, RETENTION_DAYS, createTraffic, firstDataHour, generateHour } from "./data";
import { FIXED_NOW, qs, simulatorForSuite } from "./testing";
import type { UsageResponse } from "./usage";
import { ENDPOINTS, ENDPOINT_BY_ID } from "./world";

/** The pure traffic generator: deterministic, plausible, bounded in time, and fast. */

const DAY_MS = 86_400_000;
const hourOf = (iso: string) => Math.floor(Date.parse(iso) / HOUR_MS);

describe("determinism", () => {
  it("same seed → identical hours; another seed → different traffic", () => {
    const h = hourOf("2026-10-05T15:00:00Z");
    expect(generateHour(42, 0, h)).toEqual(createTraffic(42).hour(0, h));
    const a = ENDPOINTS.map((e) => generateHour(42, e.index, h)?.requests ?? 0);
    const b = ENDPOINTS.map((e) => generateHour(43, e.index, h)?.requests ?? 0);
    expect(a).not.toEqual(b);
  });

  it("does not depend on the order windows are asked in", () => {
    const fresh = createTraffic(42);
    const warmed = createTraffic(42);
    warmed.eventsInRange(Date.parse("2026-10-01T00:00:00Z"), Date.parse("2026-10-03T00:00:00Z"), FIXED_NOW);
    const window = [
      Date.parse("2026-10-02T06:00:00Z"),
      Date.parse("2026-10-02T18:00:00Z"),
      FIXED_NOW,
    ] as const;
    expect(warmed.eventsInRange(...window)).toEqual(fresh.eventsInRange(...window));
  });
});

describe("invariants of one hour", () => {
  const traffic = createTraffic(42);
  const hours = traffic.eventsInRange(
    Date.parse("2026-10-01T00:00:00Z"),
    Date.parse("2026-10-08T00:00:00Z"),
    FIXED_NOW,
  );

  it("outcomes add up and every request has latency bins", () => {
    for (const h of hours) {
      expect(h.success + h.userErrors + h.errors).toBe(h.requests);
      expect(Object.values(h.errorKinds).reduce((s, n) => s + n, 0)).toBe(h.errors);
      expect(h.durationBins).toHaveLength(h.requests);
      expect(h.prepareBins).toHaveLength(h.requests);
      expect(h.coldBootBins).toHaveLength(h.coldBoots);
    }
  });

  it("requests happen on a whole minute inside their hour; only successes are billed", () => {
    for (const h of hours) {
      expect(h.at - h.hourIndex * HOUR_MS).toBeGreaterThanOrEqual(0);
      expect(h.at - h.hourIndex * HOUR_MS).toBeLessThan(HOUR_MS);
      expect(h.at % 60_000).toBe(0);
      const endpoint = ENDPOINTS[h.endpointIndex];
      const billed = h.usage.reduce((s, l) => s + l.quantity, 0);
      if (endpoint?.profile.fractionalUnits) expect(billed).toBeGreaterThan(0);
      else expect(billed).toBe(h.success);
    }
  });
});

describe("shape of the traffic", () => {
  const traffic = createTraffic(42);
  const from = hourOf("2026-09-01T00:00:00Z");
  const to = hourOf("2026-10-01T00:00:00Z");

  it("top models are busy, long-tail models mostly idle", () => {
    const emptyShare = (index: number) => {
      let empty = 0;
      for (let h = from; h < to; h++) if (traffic.hour(index, h) === null) empty++;
      return empty / (to - from);
    };
    expect(emptyShare(ENDPOINT_BY_ID.get("fal-ai/flux/dev")?.index ?? -1)).toBeLessThan(0.01);
    const tail = ENDPOINTS.filter((e) => e.endpoint_id.startsWith("fal-ai/tail-model-"));
    const tailEmpty = tail.map((e) => emptyShare(e.index));
    expect(tailEmpty.reduce((s, v) => s + v, 0) / tail.length).toBeGreaterThan(0.6);
    expect(Math.min(...tailEmpty)).toBeLessThan(0.9); // but every tail model is used now and then
  });

  it("has a day/night rhythm (UTC afternoon busier than UTC night)", () => {
    let afternoon = 0;
    let night = 0;
    for (let h = from; h < to; h++) {
      const n = traffic.hour(0, h)?.requests ?? 0;
      if (h % 24 === 15) afternoon += n;
      if (h % 24 === 3) night += n;
    }
    expect(afternoon).toBeGreaterThan(2.5 * night);
  });

  it("exists from 400 days ago up to now, never in the future", () => {
    const all = traffic.eventsInRange(
      FIXED_NOW - (RETENTION_DAYS + 5) * DAY_MS,
      FIXED_NOW + 5 * DAY_MS,
      FIXED_NOW,
      [0],
    );
    expect(all.every((h) => h.at <= FIXED_NOW)).toBe(true);
    expect(Math.min(...all.map((h) => h.hourIndex))).toBe(firstDataHour(FIXED_NOW));
    expect(Math.max(...all.map((h) => h.at))).toBeGreaterThan(FIXED_NOW - 2 * HOUR_MS);
  });
});

describe("served quickly", () => {
  const sim = simulatorForSuite();

  it("answers a 90-day usage query over all 62 endpoints, and pages it from cache", async () => {
    // A regression guard against pathological slowness, not a benchmark: the budget is generous
    // because CI machines are shared. Measured on a shared 2-core box: ~95 ms for the first (uncached) 90-day query,
    // ~20 ms for a cached page.
    const start = new Date(FIXED_NOW - 90 * DAY_MS).toISOString();
    const timed = async (params: Record<string, string | number | string[]>) => {
      const t0 = performance.now();
      const res = await sim.get<UsageResponse>(`/v1/models/usage?${qs(params)}`);
      return { ms: performance.now() - t0, body: res.body };
    };
    const base = { start, timeframe: "day", expand: ["time_series", "summary"] };
    const first = await timed(base);
    const endpoints = new Set(first.body.summary?.map((r) => r.endpoint_id));
    expect(endpoints.size).toBe(ENDPOINTS.length);
    expect(first.ms).toBeLessThan(1000);
    const second = await timed({ ...base, cursor: first.body.next_cursor ?? "" });
    expect(second.ms).toBeLessThan(first.ms + 50);
  });
});
