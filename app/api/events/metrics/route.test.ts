import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/events/metrics/route";
import { errorBody } from "@/lib/contracts/errors";
import { eventMetricsResponse } from "@/lib/contracts/events";
import { overrideEventsContext } from "@/lib/events/context";
import type { EventStore } from "@/lib/events/db";
import { ingestActivities } from "@/lib/events/ingest";
import { testEngines } from "@/lib/events/test-engines";

function get(query: string): Promise<Response> {
  return GET(new NextRequest(`http://localhost/api/events/metrics?${query}`), undefined);
}

describe.each(testEngines())("GET /api/events/metrics on $name", (engine) => {
  let store: EventStore;

  beforeAll(async () => {
    store = await engine.open();
    overrideEventsContext({ store });
    const at = (iso: string) => new Date(iso).toISOString();
    await ingestActivities(store, {
      activities: [
        {
          id: randomUUID(),
          event_id: "expo",
          event_name: "Expo 2026 booth",
          type: "photo.generated",
          occurred_at: at("2026-03-09T09:00:00-04:00"),
          endpoint_id: "fal-ai/flux/dev",
        },
        {
          id: randomUUID(),
          event_id: "expo",
          type: "photo.viewed",
          occurred_at: at("2026-03-09T09:05:00-04:00"),
        },
        {
          id: randomUUID(),
          event_id: "expo",
          type: "photo.shared",
          occurred_at: at("2026-03-10T23:30:00-04:00"),
        },
        {
          id: randomUUID(),
          event_id: "party",
          type: "photo.generated",
          occurred_at: at("2026-03-10T20:00:00-04:00"),
          endpoint_id: "fal-ai/flux/schnell",
        },
        {
          id: randomUUID(),
          event_id: "party",
          type: "booth.printed",
          occurred_at: at("2026-03-10T20:01:00-04:00"),
        },
        {
          id: randomUUID(),
          event_id: "party",
          type: "photo.downloaded",
          occurred_at: at("2026-03-10T20:02:00-04:00"),
        },
      ],
    });
  });
  afterAll(async () => {
    overrideEventsContext({});
    await store?.close();
  });

  it("answers the contract's shape, bucketed in the requested zone", async () => {
    const res = await get("start=2026-03-09&end=2026-03-11&timezone=America/New_York&timeframe=day");
    expect(res.status).toBe(200);
    const body = eventMetricsResponse.parse(await res.json());
    expect(body.range).toEqual({
      start: "2026-03-09T00:00:00-04:00",
      end: "2026-03-11T00:00:00-04:00",
      timezone: "America/New_York",
      timeframe: "day",
      // The window is over: its data reaches its end.
      as_of: "2026-03-11T00:00:00-04:00",
    });
    expect(body.totals).toEqual({
      "photo.generated": 2,
      "photo.viewed": 1,
      "photo.shared": 1,
      "photo.downloaded": 1,
      "booth.printed": 1,
    });
    expect(body.series).toEqual([
      {
        bucket: "2026-03-09T00:00:00-04:00",
        counts: {
          "photo.generated": 1,
          "photo.viewed": 1,
          "photo.shared": 0,
          "photo.downloaded": 0,
          "booth.printed": 0,
        },
      },
      {
        bucket: "2026-03-10T00:00:00-04:00",
        counts: {
          "photo.generated": 1,
          "photo.viewed": 0,
          "photo.shared": 1,
          "photo.downloaded": 1,
          "booth.printed": 1,
        },
      },
    ]);
    expect(body.events).toEqual([
      {
        event_id: "expo",
        name: "Expo 2026 booth",
        photos_generated: 1,
        views: 1,
        shares: 1,
        downloads: 0,
        views_per_photo: 1,
        first_at: "2026-03-09T09:00:00.000-04:00",
        last_at: "2026-03-10T23:30:00.000-04:00",
      },
      {
        event_id: "party",
        name: "party",
        photos_generated: 1,
        views: 0,
        shares: 0,
        downloads: 1,
        views_per_photo: 0,
        first_at: "2026-03-10T20:00:00.000-04:00",
        last_at: "2026-03-10T20:02:00.000-04:00",
      },
    ]);
    expect(body.photos_by_endpoint).toEqual({ "fal-ai/flux/dev": 1, "fal-ai/flux/schnell": 1 });
  });

  it("puts the late share into the next day in UTC", async () => {
    const body = eventMetricsResponse.parse(
      await (await get("start=2026-03-09&end=2026-03-12&timezone=UTC&timeframe=day")).json(),
    );
    expect(body.series.map((s) => [s.bucket, s.counts["photo.shared"]])).toEqual([
      ["2026-03-09T00:00:00+00:00", 0],
      ["2026-03-10T00:00:00+00:00", 0],
      ["2026-03-11T00:00:00+00:00", 1],
    ]);
  });

  it("filters by event_id", async () => {
    const body = eventMetricsResponse.parse(
      await (
        await get("start=2026-03-09&end=2026-03-11&timezone=America/New_York&timeframe=day&event_id=party")
      ).json(),
    );
    expect(body.events.map((e) => e.event_id)).toEqual(["party"]);
    expect(body.totals["photo.generated"]).toBe(1);
    expect(body.photos_by_endpoint).toEqual({ "fal-ai/flux/schnell": 1 });
  });

  it("leaves the series out for series=none, with the same totals, events and endpoints", async () => {
    const q = "start=2026-03-09&end=2026-03-12&timezone=America/New_York&timeframe=hour";
    const body = eventMetricsResponse.parse(await (await get(`${q}&series=none`)).json());
    expect(body.series).toEqual([]);
    // Written out from the activities above: two photos, one view, one share, one download, one print.
    expect(body.totals).toMatchObject({
      "photo.generated": 2,
      "photo.viewed": 1,
      "photo.shared": 1,
      "photo.downloaded": 1,
      "booth.printed": 1,
    });
    expect(body.events.map((e) => e.event_id).sort()).toEqual(["expo", "party"]);
    expect(body.photos_by_endpoint).toEqual({ "fal-ai/flux/dev": 1, "fal-ai/flux/schnell": 1 });
    const full = eventMetricsResponse.parse(await (await get(q)).json());
    expect(full.series).toHaveLength(72);
  });

  it("defaults to the last 7 days and answers a continuous zero-filled axis", async () => {
    const body = eventMetricsResponse.parse(await (await get("timeframe=day&timezone=UTC")).json());
    expect(body.series.length).toBeGreaterThanOrEqual(7);
    expect(body.series.every((s) => Object.values(s.counts).every((n) => n === 0))).toBe(true);
  });

  it.each([
    ["timezone=Mars/Olympus", "timezone"],
    ["timeframe=fortnight", "timeframe"],
    ["start=yesterday", "start"],
    ["start=2026-03-11&end=2026-03-09", "start"],
    ["event_id=has%20space", "event_id"],
    ["series=top", "series"],
    ["series=", "series"],
    ["start=2026-03-09T00:00:00Z&end=2026-03-09T03:00:00Z&timeframe=minute", "timeframe"],
  ])("answers 400 naming the parameter for %s", async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(errorBody.parse(await res.json()).error.field).toBe(field);
  });
});
