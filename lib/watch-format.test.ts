import { describe, expect, it } from "vitest";
import type { ForecastResponse } from "@/lib/contracts/watch";
import { anomalyText, forecastText, runwayText } from "@/lib/watch-format";

const base: ForecastResponse = {
  currency: "USD",
  timezone: "UTC",
  balance: 1234.5,
  daily_burn: 53.2,
  burn_window: { start: "2026-11-03T00:00:00+00:00", end: "2026-11-10T00:00:00+00:00" },
  runway_days: 23.2,
  runs_out_at: "2026-12-03T00:00:00+00:00",
  lock_threshold: 0,
  month: {
    start: "2026-11-01T00:00:00+00:00",
    end: "2026-12-01T00:00:00+00:00",
    spent: 820.4,
    forecast: 1609.6,
  },
  fetched_at: "2026-11-10T00:00:00Z",
  stale: false,
  stale_reason: null,
};

describe("watch words", () => {
  it("says how many days of credit are left at which burn", () => {
    expect(runwayText(base)).toEqual({ value: "23 days", subLabel: "of credit at $53.20/day" });
    expect(runwayText({ ...base, runway_days: 2.46 }).value).toBe("2.5 days");
    expect(runwayText({ ...base, runway_days: null }).value).toBe("no burn");
    expect(runwayText({ ...base, balance: null, runway_days: null }).value).toBe("—");
  });

  it("rounds the month-end forecast to whole dollars", () => {
    expect(forecastText(base)).toEqual({ value: "≈ $1,610", subLabel: "$820.40 so far this month" });
  });

  it("reads an anomaly as a multiple of the usual day, or as new spend", () => {
    expect(anomalyText({ recent: 41, ratio: 4.1 }, "USD")).toBe("4.1× its usual day");
    expect(anomalyText({ recent: 12.5, ratio: null }, "USD")).toBe("new: $12.50 in 24 h");
  });
});
