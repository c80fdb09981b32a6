import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import {
  KNOWN_ACTIVITY_TYPES,
  eventMetricsResponse,
  type EventMetricsResponse,
} from "@/lib/contracts/events";
import { resolveRange, type Range } from "@/lib/time/range";
import type { EventStore } from "@/lib/events/db";
import { ingestActivities } from "@/lib/events/ingest";
import { activityTotals, eventMetrics, photosByEndpoint } from "@/lib/events/metrics";
import {
  NO_DRIFT,
  resetStore,
  rollupDrift,
  storedActivities,
  testEngines,
  type StoredActivity,
  storeForSuite,
} from "@/lib/events/test-engines";
import { TIMEFRAMES, type Timeframe } from "@/lib/time/timeframes";
import { bucketStart, bucketsBetween, formatBucket } from "@/lib/time/zone";

const NOW = Date.parse("2027-06-01T00:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** DST, :30 and :45 offsets, and Lord Howe's half-hour DST shift (+10:30 to +11:00). */
const ZONES = [
  "America/New_York",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "UTC",
];
const TYPES = [...KNOWN_ACTIVITY_TYPES, "booth.printed"];
const ENDPOINTS = ["fal-ai/flux/dev", "fal-ai/flux/schnell", "acme/photobooth-lora"];
/** Names only for some events, so the id fallback is exercised too. */
const NAMES: Record<string, string> = { e0: "Smith wedding", e1: "Expo 2026 booth" };
/** Windows around DST changes (New York, Berlin, spring and autumn; Lord Howe) and one ordinary week. */
const ANCHORS = [
  "2026-03-08T07:00:00Z",
  "2026-03-29T01:00:00Z",
  "2026-10-25T01:00:00Z",
  "2026-11-01T06:00:00Z",
  "2026-10-03T15:30:00Z",
  "2026-02-12T12:00:00Z",
].map(Date.parse);

type Draft = { event: string; type: string; at: number; endpoint?: string };

async function ingest(store: EventStore, drafts: Draft[]): Promise<void> {
  const items = drafts.map((d) => ({
    id: randomUUID(),
    event_id: d.event,
    ...(NAMES[d.event] ? { event_name: NAMES[d.event] } : {}),
    type: d.type,
    occurred_at: new Date(d.at).toISOString(),
    ...(d.endpoint ? { endpoint_id: d.endpoint } : {}),
  }));
  for (let i = 0; i < items.length; i += 1000) {
    await ingestActivities(store, { activities: items.slice(i, i + 1000) }, { now: NOW });
  }
}

function range(start: number, end: number, timeframe: Timeframe, timezone: string): Range {
  return resolveRange(
    { start: new Date(start).toISOString(), end: new Date(end).toISOString(), timeframe, timezone },
    { defaultTimezone: "UTC", now: NOW },
  );
}

/** The same answer, recounted in JS from raw rows with lib/time/zone.ts: what the SQL must agree with. */
function bruteForce(rows: StoredActivity[], r: Range, eventId?: string): EventMetricsResponse {
  const inRange = rows.filter(
    (a) =>
      a.occurred_ms >= r.startMs &&
      a.occurred_ms < r.endMs &&
      (eventId === undefined || a.event_id === eventId),
  );
  const custom = [...new Set(inRange.map((a) => a.type))]
    .filter((t) => !(KNOWN_ACTIVITY_TYPES as readonly string[]).includes(t))
    .sort();
  const zero = () => Object.fromEntries([...KNOWN_ACTIVITY_TYPES, ...custom].map((t) => [t, 0]));
  const totals = zero();
  const buckets = bucketsBetween(r.startMs, r.endMs, r.timeframe, r.timezone);
  const series = new Map(buckets.map((b) => [b.toMillis(), zero()]));
  const events = new Map<
    string,
    { photos: number; views: number; shares: number; downloads: number; first: number; last: number }
  >();
  const endpoints: Record<string, number> = {};
  for (const a of inRange) {
    totals[a.type] = (totals[a.type] ?? 0) + 1;
    const counts = series.get(bucketStart(a.occurred_ms, r.timeframe, r.timezone).toMillis())!;
    counts[a.type] = (counts[a.type] ?? 0) + 1;
    const e = events.get(a.event_id) ?? {
      photos: 0,
      views: 0,
      shares: 0,
      downloads: 0,
      first: Infinity,
      last: -Infinity,
    };
    if (a.type === "photo.generated") e.photos++;
    if (a.type === "photo.viewed") e.views++;
    if (a.type === "photo.shared") e.shares++;
    if (a.type === "photo.downloaded") e.downloads++;
    e.first = Math.min(e.first, a.occurred_ms);
    e.last = Math.max(e.last, a.occurred_ms);
    events.set(a.event_id, e);
    if (a.type === "photo.generated" && a.endpoint_id)
      endpoints[a.endpoint_id] = (endpoints[a.endpoint_id] ?? 0) + 1;
  }
  return {
    range: { start: r.start, end: r.end, timezone: r.timezone, timeframe: r.timeframe, as_of: r.as_of },
    totals,
    series: buckets.map((b) => ({ bucket: formatBucket(b), counts: series.get(b.toMillis())! })),
    events: [...events]
      .map(([id, e]) => ({
        event_id: id,
        name: NAMES[id] ?? id,
        photos_generated: e.photos,
        views: e.views,
        shares: e.shares,
        downloads: e.downloads,
        views_per_photo: e.photos > 0 ? e.views / e.photos : null,
        first_at: DateTime.fromMillis(e.first, { zone: r.timezone }).toISO() ?? "",
        last_at: DateTime.fromMillis(e.last, { zone: r.timezone }).toISO() ?? "",
      }))
      .sort((a, b) => b.photos_generated - a.photos_generated || (a.event_id < b.event_id ? -1 : 1)),
    photos_by_endpoint: endpoints,
  };
}

/** first_at/last_at as instants (their offset is checked separately); endpoint order is not part of the contract. */
function comparable(m: EventMetricsResponse) {
  const ms = (iso: string) => DateTime.fromISO(iso).toMillis();
  return {
    ...m,
    events: m.events.map((e) => ({ ...e, first_at: ms(e.first_at), last_at: ms(e.last_at) })),
    photos_by_endpoint: Object.entries(m.photos_by_endpoint).sort(),
  };
}

const SPAN_BY_TIMEFRAME: Record<Timeframe, [number, number]> = {
  minute: [MINUTE, 119 * MINUTE],
  hour: [HOUR, 4 * DAY],
  day: [DAY, 70 * DAY],
  week: [7 * DAY, 160 * DAY],
  month: [28 * DAY, 390 * DAY],
};

const rangeArb = (anchor: number) =>
  fc
    .record({
      timeframe: fc.constantFrom(...TIMEFRAMES),
      timezone: fc.constantFrom(...ZONES),
      offset: fc.integer({ min: -3 * DAY, max: 3 * DAY }),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      eventId: fc.option(fc.constantFrom("e0", "e1", "e3", "nobody"), { nil: undefined }),
    })
    .map(({ timeframe, timezone, offset, fraction, eventId }) => {
      const [lo, hi] = SPAN_BY_TIMEFRAME[timeframe];
      const start = anchor + (timeframe === "minute" ? Math.round(offset / 36) : offset);
      return {
        range: range(start, start + Math.round(lo + fraction * (hi - lo)), timeframe, timezone),
        eventId,
      };
    });

const scenarioArb = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    spread: fc.constantFrom(3 * HOUR, 4 * DAY, 10 * DAY, 60 * DAY),
  })
  .chain(({ anchor, spread }) =>
    fc.record({
      anchor: fc.constant(anchor),
      drafts: fc.array(
        fc.record({
          event: fc.constantFrom("e0", "e1", "e2", "e3"),
          type: fc.constantFrom(...TYPES),
          at: fc.integer({ min: anchor - spread / 2, max: anchor + spread / 2 }),
          endpoint: fc.option(fc.constantFrom(...ENDPOINTS), { nil: undefined }),
        }),
        { maxLength: 200 },
      ),
      queries: fc.array(rangeArb(anchor), { minLength: 1, maxLength: 3 }),
    }),
  );

describe.each(testEngines())("event metrics on $name", (engine) => {
  const store = storeForSuite(engine, { resetEach: true });

  it("agrees with a brute-force recount over the raw rows for random data, ranges, timeframes and zones", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ drafts, queries }) => {
        await resetStore(store);
        await ingest(store, drafts);
        expect(await rollupDrift(store)).toEqual(NO_DRIFT);
        const rows = await storedActivities(store);
        for (const { range: r, eventId } of queries) {
          const got = eventMetricsResponse.parse(await eventMetrics(r, { store, eventId }));
          expect(comparable(got)).toEqual(comparable(bruteForce(rows, r, eventId)));
          for (const e of got.events) {
            const offset = formatBucket(DateTime.fromISO(e.first_at, { zone: r.timezone })).slice(-6);
            expect(e.first_at.endsWith(offset)).toBe(true);
          }
          expect(await activityTotals(r, { store, eventId })).toEqual(got.totals);
          expect(await photosByEndpoint(r, { store, eventId })).toEqual(got.photos_by_endpoint);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("reads whole UTC days, hours and quarter hours where each fits, and agrees with a recount in every zone", async () => {
    // Dense enough that every cell of every grain holds activities: one every 7 minutes for 12 days.
    const from = Date.parse("2026-03-02T00:00:00Z");
    const drafts: Draft[] = [];
    for (let at = from, n = 0; at < from + 12 * DAY; at += 7 * MINUTE, n++) {
      drafts.push({
        event: `e${n % 3}`,
        type: TYPES[n % TYPES.length]!,
        at,
        ...(n % 4 === 0 ? {} : { endpoint: ENDPOINTS[n % ENDPOINTS.length] }),
      });
    }
    await ingest(store, drafts);
    const rows = await storedActivities(store);
    // Edges off the UTC day: a range from 13:10 to 09:20 ten days later, snapped to each timeframe.
    const start = from + DAY + 13 * HOUR + 10 * MINUTE;
    for (const timezone of ZONES) {
      for (const [timeframe, end] of [
        ["hour", start + 3 * DAY],
        ["day", start + 9 * DAY - 4 * HOUR],
        ["week", start + 9 * DAY],
        ["month", start + 9 * DAY],
      ] as const) {
        for (const eventId of [undefined, "e1"]) {
          const r = range(start, end, timeframe, timezone);
          const got = await eventMetrics(r, { store, eventId });
          expect(comparable(got), `${timezone} ${timeframe} ${eventId}`).toEqual(
            comparable(bruteForce(rows, r, eventId)),
          );
        }
      }
    }
  });

  /** One photo every 15 minutes from `from` to `to` (local dates in `zone`). */
  async function everyQuarterHour(zone: string, from: string, to: string): Promise<void> {
    const start = DateTime.fromISO(from, { zone }).toMillis();
    const end = DateTime.fromISO(to, { zone }).toMillis();
    const drafts: Draft[] = [];
    for (let at = start; at < end; at += 15 * MINUTE)
      drafts.push({ event: "e0", type: "photo.generated", at });
    await ingest(store, drafts);
  }

  const dayCounts = async (zone: string, from: string, to: string) => {
    const r = resolveRange(
      { start: from, end: to, timezone: zone, timeframe: "day" },
      { defaultTimezone: "UTC", now: NOW },
    );
    return (await eventMetrics(r, { store })).series.map((s) => [s.bucket, s.counts["photo.generated"]]);
  };

  it.each([
    [
      "America/New_York",
      "2026-03-07",
      "2026-03-10",
      [
        ["2026-03-07T00:00:00-05:00", 96],
        ["2026-03-08T00:00:00-05:00", 92],
        ["2026-03-09T00:00:00-04:00", 96],
      ],
    ],
    [
      "America/New_York",
      "2026-10-31",
      "2026-11-03",
      [
        ["2026-10-31T00:00:00-04:00", 96],
        ["2026-11-01T00:00:00-04:00", 100],
        ["2026-11-02T00:00:00-05:00", 96],
      ],
    ],
    [
      "Europe/Berlin",
      "2026-03-28",
      "2026-03-31",
      [
        ["2026-03-28T00:00:00+01:00", 96],
        ["2026-03-29T00:00:00+01:00", 92],
        ["2026-03-30T00:00:00+02:00", 96],
      ],
    ],
    [
      "Europe/Berlin",
      "2026-10-24",
      "2026-10-27",
      [
        ["2026-10-24T00:00:00+02:00", 96],
        ["2026-10-25T00:00:00+02:00", 100],
        ["2026-10-26T00:00:00+01:00", 96],
      ],
    ],
  ] as const)("cuts %s days %s..%s into 23- and 25-hour DST days", async (zone, from, to, expected) => {
    await everyQuarterHour(zone, from, to);
    expect(await dayCounts(zone, from, to)).toEqual(expected);
  });

  it("cuts hours across the New York spring-forward gap and the autumn repeat", async () => {
    await everyQuarterHour("America/New_York", "2026-03-08", "2026-03-09");
    await everyQuarterHour("America/New_York", "2026-11-01", "2026-11-02");
    const hours = async (day: string, next: string) => {
      const r = resolveRange(
        { start: day, end: next, timezone: "America/New_York", timeframe: "hour" },
        { defaultTimezone: "UTC", now: NOW },
      );
      return (await eventMetrics(r, { store })).series;
    };
    const spring = await hours("2026-03-08", "2026-03-09");
    expect(spring).toHaveLength(23);
    expect(spring.slice(1, 3).map((s) => s.bucket)).toEqual([
      "2026-03-08T01:00:00-05:00",
      "2026-03-08T03:00:00-04:00",
    ]);
    const autumn = await hours("2026-11-01", "2026-11-02");
    expect(autumn).toHaveLength(25);
    expect(autumn.slice(1, 3).map((s) => s.bucket)).toEqual([
      "2026-11-01T01:00:00-04:00",
      "2026-11-01T01:00:00-05:00",
    ]);
    expect(autumn.every((s) => s.counts["photo.generated"] === 4)).toBe(true);
  });

  it.each([
    ["Asia/Kolkata", "2026-03-09T05:00:00+05:30"],
    ["Asia/Kathmandu", "2026-03-09T05:00:00+05:45"],
  ])("cuts %s hours at their :30/:45 UTC boundaries from the 15-minute rollups", async (zone, bucket) => {
    const start = DateTime.fromISO(bucket).toMillis();
    await ingest(store, [
      { event: "e0", type: "photo.generated", at: start - 1 },
      { event: "e0", type: "photo.generated", at: start },
      { event: "e0", type: "photo.generated", at: start + HOUR - 1 },
      { event: "e0", type: "photo.generated", at: start + HOUR },
    ]);
    const r = range(start - HOUR, start + 2 * HOUR, "hour", zone);
    const series = (await eventMetrics(r, { store })).series;
    expect(series.map((s) => [s.bucket, s.counts["photo.generated"]])).toEqual([
      [formatBucket(DateTime.fromMillis(start - HOUR, { zone })), 1],
      [bucket, 2],
      [formatBucket(DateTime.fromMillis(start + HOUR, { zone })), 1],
    ]);
  });

  it("answers a minute series from raw rows, zero-filled, and refuses minutes over more than 2 hours", async () => {
    const start = Date.parse("2026-03-09T10:00:00Z");
    await ingest(store, [
      { event: "e0", type: "photo.generated", at: start + 30_000 },
      { event: "e0", type: "photo.viewed", at: start + 61_000 },
    ]);
    const m = await eventMetrics(range(start, start + 5 * MINUTE, "minute", "UTC"), { store });
    expect(m.series.map((s) => [s.bucket, s.counts["photo.generated"], s.counts["photo.viewed"]])).toEqual([
      ["2026-03-09T10:00:00+00:00", 1, 0],
      ["2026-03-09T10:01:00+00:00", 0, 1],
      ["2026-03-09T10:02:00+00:00", 0, 0],
      ["2026-03-09T10:03:00+00:00", 0, 0],
      ["2026-03-09T10:04:00+00:00", 0, 0],
    ]);
    await expect(
      eventMetrics(range(start, start + 2 * HOUR, "minute", "UTC"), { store }),
    ).resolves.toBeDefined();
    // Refused when the range is resolved (every route), and by the store itself for any other caller.
    const refused = await Promise.resolve()
      .then(() => eventMetrics(range(start, start + 2 * HOUR + MINUTE, "minute", "UTC"), { store }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).field).toBe("timeframe");
  });

  it("reports views per photo, null without photos, and unattributed photos only in totals", async () => {
    const at = Date.parse("2026-03-09T10:00:00Z");
    await ingest(store, [
      { event: "e0", type: "photo.generated", at, endpoint: "fal-ai/flux/dev" },
      { event: "e0", type: "photo.generated", at },
      { event: "e0", type: "photo.viewed", at },
      { event: "e0", type: "photo.viewed", at },
      { event: "e0", type: "photo.viewed", at },
      { event: "e2", type: "photo.viewed", at },
    ]);
    const m = await eventMetrics(range(at, at + DAY, "day", "UTC"), { store });
    expect(m.events.map((e) => [e.event_id, e.name, e.views_per_photo])).toEqual([
      ["e0", "Smith wedding", 1.5],
      ["e2", "e2", null],
    ]);
    expect(m.totals["photo.generated"]).toBe(2);
    expect(m.photos_by_endpoint).toEqual({ "fal-ai/flux/dev": 1 });
  });
});
