import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HOUR_MS, createTraffic } from "@/e2e/fal-simulator/data";
import { requestsInWindow } from "@/e2e/fal-simulator/requests";
import { ENDPOINT_BY_ID } from "@/e2e/fal-simulator/world";
import { DEMO_ALL_MODELS } from "@/lib/demo/catalog";
import { resolveRange } from "@/lib/time/range";
import { DEMO_EVENTS, demoActivities } from "@/lib/events/demo-data";
import { ingestActivities } from "@/lib/events/ingest";
import { eventMetrics } from "@/lib/events/metrics";
import { seedDemoData } from "@/lib/events/seed";
import { testEngines, storeForSuite } from "@/lib/events/test-engines";
import { bucketStart } from "@/lib/time/zone";

const NOW = Date.parse("2026-11-22T15:30:00Z");
const DAY = 86_400_000;

const rows = demoActivities({ now: NOW, timezone: "UTC" });

describe("demo activities", () => {
  const photos = rows.filter((r) => r.type === "photo.generated");

  it("are deterministic for a given day and zone", () => {
    expect(demoActivities({ now: NOW, timezone: "UTC" })).toEqual(rows);
  });

  it("have the demo's scale: 100–200k activities, about 1,500 photos on the busiest day", () => {
    expect(rows.length).toBeGreaterThan(100_000);
    expect(rows.length).toBeLessThan(200_000);
    const perDay = new Map<number, number>();
    for (const p of photos) {
      const day = bucketStart(p.occurredAt, "day", "UTC").toMillis();
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(Math.max(...perDay.values())).toBeGreaterThan(1_200);
    expect(Math.max(...perDay.values())).toBeLessThan(1_800);
  });

  it("name real simulator requests: every photo of an exact event, about half of a mixed one", () => {
    const traffic = createTraffic(42);
    const succeeded = new Map<string, string>(); // request id → endpoint, for the hours photos draw from
    const known = (endpoint: string, at: number, id: string) => {
      const index = ENDPOINT_BY_ID.get(endpoint)?.index ?? -1;
      const hour = Math.floor(at / HOUR_MS);
      for (const r of requestsInWindow(traffic, (hour - 23) * HOUR_MS, (hour + 1) * HOUR_MS, NOW, [index]))
        if (r.status_code === 200) succeeded.set(r.request_id, endpoint);
      return succeeded.get(id) === endpoint;
    };
    for (const event of DEMO_EVENTS) {
      const own = photos.filter((p) => p.eventId === event.id);
      const withIds = own.filter((p) => p.falRequestId !== undefined);
      if (event.requestIds === "all") expect(withIds).toHaveLength(own.length);
      if (event.requestIds === "none") expect(withIds).toHaveLength(0);
      if (event.requestIds === "some") expect(withIds.length / own.length).toBeCloseTo(0.5, 1);
      // A sample per event: checking every photo would regenerate most of the simulator's 90 days.
      for (const p of withIds.filter((_, i) => i % 97 === 0))
        expect(known(p.endpointId ?? "", p.occurredAt, p.falRequestId ?? "")).toBe(true);
    }
  });

  it("lie in the last 90 days, never in the future, with unique ids", () => {
    expect(rows.every((r) => r.occurredAt <= NOW && r.occurredAt > NOW - 91 * DAY)).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it("attribute every photo to a catalog endpoint, the big models by their weight", () => {
    const known = new Set(DEMO_ALL_MODELS.map((m) => m.endpoint_id));
    expect(photos.every((p) => p.endpointId !== undefined && known.has(p.endpointId))).toBe(true);
    const flux = photos.filter((p) => p.endpointId === "fal-ai/flux/dev").length / photos.length;
    expect(flux).toBeGreaterThan(0.38);
    expect(flux).toBeLessThan(0.46);
  });

  it("have 3–8 views per photo and shares on 5–15 % of photos", () => {
    const views = rows.filter((r) => r.type === "photo.viewed").length / photos.length;
    const shares = rows.filter((r) => r.type === "photo.shared").length / photos.length;
    expect(views).toBeGreaterThan(3);
    expect(views).toBeLessThan(8);
    expect(shares).toBeGreaterThan(0.05);
    expect(shares).toBeLessThan(0.15);
  });
});

describe.each(testEngines())("seedDemoData on $name", (engine) => {
  const store = storeForSuite(engine);

  it("wipes and seeds with force, then leaves a filled store alone", async () => {
    const options = { now: NOW, timezone: "UTC" };
    // Every 50th activity: the same code path at a size that keeps the suite fast (`npm run seed` and
    // the e2e run write the full world).
    const sample = rows.filter((_, i) => i % 50 === 0);
    const small = () => sample;
    await ingestActivities(
      store,
      {
        activities: [
          {
            id: randomUUID(),
            event_id: "stray",
            type: "photo.generated",
            occurred_at: new Date(NOW - DAY).toISOString(),
          },
        ],
      },
      { now: NOW },
    );
    expect(await seedDemoData(store, { ...options, force: false }, small)).toEqual({
      status: "skipped",
      existing: 1,
    });
    expect(await seedDemoData(store, { ...options, force: true }, small)).toEqual({
      status: "seeded",
      activities: sample.length,
      events: DEMO_EVENTS.length,
    });
    expect(await seedDemoData(store, { ...options, force: false }, small)).toEqual({
      status: "skipped",
      existing: sample.length,
    });

    const range = resolveRange(
      {
        start: new Date(NOW - 90 * DAY).toISOString(),
        end: new Date(NOW).toISOString(),
        timezone: "UTC",
        timeframe: "day",
      },
      { defaultTimezone: "UTC", now: NOW },
    );
    const metrics = await eventMetrics(range, { store });
    expect(Object.values(metrics.totals).reduce((a, b) => a + b, 0)).toBe(sample.length);
    expect(metrics.events.map((e) => e.name).sort()).toEqual(DEMO_EVENTS.map((e) => e.name).sort());
  });
});
