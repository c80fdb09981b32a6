import { describe, expect, it } from "vitest";
import {
  formatInstant,
  formatBucketLabel,
  formatCompact,
  formatCompactMoney,
  formatDelta,
  formatDuration,
  formatMoney,
  formatNumber,
  formatPercent,
  formatUnitPrice,
} from "./format";

describe("formatMoney", () => {
  it("shows cents", () => {
    expect(formatMoney(412.31)).toBe("$412.31");
    expect(formatMoney(1234567.891)).toBe("$1,234,567.89");
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(0.1 + 0.2)).toBe("$0.30");
  });

  it("never prints a positive amount as $0.00", () => {
    expect(formatMoney(0.0031)).toBe("$0.0031");
    expect(formatMoney(0.00312345)).toBe("$0.0031");
    expect(formatMoney(0.005)).toBe("$0.005");
    expect(formatMoney(0.00999)).toBe("$0.01");
    expect(formatMoney(0.000012345)).toBe("$0.000012");
    expect(formatMoney(1e-7)).toBe("$0.0000001");
    expect(formatMoney(Number.MIN_VALUE)).not.toMatch(/^\$0\.00$/);
  });

  it("keeps sub-cent negatives visible and hides negative zero", () => {
    expect(formatMoney(-0.0031)).toBe("-$0.0031");
    expect(formatMoney(-0)).toBe("$0.00");
    expect(formatMoney(-12.5)).toBe("-$12.50");
  });

  it("rounds half-cents without showing -$0.00", () => {
    expect(formatMoney(-0.0049999)).toBe("-$0.005");
    expect(formatMoney(1.005)).toMatch(/^\$1\.0[01]$/);
  });

  it("signs differences on request", () => {
    expect(formatMoney(3.2, "USD", { signed: true })).toBe("+$3.20");
    expect(formatMoney(-3.2, "USD", { signed: true })).toBe("-$3.20");
    expect(formatMoney(0, "USD", { signed: true })).toBe("$0.00");
  });

  it("handles huge numbers, other currencies and garbage", () => {
    expect(formatMoney(1e15)).toBe("$1,000,000,000,000,000.00");
    expect(formatMoney(1234.5, "EUR")).toBe("€1,234.50");
    expect(formatMoney(1234, "JPY")).toBe("¥1,234");
    expect(formatMoney(0.4, "JPY")).toBe("¥0.4");
    expect(formatMoney(Number.NaN)).toBe("—");
    expect(formatMoney(Number.POSITIVE_INFINITY)).toBe("—");
    expect(formatMoney(null)).toBe("—");
  });
});

describe("formatCompactMoney", () => {
  it("compacts thousands and up", () => {
    expect(formatCompactMoney(1234)).toBe("$1.2k");
    expect(formatCompactMoney(3_400_000)).toBe("$3.4M");
    expect(formatCompactMoney(-1500)).toBe("-$1.5k");
    expect(formatCompactMoney(12.345)).toBe("$12.35");
    expect(formatCompactMoney(0.0031)).toBe("$0.0031");
    expect(formatCompactMoney(-0)).toBe("$0.00");
  });
});

describe("formatNumber / formatCompact", () => {
  it("groups and trims float noise", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(1e-7)).toBe("0");
    expect(formatNumber(2.456, 1)).toBe("2.5");
    expect(formatNumber(1e21)).toBe("1,000,000,000,000,000,000,000");
    expect(formatNumber(undefined)).toBe("—");
  });

  it("compacts with a lower-case k", () => {
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(1200)).toBe("1.2k");
    expect(formatCompact(3_400_000)).toBe("3.4M");
    expect(formatCompact(5.6e9)).toBe("5.6B");
    expect(formatCompact(999_999)).toBe("1M");
    expect(formatCompact(-0)).toBe("0");
    expect(formatCompact(0.1 + 0.2)).toBe("0.3");
  });
});

describe("formatPercent", () => {
  it("formats ratios", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(-0)).toBe("0%");
    expect(formatPercent(0.1 + 0.2)).toBe("30%");
  });

  it("does not round a real rate down to 0%", () => {
    expect(formatPercent(0.0004)).toBe("<0.1%");
    expect(formatPercent(1e-7)).toBe("<0.1%");
    expect(formatPercent(-1e-7)).toBe(">-0.1%");
    expect(formatPercent(0.0005)).toBe("0.1%");
  });

  it("shows a dash for missing values", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("picks a unit", () => {
    expect(formatDuration(0.85)).toBe("850 ms");
    expect(formatDuration(2.4)).toBe("2.4 s");
    expect(formatDuration(72)).toBe("1 m 12 s");
    expect(formatDuration(7500)).toBe("2 h 5 m");
    expect(formatDuration(90_000)).toBe("1 d 1 h");
  });

  it("rounds at the boundaries without impossible values", () => {
    expect(formatDuration(0.9996)).toBe("1.0 s");
    expect(formatDuration(59.96)).toBe("1 m 0 s");
    expect(formatDuration(3599.6)).toBe("1 h 0 m");
    expect(formatDuration(0.1 + 0.2)).toBe("300 ms");
  });

  it("handles zero, tiny, negative and missing", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(-0)).toBe("0 ms");
    expect(formatDuration(1e-7)).toBe("<1 ms");
    expect(formatDuration(-2.4)).toBe("-2.4 s");
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("—");
  });
});

describe("formatBucketLabel", () => {
  it("uses the bucket's own offset, not the machine's zone", () => {
    expect(formatBucketLabel("2026-03-09T14:00:00-04:00", "hour")).toBe("14:00");
    expect(formatBucketLabel("2026-03-09T14:05:00+05:30", "minute")).toBe("14:05");
    expect(formatBucketLabel("2026-03-09T00:00:00-04:00", "day")).toBe("Mar 9");
    // Midnight in a zone west of UTC is still the same calendar day, not the previous one.
    expect(formatBucketLabel("2026-03-09T00:00:00-10:00", "day")).toBe("Mar 9");
    expect(formatBucketLabel("2026-03-09T00:00:00-04:00", "week")).toBe("Week of Mar 9");
    expect(formatBucketLabel("2026-03-01T00:00:00-05:00", "month")).toBe("Mar 2026");
    expect(formatBucketLabel("2026-03-01T00:00:00Z", "month")).toBe("Mar 2026");
  });

  it("shows the wall-clock digits of a string without an offset as they are", () => {
    expect(formatBucketLabel("2026-03-09T14:00:00", "hour")).toBe("14:00");
  });

  it("has an unambiguous long form", () => {
    expect(formatBucketLabel("2026-03-09T14:00:00-04:00", "hour", "full")).toBe("Mar 9, 2026, 14:00");
    expect(formatBucketLabel("2026-03-09T00:00:00-04:00", "day", "full")).toBe("Mon, Mar 9, 2026");
    expect(formatBucketLabel("2026-03-09T00:00:00-04:00", "week", "full")).toBe("Week of Mar 9, 2026");
    expect(formatBucketLabel("2026-03-01T00:00:00-05:00", "month", "full")).toBe("March 2026");
  });

  it("returns unparsable input unchanged", () => {
    expect(formatBucketLabel("not a date", "day")).toBe("not a date");
  });
});

describe("formatDelta", () => {
  it("signs the change", () => {
    expect(formatDelta(112, 100)).toEqual({ text: "+12%", direction: "up" });
    expect(formatDelta(92, 100)).toEqual({ text: "-8%", direction: "down" });
    expect(formatDelta(100.4, 100)).toEqual({ text: "+0.4%", direction: "up" });
    expect(formatDelta(300, 100)).toEqual({ text: "+200%", direction: "up" });
  });

  it("is flat when the change rounds away", () => {
    expect(formatDelta(100, 100)).toEqual({ text: "0%", direction: "flat" });
    expect(formatDelta(0.1 + 0.2, 0.3)).toEqual({ text: "0%", direction: "flat" });
    expect(formatDelta(100.0001, 100)).toEqual({ text: "0%", direction: "flat" });
  });

  it("follows the change for negative bases", () => {
    expect(formatDelta(-50, -100)).toEqual({ text: "+50%", direction: "up" });
  });

  it("has no delta without a base", () => {
    expect(formatDelta(5, 0)).toBeNull();
    expect(formatDelta(5, -0)).toBeNull();
    expect(formatDelta(5, null)).toBeNull();
    expect(formatDelta(null, 5)).toBeNull();
    expect(formatDelta(Number.NaN, 5)).toBeNull();
    expect(formatDelta(Number.MAX_VALUE, -Number.MAX_VALUE)).toBeNull();
  });

  it("handles huge values", () => {
    expect(formatDelta(2e300, 1e300)).toEqual({ text: "+100%", direction: "up" });
  });
});

describe("formatUnitPrice", () => {
  it.each([
    [0.025, "$0.025"],
    [0.0238691, "$0.0239"],
    [0.003, "$0.003"],
    [0.2385179, "$0.239"],
    [1.5, "$1.50"],
    [12.34567, "$12.3457"],
    [null, "—"],
  ])("%s → %s", (value, text) => {
    expect(formatUnitPrice(value)).toBe(text);
  });
});

describe("formatInstant", () => {
  // Written out by hand: 17:53 UTC is 18:53 in Berlin and 04:53 the next day on Lord Howe Island (+11).
  it("reads the instant in the dashboard's zone and names it, whatever zone the process runs in", () => {
    const at = "2026-12-01T17:53:00Z";
    const style = { dateStyle: "medium", timeStyle: "short" } as const;
    expect(formatInstant(at, "Europe/Berlin", style).replace(/\s/g, " ")).toBe("Dec 1, 2026, 6:53 PM GMT+1");
    expect(formatInstant(at, "Australia/Lord_Howe", style).replace(/\s/g, " ")).toBe(
      "Dec 2, 2026, 4:53 AM GMT+11",
    );
    expect(formatInstant(at, "UTC", { timeStyle: "short" }).replace(/\s/g, " ")).toBe("5:53 PM UTC");
  });
});
