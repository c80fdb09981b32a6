import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/events/metrics/route";
import { POST } from "@/app/api/ingest/route";
import { resolveRange } from "@/lib/time/range";
import { overrideEventsContext } from "@/lib/events/context";
import type { EventStore } from "@/lib/events/db";
import { cachedEventMetrics, eventsChanged } from "@/lib/events/metrics-cache";
import { testEngines } from "@/lib/events/test-engines";
import { writeActivities } from "@/lib/events/write";

/** The answer cache is the same on every engine: PGlite suffices. */
const engine = testEngines()[0]!;
const TOKEN = "metrics-cache-test-token-0123";
const NOW = Date.parse("2026-03-20T12:00:00Z");
const QUERY = { start: "2026-03-01", end: "2026-03-15", timeframe: "day" as const, timezone: "UTC" };
const range = () => resolveRange(QUERY, { defaultTimezone: "UTC", now: NOW });

let store: EventStore;

const photo = (day: string) => ({
  id: randomUUID(),
  eventId: "smith-wedding",
  type: "photo.generated",
  occurredAt: Date.parse(`${day}T10:00:00Z`),
  endpointId: "fal-ai/flux/dev",
});

beforeAll(async () => {
  store = await engine.open();
  overrideEventsContext({ store, ingestToken: TOKEN });
  await writeActivities(store, [photo("2026-03-02"), photo("2026-03-03")]);
  eventsChanged();
});

afterAll(async () => {
  overrideEventsContext({});
  await store?.close();
});

describe("event metrics answers", () => {
  it("are computed once for concurrent and repeated identical questions", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => cachedEventMetrics(range())));
    expect(new Set(answers).size).toBe(1);
    expect(await cachedEventMetrics(range())).toBe(answers[0]);
    expect(answers[0]!.totals["photo.generated"]).toBe(2);
    // Another question is another answer.
    expect(await cachedEventMetrics(range(), "other-event")).not.toBe(answers[0]);
  });

  it("show a write through this server's ingest route at once", async () => {
    const metrics = async () => {
      const res = await GET(
        new NextRequest(`http://localhost/api/events/metrics?${new URLSearchParams(QUERY)}`),
        undefined,
      );
      return ((await res.json()) as { totals: Record<string, number> }).totals["photo.generated"];
    };
    const before = await metrics();
    const res = await POST(
      new NextRequest("http://localhost/api/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          activities: [
            {
              id: randomUUID(),
              event_id: "smith-wedding",
              type: "photo.generated",
              occurred_at: "2026-03-04T10:00:00Z",
            },
          ],
        }),
      }),
      undefined,
    );
    expect(res.status).toBe(200);
    expect(await metrics()).toBe(before! + 1);
  });

  it("show a write made elsewhere once told the store changed (or after their few seconds)", async () => {
    const cached = await cachedEventMetrics(range());
    // As a second app instance on the same PostgreSQL would: nothing in this process hears of it.
    await writeActivities(store, [photo("2026-03-05")]);
    expect(await cachedEventMetrics(range())).toBe(cached);
    eventsChanged();
    const fresh = await cachedEventMetrics(range());
    expect(fresh.totals["photo.generated"]).toBe(cached.totals["photo.generated"]! + 1);
  });
});
