import { describe, expect, it } from "vitest";
import { computeForecast, forecastWindows, type DailySpend } from "@/lib/watch/forecast";

const iso = (s: string) => Date.parse(s);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("forecastWindows", () => {
  it("cuts a New York March (spring forward on the 8th) in local days", () => {
    const w = forecastWindows(iso("2026-03-10T16:00:00Z"), "America/New_York"); // 12:00 EDT
    expect(w.todayStartMs).toBe(iso("2026-03-10T04:00:00Z"));
    expect(w.todayEndMs).toBe(iso("2026-03-11T04:00:00Z"));
    expect(w.monthStartMs).toBe(iso("2026-03-01T05:00:00Z")); // midnight EST
    expect(w.monthEndMs).toBe(iso("2026-04-01T04:00:00Z")); // midnight EDT
    expect(w.burnStartMs).toBe(iso("2026-03-03T05:00:00Z")); // seven local days back, one of 23 hours
    expect(w.daysLeft).toBeCloseTo(0.5 + 21, 12); // half of the 10th, then the 11th–31st
  });

  it("counts the remaining part of a 23-hour day against its own length", () => {
    const w = forecastWindows(iso("2026-03-08T16:00:00Z"), "America/New_York"); // 12:00 EDT on the short day
    expect(w.todayEndMs - w.todayStartMs).toBe(23 * HOUR);
    expect(w.daysLeft).toBeCloseTo(12 / 23 + 23, 12);
  });

  it("counts a 25-hour day (Berlin, 25 October 2026) as one day in the burn window", () => {
    const w = forecastWindows(iso("2026-10-28T11:00:00Z"), "Europe/Berlin"); // 12:00 CET
    expect(w.todayStartMs).toBe(iso("2026-10-27T23:00:00Z"));
    expect(w.burnStartMs).toBe(iso("2026-10-20T22:00:00Z")); // midnight CEST on the 21st
    expect(w.todayStartMs - w.burnStartMs).toBe(7 * DAY + HOUR);
    expect(w.monthEndMs).toBe(iso("2026-10-31T23:00:00Z"));
    expect(w.daysLeft).toBeCloseTo(0.5 + 3, 12);
  });

  it("starts the month on the 1st and counts the rest of its last day in UTC", () => {
    const w = forecastWindows(iso("2026-02-28T18:00:00Z"), "UTC");
    expect(w.monthStartMs).toBe(iso("2026-02-01T00:00:00Z"));
    expect(w.daysLeft).toBeCloseTo(0.25, 12); // the last day of February, a quarter left
  });
});

describe("computeForecast", () => {
  const now = iso("2026-03-10T16:00:00Z");
  const windows = forecastWindows(now, "America/New_York");
  // One figure per local day from 25 February to today (the 10th, partial), day d costing d + 0.01.
  const starts = [
    "2026-02-25T05:00:00Z",
    "2026-02-26T05:00:00Z",
    "2026-02-27T05:00:00Z",
    "2026-02-28T05:00:00Z",
    "2026-03-01T05:00:00Z",
    "2026-03-02T05:00:00Z",
    "2026-03-03T05:00:00Z",
    "2026-03-04T05:00:00Z",
    "2026-03-05T05:00:00Z",
    "2026-03-06T05:00:00Z",
    "2026-03-07T05:00:00Z",
    "2026-03-08T05:00:00Z",
    "2026-03-09T04:00:00Z",
    "2026-03-10T04:00:00Z",
  ];
  const days: DailySpend[] = starts.map((s, i) => ({ startMs: iso(s), cost: i + 1 + 0.01 }));

  it("burns the 7 complete days before today, spends the month to now, forecasts to month end", () => {
    const f = computeForecast({ nowMs: now, windows, days, balance: 500, lockThreshold: 20 });
    // 3–9 March are entries 7..13 (1-based): 7.01 + … + 13.01 = 70.07.
    expect(f.daily_burn).toBeCloseTo(70.07 / 7, 9);
    // 1–10 March are entries 5..14: 5.01 + … + 14.01 = 95.1, today's partial day included.
    expect(f.month_spent).toBeCloseTo(95.1, 9);
    expect(f.month_forecast).toBeCloseTo(95.1 + (70.07 / 7) * 21.5, 9);
    expect(f.runway_days).toBeCloseTo(480 / (70.07 / 7), 9);
    expect(f.runs_out_at_ms).toBeCloseTo(now + (480 / (70.07 / 7)) * DAY, 0);
  });

  it("has no runway without burn or without a balance, and none below zero", () => {
    const idle = computeForecast({ nowMs: now, windows, days: [], balance: 500, lockThreshold: 0 });
    expect(idle).toEqual({
      daily_burn: 0,
      runway_days: null,
      runs_out_at_ms: null,
      month_spent: 0,
      month_forecast: 0,
    });
    expect(computeForecast({ nowMs: now, windows, days, balance: null, lockThreshold: 0 }).runway_days).toBe(
      null,
    );
    expect(computeForecast({ nowMs: now, windows, days, balance: 10, lockThreshold: 20 }).runway_days).toBe(
      0,
    );
  });

  it("ignores spend dated after now", () => {
    const later = [...days, { startMs: iso("2026-03-11T04:00:00Z"), cost: 1000 }];
    const f = computeForecast({ nowMs: now, windows, days: later, balance: 500, lockThreshold: 0 });
    expect(f.month_spent).toBeCloseTo(95.1, 9);
  });
});
