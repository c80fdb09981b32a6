import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { TIMEFRAMES, type Timeframe } from "@/lib/time/timeframes";
import {
  MAX_BUCKETS,
  bucketBoundaries,
  bucketStart,
  bucketsBetween,
  formatBucket,
  snapToTimeframe,
} from "@/lib/time/zone";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2041, 0, 1);
const ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone")];

/**
 * The oracle: what an instant's bucket is, read from the runtime's Intl data (local date, time and
 * offset), independently of the arithmetic under test. Below a day the offset is part of the bucket, as in
 * Postgres' date_trunc; weeks are ISO weeks (Luxon's reading of the same local date).
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function local(ms: number, zone: string): { date: string; hour: string; minute: string; offset: string } {
  let f = formats.get(zone);
  if (!f) {
    const options = {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    } as const;
    f = new Intl.DateTimeFormat("en-CA", {
      ...options,
      timeZone: zone,
      hourCycle: "h23",
      timeZoneName: "longOffset",
    });
    formats.set(zone, f);
  }
  // e.g. "2026-04-05, 01:30 GMT+10:30"
  const [, date, hour, minute, offset] = /^(\d{4}-\d{2}-\d{2}), (\d{2}):(\d{2}) (\S+)$/.exec(f.format(ms))!;
  return { date: date!, hour: hour!, minute: minute!, offset: offset! };
}

function label(ms: number, timeframe: Timeframe, zone: string): string {
  const t = local(ms, zone);
  switch (timeframe) {
    case "minute":
      return `${t.date} ${t.hour}:${t.minute} ${t.offset}`;
    case "hour":
      return `${t.date} ${t.hour} ${t.offset}`;
    case "day":
      return t.date;
    case "week": {
      const d = DateTime.fromISO(t.date, { zone: "UTC" });
      return `${d.weekYear}-W${d.weekNumber}`;
    }
    case "month":
      return t.date.slice(0, 7);
  }
}

/** Finite, strictly increasing, covering [start, end), and each boundary a real change of bucket. */
function checkWindow(start: number, end: number, timeframe: Timeframe, zone: string) {
  const bounds = bucketBoundaries(start, end, timeframe, zone);
  const where = `${timeframe} ${zone} ${new Date(start).toISOString()}..${new Date(end).toISOString()}`;
  expect(bounds.length, where).toBeGreaterThanOrEqual(2);
  expect(bounds[0]!, where).toBeLessThanOrEqual(start);
  expect(bounds.at(-1)!, where).toBeGreaterThanOrEqual(end);
  expect(bounds.at(-2)!, where).toBeLessThan(end);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i]!, bounds[i + 1]!];
    expect(b, where).toBeGreaterThan(a);
    const inside = label(a, timeframe, zone);
    expect(label(a - 1, timeframe, zone), `${where}: bucket ${i} starts where nothing changes`).not.toBe(
      inside,
    );
    expect(label(b - 1, timeframe, zone), `${where}: bucket ${i} is not one label`).toBe(inside);
    expect(label(Math.floor((a + b) / 2), timeframe, zone), where).toBe(inside);
  }
  expect(label(bounds.at(-1)!, timeframe, zone), where).not.toBe(label(bounds.at(-1)! - 1, timeframe, zone));
}

/** Every offset change of a zone in 2000–2040 (weekly steps, then bisection). */
function transitions(zone: string): number[] {
  const offset = (ms: number) => local(ms, zone).offset;
  const out: number[] = [];
  for (let lo = FROM; lo < TO; lo += 7 * DAY) {
    if (offset(lo) === offset(lo + 7 * DAY)) continue;
    let [a, b] = [lo, lo + 7 * DAY];
    while (b - a > 1) {
      const mid = a + Math.floor((b - a) / 2);
      if (offset(mid) === offset(a)) a = mid;
      else b = mid;
    }
    out.push(b);
  }
  return out;
}

const SPAN: Record<Timeframe, number> = {
  minute: 20 * 60_000,
  hour: 4 * HOUR,
  day: 3 * DAY,
  week: 15 * DAY,
  month: 70 * DAY,
};

describe("bucket boundaries", () => {
  it("the half-hour fall-back on Lord Howe Island ends: 25 hourly buckets, one of 30 minutes", () => {
    const start = Date.parse("2026-04-04T12:00:00Z");
    const end = Date.parse("2026-04-05T12:00:00Z");
    const labels = bucketsBetween(start, end, "hour", "Australia/Lord_Howe").map(formatBucket);
    expect(labels).toHaveLength(25);
    expect(labels.slice(2, 6)).toEqual([
      "2026-04-05T01:00:00+11:00",
      "2026-04-05T01:30:00+10:30",
      "2026-04-05T02:00:00+10:30",
      "2026-04-05T03:00:00+10:30",
    ]);
  });

  it.each([
    ["America/Caracas", "2007-12-09T06:00:00Z"],
    ["Asia/Pyongyang", "2015-08-14T14:00:00Z"],
    ["Asia/Pyongyang", "2018-05-04T14:00:00Z"],
    ["Pacific/Norfolk", "2015-10-03T14:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-03T15:00:00Z"],
  ])("%s around %s: every timeframe ends and covers the day", (zone, at) => {
    const ms = Date.parse(at);
    for (const tf of ["minute", "hour", "day", "week", "month"] as const) {
      const span = tf === "minute" ? 2 * HOUR : 2 * DAY;
      checkWindow(ms - span / 2, ms + span / 2, tf, zone);
    }
  });

  it("keeps the repeated hour of a one-hour fall-back as two buckets, as Postgres' date_trunc does", () => {
    const labels = bucketsBetween(
      Date.parse("2026-11-01T04:00:00Z"),
      Date.parse("2026-11-01T08:00:00Z"),
      "hour",
      "America/New_York",
    ).map(formatBucket);
    expect(labels).toEqual([
      "2026-11-01T00:00:00-04:00",
      "2026-11-01T01:00:00-04:00",
      "2026-11-01T01:00:00-05:00",
      "2026-11-01T02:00:00-05:00",
    ]);
  });

  it("starts a day at the first instant that exists when midnight is skipped (Santiago, spring forward)", () => {
    expect(formatBucket(bucketStart(Date.parse("2026-09-06T12:00:00Z"), "day", "America/Santiago"))).toBe(
      "2026-09-06T01:00:00-03:00",
    );
  });

  it("refuses to list more than MAX_BUCKETS instead of exhausting memory", () => {
    expect(() => bucketBoundaries(FROM, FROM + (MAX_BUCKETS + 1) * 60_000, "minute", "UTC")).toThrow(
      RangeError,
    );
  });

  it("every zone, every timeframe, around every offset change in 2000–2040", { timeout: 120_000 }, () => {
    let windows = 0;
    for (const zone of ZONES) {
      // A zone repeats the same change every year; one of each kind (old → new offset, local time of day)
      // keeps this under a few seconds without skipping any kind.
      const kinds = new Map<string, number>();
      for (const at of transitions(zone)) {
        const before = local(at - 1, zone);
        kinds.set(`${before.offset}>${local(at, zone).offset}@${before.hour}:${before.minute}`, at);
      }
      for (const at of kinds.values()) {
        for (const tf of TIMEFRAMES) {
          checkWindow(at - SPAN[tf] / 2, at + SPAN[tf] / 2, tf, zone);
          windows++;
        }
      }
    }
    expect(windows).toBeGreaterThan(1_000);
  });

  it("every zone, every timeframe: random windows in 2000–2040", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...TIMEFRAMES),
        fc.integer({ min: FROM, max: TO }),
        fc.integer({ min: 1, max: 60 }),
        (zone, tf, start, buckets) => {
          checkWindow(start, start + (buckets * SPAN[tf]) / 3, tf, zone);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("snaps a window to whole buckets, also across the Lord Howe fall-back", () => {
    const zone = "Australia/Lord_Howe";
    const snapped = snapToTimeframe(
      Date.parse("2026-04-04T14:40:00Z"),
      Date.parse("2026-04-04T15:10:00Z"),
      "hour",
      zone,
    );
    expect(new Date(snapped.startMs).toISOString()).toBe("2026-04-04T14:00:00.000Z");
    expect(new Date(snapped.endMs).toISOString()).toBe("2026-04-04T15:30:00.000Z");
  });
});
