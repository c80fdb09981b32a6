import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { currentBalance } from "@/e2e/fal-simulator/account";
import { createTraffic } from "@/e2e/fal-simulator/data";
import { SIM_KEYS } from "@/e2e/fal-simulator/keys";
import { spikeFactor, type Spike } from "@/e2e/fal-simulator/spikes";
import { FIXED_NOW, simulatorForSuite } from "@/e2e/fal-simulator/testing";
import { ENDPOINTS } from "@/e2e/fal-simulator/world";
import { clearFalCache } from "@/lib/fal/cache";
import { anomaliesReport, forecastReport } from "@/lib/watch/report";

/**
 * Forecast and anomalies through fal's usage route (the simulator, clock pinned at FIXED_NOW =
 * 2026-11-10T15:20:30Z, i.e. 10:20 EST), against spend summed straight from the simulator's pure data
 * module with windows written out by hand. New York left summer time on 1 November, so the month holds
 * a 25-hour day and the anomaly baseline an hour that repeats.
 */

const sim = simulatorForSuite();
const traffic = createTraffic(42);
const iso = (s: string) => Date.parse(s);
const HOUR = 3_600_000;
const saved = { ...process.env };

/** Charged spend per endpoint over [startMs, endMs), as the generated hours say, spikes applied. */
function spend(startMs: number, endMs: number, spikes: readonly Spike[] = []): Map<string, number> {
  const out = new Map<string, number>();
  for (const hour of traffic.eventsInRange(startMs, endMs, FIXED_NOW)) {
    const endpoint = ENDPOINTS[hour.endpointIndex]!;
    const factor = spikeFactor(spikes, endpoint.endpoint_id, hour);
    for (const line of hour.usage) {
      const v = endpoint.variants[line.variant]!;
      const cost = line.quantity * factor * v.unit_price * (1 - (v.percent_discount ?? 0) / 100);
      out.set(endpoint.endpoint_id, (out.get(endpoint.endpoint_id) ?? 0) + cost);
    }
  }
  return out;
}
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
/**
 * Equal to the cent: within half a cent. The simulator rounds each row's money to 6 decimals like a ledger,
 * the hand sum does not, so two figures a millionth apart may still round to different cents.
 */
function toTheCent(actual: number, expected: number, what = "") {
  expect(Math.abs(actual - expected), `${what} ${actual} vs ${expected}`).toBeLessThan(0.005);
}

beforeAll(() => {
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY = SIM_KEYS.admin;
  process.env.DASHBOARD_TIMEZONE = "America/New_York";
  process.env.FAL_LOCK_THRESHOLD_USD = "25";
});
afterAll(() => {
  process.env = saved;
});
beforeEach(async () => {
  clearFalCache();
  await sim.control("POST", "/_sim/reset");
});

describe("forecastReport", () => {
  it("equals the hand-computed burn, month spend, forecast and runway to the cent", async () => {
    const f = await forecastReport(FIXED_NOW);
    // Burn: 3–9 November, all EST (UTC−5). Month: from 1 November 00:00 EDT (UTC−4) to now.
    const burn = total(spend(iso("2026-11-03T05:00:00Z"), iso("2026-11-10T05:00:00Z"))) / 7;
    const spent = total(spend(iso("2026-11-01T04:00:00Z"), FIXED_NOW + 1));
    // Days left: 13h39m30s of today's 24 hours, then 11–30 November.
    const daysLeft = (iso("2026-11-11T05:00:00Z") - FIXED_NOW) / (24 * HOUR) + 20;
    const runway = (currentBalance(42) - 25) / burn;

    expect(burn).toBeGreaterThan(1);
    toTheCent(f.daily_burn, burn);
    toTheCent(f.month.spent, spent);
    toTheCent(f.month.forecast, spent + burn * daysLeft);
    expect(f.balance).toBe(currentBalance(42));
    expect(f.runway_days).toBeCloseTo(runway, 6);
    expect(f).toMatchObject({
      currency: "USD",
      lock_threshold: 25,
      burn_window: { start: "2026-11-03T00:00:00-05:00", end: "2026-11-10T00:00:00-05:00" },
      month: { start: "2026-11-01T00:00:00-04:00", end: "2026-12-01T00:00:00-05:00" },
    });
    expect(Date.parse(f.runs_out_at!)).toBeCloseTo(FIXED_NOW + runway * 24 * HOUR, -4);
  });

  it("keeps the forecast when the key cannot read the balance, with the runway unknown", async () => {
    await sim.control("POST", "/_sim/faults", { endpoint: "billing", status: 403 });
    const f = await forecastReport(FIXED_NOW);
    expect(f.balance).toBeNull();
    expect(f.runway_days).toBeNull();
    expect(f.month.spent).toBeGreaterThan(0);
  });

  it("fails like the spend views when the key cannot read usage", async () => {
    await sim.control("POST", "/_sim/faults", { endpoint: "usage", status: 403 });
    await expect(forecastReport(FIXED_NOW)).rejects.toMatchObject({ code: "scope_insufficient" });
  });
});

describe("anomaliesReport", () => {
  const recentEnd = iso("2026-11-10T15:00:00Z"); // 10:00 EST, the start of the current hour
  const DAY = 24 * HOUR;

  function expected(spikes: readonly Spike[]) {
    const windows = Array.from({ length: 15 }, (_, k) =>
      spend(recentEnd - (k + 1) * DAY, recentEnd - k * DAY, spikes),
    );
    const ids = new Set(windows.flatMap((w) => [...w.keys()]));
    return new Map(
      [...ids].map((id) => {
        const sorted = windows
          .slice(1)
          .map((w) => w.get(id) ?? 0)
          .sort((a, b) => a - b);
        return [id, { recent: windows[0]!.get(id) ?? 0, baseline: (sorted[6]! + sorted[7]!) / 2 }];
      }),
    );
  }

  it("flags only the endpoint the simulator spiked, with recent and baseline to the cent", async () => {
    const target = ENDPOINTS[0]!.endpoint_id;
    const spike: Spike = {
      endpoint_id: target,
      start: "2026-11-09T18:00:00Z",
      end: "2026-11-10T06:00:00Z",
      multiplier: 9, // half the recent day at 9×: about 5× the usual day
    };
    expect((await sim.control("POST", "/_sim/spikes", spike)).status).toBe(200);
    const report = await anomaliesReport({ nowMs: FIXED_NOW });
    const want = expected([spike]);

    expect(report.window).toEqual({ start: "2026-11-09T10:00:00-05:00", end: "2026-11-10T10:00:00-05:00" });
    expect(report.baseline_window.start).toBe("2026-10-26T11:00:00-04:00");
    expect(report.models.map((m) => m.endpoint_id).sort()).toEqual([...want.keys()].sort());
    for (const m of report.models) {
      const w = want.get(m.endpoint_id)!;
      toTheCent(m.recent, w.recent, m.endpoint_id);
      toTheCent(m.baseline, w.baseline, m.endpoint_id);
      const flagged =
        w.baseline === 0 ? w.recent >= 5 : w.recent >= 3 * w.baseline && w.recent - w.baseline >= 5;
      expect(m.flagged, m.endpoint_id).toBe(flagged);
    }
    expect(report.models.filter((m) => m.flagged).map((m) => m.endpoint_id)).toEqual([target]);
  });

  it("flags nothing in the unspiked data, and honours a lower factor", async () => {
    const plain = await anomaliesReport({ nowMs: FIXED_NOW });
    expect(plain.models.filter((m) => m.flagged)).toEqual([]);
    const want = expected([]);
    const loose = await anomaliesReport({ nowMs: FIXED_NOW, factor: 1, minAmount: 0 });
    const expectFlagged = [...want].filter(
      ([, w]) => w.recent >= w.baseline && (w.baseline > 0 || w.recent >= 0),
    );
    expect(loose.models.filter((m) => m.flagged).length).toBe(expectFlagged.length);
  });
});
