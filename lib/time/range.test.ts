import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { rangeQuery } from "@/lib/contracts/range";
import { resolveRange } from "@/lib/time/range";

const now = Date.parse("2026-11-22T05:55:30Z");

describe("resolveRange", () => {
  it("defaults to the last 7 days up to now, day buckets snapped like fal's bound_to_timeframe", () => {
    const r = resolveRange({}, { defaultTimezone: "UTC", now });
    expect(r).toMatchObject({
      start: "2026-11-15T00:00:00+00:00",
      end: "2026-11-23T00:00:00+00:00",
      timeframe: "day",
      timezone: "UTC",
    });
  });

  it("reads YYYY-MM-DD as midnight in the requested timezone, end exclusive", () => {
    const r = resolveRange(
      { start: "2026-03-07", end: "2026-03-10", timezone: "America/New_York" },
      { defaultTimezone: "UTC", now },
    );
    expect(r.start).toBe("2026-03-07T00:00:00-05:00");
    // After the DST change the offset is -04:00.
    expect(r.end).toBe("2026-03-10T00:00:00-04:00");
    expect(r.timeframe).toBe("day");
  });

  it("picks fal's automatic timeframe from the span", () => {
    const at = (start: string, end: string) =>
      resolveRange({ start, end }, { defaultTimezone: "UTC", now }).timeframe;
    expect(at("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z")).toBe("minute");
    expect(at("2026-01-01", "2026-01-02")).toBe("hour");
    expect(at("2026-01-01", "2026-02-01")).toBe("day");
    expect(at("2026-01-01", "2026-04-01")).toBe("week");
    expect(at("2026-01-01", "2026-12-01")).toBe("month");
  });

  it.each([
    [{ start: "2026-01-05", end: "2026-01-01" }, "start"],
    [{ start: "2020-01-01", end: "2026-01-01" }, "start"],
    [{ start: "2026-01-01", end: "2026-03-01", timeframe: "minute" as const }, "timeframe"],
    [{ start: "0000-01-01", end: "2026-01-01" }, "start"],
    [{ start: "2026-01-01", end: "9999-12-31" }, "end"],
    [
      { start: "2026-01-01T00:00:00Z", end: "2026-01-01T03:00:00Z", timeframe: "minute" as const },
      "timeframe",
    ],
  ])("rejects %j naming %s", (query, field) => {
    try {
      resolveRange(query, { defaultTimezone: "UTC", now });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).field).toBe(field);
      expect((error as ApiError).status).toBe(400);
    }
  });
});

describe("rangeQuery", () => {
  it.each([
    [{ start: "yesterday" }, "start"],
    [{ end: "2026-01-01T00:00:00" }, "end"],
    [{ timezone: "Mars/Olympus" }, "timezone"],
    [{ timeframe: "fortnight" }, "timeframe"],
    [{ start: "2026-11-05T10:00:00+25:00" }, "start"],
    [{ end: "2026-11-05T10:00:00-24:00" }, "end"],
  ])("rejects %j naming %s", (query, field) => {
    const r = rangeQuery.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("rangeQuery timezone", () => {
  it("is sent to fal in its canonical spelling", () => {
    expect(rangeQuery.parse({ timezone: "america/new_york" }).timezone).toBe("America/New_York");
  });
});
