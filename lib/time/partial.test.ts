import { describe, expect, it } from "vitest";
import { clipToNow, FAL_LAG_MS } from "@/lib/time/partial";

const HOUR = 3_600_000;
const start = Date.parse("2026-12-01T00:00:00Z");
const hours = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ bucket: new Date(start + i * HOUR).toISOString(), v: i }));
const range = (asOf: number | null) => ({
  start: new Date(start).toISOString(),
  end: new Date(start + 24 * HOUR).toISOString(),
  timezone: "UTC",
  timeframe: "hour" as const,
  ...(asOf === null ? {} : { as_of: new Date(asOf).toISOString() }),
});

describe("clipToNow", () => {
  it("drops buckets that have not begun and marks the current one partial", () => {
    const asOf = start + 14 * HOUR + 37 * 60_000;
    const { points, partialFrom } = clipToNow(hours(24), range(asOf));
    expect(points.map((p) => p.v)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(partialFrom).toBe(14);
  });

  it("with fal's lag, a bucket that ended minutes ago is still filling too", () => {
    const asOf = start + 14 * HOUR + 5 * 60_000;
    expect(clipToNow(hours(24), range(asOf), FAL_LAG_MS).partialFrom).toBe(13);
    expect(clipToNow(hours(24), range(asOf)).partialFrom).toBe(14);
  });

  it("a window that is over keeps every bucket and marks none", () => {
    const { points, partialFrom } = clipToNow(hours(24), range(start + 30 * HOUR));
    expect(points).toHaveLength(24);
    expect(partialFrom).toBe(24);
    expect(clipToNow(hours(24), range(null)).partialFrom).toBe(24);
  });

  it("compares instants, not strings: offsets in the labels do not matter", () => {
    const series = [
      { bucket: "2026-12-01T00:00:00-05:00" },
      { bucket: "2026-12-01T01:00:00-05:00" },
      { bucket: "2026-12-01T02:00:00-05:00" },
    ];
    const r = {
      start: "2026-12-01T00:00:00-05:00",
      end: "2026-12-01T03:00:00-05:00",
      timezone: "America/New_York",
      timeframe: "hour" as const,
      as_of: "2026-12-01T06:30:00Z",
    };
    expect(clipToNow(series, r)).toEqual({ points: series.slice(0, 2), partialFrom: 1 });
  });
});
