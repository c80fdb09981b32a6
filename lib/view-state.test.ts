import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { rangeQuery, type RangeQuery } from "@/lib/contracts/range";
import { publicRange, resolveRange } from "@/lib/time/range";
import { bucketBoundaries, parseInstant } from "@/lib/time/zone";
import { apiKey, deltaPlan, planView, type View } from "@/lib/view-state";

const view = (v: Partial<View>): View => ({
  range: "7d",
  from: null,
  to: null,
  granularity: "auto",
  tz: null,
  ...v,
});

/** What the API makes of a query: parsed as a route parses it, resolved and snapped. */
function resolve(query: RangeQuery, now: number) {
  return resolveRange(rangeQuery.parse(query), { defaultTimezone: "UTC", now });
}

const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kathmandu", "Australia/Sydney"];
// Ordinary days and days around offset changes (New York 2026-03-08 / 11-01, Berlin 03-29 / 10-25,
// Sydney 04-05 / 10-04), at awkward minutes.
const NOWS = [
  "2026-12-01T14:37:12Z",
  "2026-03-08T12:05:00Z",
  "2026-11-01T06:30:00Z",
  "2026-03-29T01:59:59Z",
  "2026-10-25T00:45:00Z",
  "2026-04-05T02:20:00Z",
  "2026-10-04T16:00:00Z",
].map((s) => Date.parse(s));

describe("presets cover exactly what they say, ending with the current bucket", () => {
  const expected = {
    "24h": { n: 24, tf: "hour" },
    "7d": { n: 7, tf: "day" },
    "30d": { n: 30, tf: "day" },
    "90d": { n: 90, tf: "day" },
  } as const;
  for (const tz of ZONES) {
    for (const now of NOWS) {
      it.each(Object.entries(expected))(
        `%s in ${tz} at ${new Date(now).toISOString()}`,
        (preset, { n, tf }) => {
          const plan = planView(view({ range: preset, tz }), now, "UTC");
          expect(plan.notice).toBeNull();
          const r = resolve(plan.query, now);
          expect(r.timeframe).toBe(tf);
          const edges = bucketBoundaries(r.startMs, r.endMs, r.timeframe, r.timezone);
          expect(edges.length - 1).toBe(n);
          // The last bucket holds "now": it is the current, partial one.
          expect(edges[n - 1]!).toBeLessThanOrEqual(now);
          expect(edges[n]!).toBeGreaterThan(now);
          // Day presets start at local midnight, N−1 calendar days before today.
          if (tf === "day") {
            const today = DateTime.fromMillis(now, { zone: tz }).startOf("day");
            expect(DateTime.fromMillis(r.startMs, { zone: tz }).toISODate()).toBe(
              today.minus({ days: n - 1 }).toISODate(),
            );
          }
        },
      );
    }
  }
});

describe("granularity never widens the window", () => {
  const now = Date.parse("2026-12-01T14:37:12Z");
  const views: View[] = [
    ...["24h", "7d", "30d", "90d"].map((range) => view({ range, tz: "America/New_York" })),
    view({ range: "custom", from: "2026-06-01", to: "2026-11-30" }),
    view({ range: "custom", from: "2026-03-02", to: "2026-05-31" }), // Monday, 13 whole weeks
    view({ range: "custom", from: "2026-03-03", to: "2026-03-20" }),
  ];
  it.each(views.map((v) => [`${v.range} ${v.from ?? ""}`, v] as const))("%s", (_, v) => {
    const offered = planView(v, now, "UTC").granularities;
    for (const option of offered) {
      const plan = planView({ ...v, granularity: option.value }, now, "UTC");
      if (option.disabled) {
        expect(option.title, option.value).toMatch(/\w/);
        expect(plan.notice, option.value).toContain(option.title!);
        continue;
      }
      expect(plan.notice, option.value).toBeNull();
      const r = resolve(plan.query, now);
      // Snapping to the timeframe moved neither edge: the buckets tile the window exactly.
      const asked = [plan.query.start!, plan.query.end!].map((s) => parseInstant(s, plan.timezone));
      expect([r.startMs, r.endMs], `${option.value}`).toEqual(asked);
    }
  });

  it("offers week and month only for custom windows made of whole ones", () => {
    const options = (v: View) =>
      Object.fromEntries(planView(v, now, "UTC").granularities.map((o) => [o.value, !o.disabled]));
    expect(options(view({ range: "90d" }))).toMatchObject({
      hour: false,
      day: true,
      week: false,
      month: false,
    });
    expect(options(view({ range: "24h" }))).toMatchObject({ hour: true, day: false });
    expect(options(view({ range: "custom", from: "2026-06-01", to: "2026-11-30" }))).toMatchObject({
      month: true,
      week: false,
    });
    expect(options(view({ range: "custom", from: "2026-03-02", to: "2026-05-31" }))).toMatchObject({
      week: true,
      month: false,
    });
  });
});

describe("a URL asking for the impossible is corrected, with one line saying how", () => {
  const now = Date.parse("2026-12-01T14:37:12Z");
  it.each([
    [
      { range: "90d", granularity: "hour" },
      /Hourly buckets over 90 days would be too many.*showing daily/,
      { range: "90d", timeframe: "day" },
    ],
    [
      { range: "custom", from: "2026-11-20", to: "2026-11-10" },
      /before “From”/,
      { range: "custom", start: "2026-11-10", end: "2026-11-21" },
    ],
    [{ range: "15d" }, /Unknown range “15d”/, { range: "7d" }],
    [{ range: "custom", from: "0002-01-01", to: "2026-11-10" }, /not real dates/, { range: "7d" }],
    [{ tz: "Mars/Olympus" }, /Unknown time zone “Mars\/Olympus”; showing UTC/, { range: "7d" }],
    [
      { range: "24h", granularity: "month" },
      /Monthly buckets would stretch 24 hours/,
      { range: "24h", timeframe: "hour" },
    ],
    [{ granularity: "fortnight" }, /Unknown granularity/, { range: "7d", timeframe: "day" }],
  ] as const)("%o", (v, notice, shown) => {
    const plan = planView(view(v), now, "UTC");
    expect(plan.notice).toMatch(notice);
    expect(plan.view.range).toBe(shown.range);
    if ("timeframe" in shown) expect(plan.timeframe).toBe(shown.timeframe);
    if ("start" in shown) expect(plan.query).toMatchObject({ start: shown.start, end: shown.end });
    // What is shown resolves without a 400.
    expect(() => resolve(plan.query, now)).not.toThrow();
  });

  it("states the real dates", () => {
    expect(planView(view({ range: "7d" }), now, "UTC").label).toBe("Nov 25 – Dec 1, today so far");
    expect(planView(view({ range: "24h", tz: "Asia/Kathmandu" }), now, "UTC").label).toBe(
      "Nov 30, 21:00 – now, this hour so far",
    );
    expect(planView(view({ range: "custom", from: "2025-12-20", to: "2026-01-05" }), now, "UTC").label).toBe(
      "Dec 20, 2025 – Jan 5, 2026",
    );
  });
});

describe("deltas compare the same elapsed time", () => {
  /** Wall-clock length of a resolved window in its zone, in minutes (equal across a DST change). */
  const wallMinutes = (q: RangeQuery, now: number) => {
    const r = resolve(q, now);
    const wall = (ms: number) =>
      DateTime.fromMillis(ms, { zone: r.timezone }).setZone("UTC", { keepLocalTime: true });
    return wall(r.endMs).diff(wall(r.startMs), "minutes").minutes;
  };

  it.each([
    ["24h", "UTC", "2026-12-01T14:37:12Z"],
    ["7d", "America/New_York", "2026-03-10T18:20:00Z"], // spans the spring-forward
    ["7d", "Europe/Berlin", "2026-12-01T14:37:12Z"],
    ["30d", "America/New_York", "2026-11-03T15:00:00Z"],
    ["90d", "Asia/Kathmandu", "2026-12-01T14:37:12Z"],
  ])("%s in %s at %s", (preset, tz, at) => {
    const now = Date.parse(at);
    const plan = planView(view({ range: preset, tz }), now, "UTC");
    const range = publicRange(resolve(plan.query, now));
    const d = deltaPlan(range)!;
    expect(d.current).not.toBeNull();
    const current = resolve(d.current!, now);
    const previous = resolve(d.previous, now);
    // Both halves end before now and have the same wall-clock length.
    expect(current.endMs).toBeLessThanOrEqual(now);
    expect(current.startMs).toBe(Date.parse(range.start));
    expect(wallMinutes(d.previous, now)).toBe(wallMinutes(d.current!, now));
    expect(previous.endMs).toBeLessThanOrEqual(current.startMs + (current.endMs - current.startMs));
    expect(previous.startMs).toBeLessThan(current.startMs);
    expect(d.title).toMatch(/Same elapsed time/);
  });

  it("24 h at 14:37 compares until 14:00 with the same hours a day earlier", () => {
    const now = Date.parse("2026-12-01T14:37:12Z");
    const range = publicRange(resolve(planView(view({ range: "24h" }), now, "UTC").query, now));
    expect(deltaPlan(range)).toMatchObject({
      current: { start: "2026-11-30T15:00:00Z", end: "2026-12-01T14:00:00Z", timeframe: "hour" },
      previous: { start: "2026-11-29T15:00:00Z", end: "2026-11-30T14:00:00Z", timeframe: "hour" },
    });
  });

  it("a window that is over compares as is with the days before it", () => {
    const now = Date.parse("2026-12-01T14:37:12Z");
    const plan = planView(view({ range: "custom", from: "2026-11-01", to: "2026-11-10" }), now, "UTC");
    const d = deltaPlan(publicRange(resolve(plan.query, now)))!;
    expect(d.current).toBeNull();
    expect(d.previous).toMatchObject({ start: "2026-10-22", end: "2026-11-01", timeframe: "day" });
  });
});

describe("apiKey", () => {
  it("is the URL the browser fetches, the route's own parameters after the window", () => {
    const q: RangeQuery = {
      start: "2026-11-18",
      end: "2026-11-24T21:00:00Z",
      timezone: "UTC",
      timeframe: "hour",
    };
    expect(apiKey("/api/ai/balance")).toBe("/api/ai/balance");
    expect(apiKey("/api/ai/usage", q)).toBe(
      "/api/ai/usage?start=2026-11-18&end=2026-11-24T21%3A00%3A00Z&timezone=UTC&timeframe=hour",
    );
    expect(apiKey("/api/ai/usage", q, { series: "none" })).toBe(
      "/api/ai/usage?start=2026-11-18&end=2026-11-24T21%3A00%3A00Z&timezone=UTC&timeframe=hour&series=none",
    );
  });
});
