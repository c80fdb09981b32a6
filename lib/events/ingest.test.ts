import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { MAX_FUTURE_MS } from "@/lib/contracts/events";
import { resolveRange } from "@/lib/time/range";
import type { EventStore } from "@/lib/events/db";
import { ingestActivities } from "@/lib/events/ingest";
import { activityTotals, eventMetrics } from "@/lib/events/metrics";
import {
  NO_DRIFT,
  rollupDrift,
  storedActivities,
  testEngines,
  storeForSuite,
} from "@/lib/events/test-engines";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const TYPES = ["photo.generated", "photo.viewed", "photo.shared", "booth.printed"];

function activity(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    event_id: `event-${n % 3}`,
    type: TYPES[n % TYPES.length],
    occurred_at: new Date(NOW - (n % 500) * 60_000).toISOString(),
    ...(n % 2 === 0 ? { endpoint_id: `fal-ai/model-${n % 5}` } : {}),
    ...overrides,
  };
}

const wholeRange = resolveRange(
  { start: "2026-03-01", end: "2026-03-12", timezone: "UTC", timeframe: "day" },
  { defaultTimezone: "UTC", now: NOW },
);

async function rollupSum(store: EventStore): Promise<number> {
  const result = await store.db.execute<{ n: unknown }>(
    sql`SELECT coalesce(sum(count), 0)::float8 AS n FROM activity_rollups`,
  );
  return Number(result.rows[0]?.n);
}

describe.each(testEngines())("ingestActivities on $name", (engine) => {
  const store = storeForSuite(engine, { resetEach: true });

  it("accepts an instant exactly 5 minutes ahead and refuses one a millisecond later", async () => {
    const at = (ms: number) => ({
      activities: [activity(0, { occurred_at: new Date(NOW + ms).toISOString() })],
    });
    await expect(ingestActivities(store, at(MAX_FUTURE_MS), { now: NOW })).resolves.toEqual({
      accepted: 1,
      duplicates: 0,
    });
    const refused = await ingestActivities(store, at(MAX_FUTURE_MS + 1), { now: NOW }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).issues).toEqual([
      expect.objectContaining({ index: 0, field: "occurred_at" }),
    ]);
  });

  it("keeps the last event_name sent and never clears it", async () => {
    await ingestActivities(
      store,
      {
        activities: [
          activity(0, { event_id: "w", event_name: "First" }),
          activity(1, { event_id: "w", event_name: "Smith wedding" }),
        ],
      },
      { now: NOW },
    );
    await ingestActivities(store, { activities: [activity(2, { event_id: "w" })] }, { now: NOW });
    const metrics = await eventMetrics(wholeRange, { store });
    expect(metrics.events.map((e) => [e.event_id, e.name])).toEqual([["w", "Smith wedding"]]);
  });

  it("8 concurrent writers with 10 % repeated ids: exact accepted/duplicate counts, rows and every rollup table agree", async () => {
    const writers = 8;
    const batches = 10;
    const shared = Array.from({ length: 200 }, (_, n) => activity(10_000 + n));
    const expectedIds = new Set<string>();
    const plans = Array.from({ length: writers }, (_, w) =>
      Array.from({ length: batches }, (_, b) => {
        const fresh = Array.from({ length: 90 }, (_, k) => activity(w * 1000 + b * 100 + k));
        // The same item (as a retry would resend it), drawn by several writers and sometimes twice in one batch.
        const repeated = Array.from(
          { length: 10 },
          (_, k) => shared[(w * 31 + b * 7 + k * 13) % shared.length]!,
        );
        const batch = [...fresh, ...repeated];
        for (const a of batch) expectedIds.add(a.id);
        return batch;
      }),
    );

    const results = await Promise.all(
      plans.map(async (plan) => {
        let accepted = 0;
        let duplicates = 0;
        for (const batch of plan) {
          const r = await ingestActivities(store, { activities: batch }, { now: NOW });
          accepted += r.accepted;
          duplicates += r.duplicates;
        }
        return { accepted, duplicates };
      }),
    );

    const sent = writers * batches * 100;
    const accepted = results.reduce((s, r) => s + r.accepted, 0);
    const duplicates = results.reduce((s, r) => s + r.duplicates, 0);
    expect(accepted).toBe(expectedIds.size);
    expect(duplicates).toBe(sent - expectedIds.size);

    const rows = await storedActivities(store);
    expect(rows).toHaveLength(expectedIds.size);
    expect(await rollupSum(store)).toBe(expectedIds.size);
    expect(await rollupDrift(store)).toEqual(NO_DRIFT);
    const byType: Record<string, number> = {
      "photo.generated": 0,
      "photo.viewed": 0,
      "photo.shared": 0,
      "photo.downloaded": 0,
    };
    for (const r of rows) byType[r.type] = (byType[r.type] ?? 0) + 1;
    expect(await activityTotals(wholeRange, { store })).toEqual(byType);
  });

  it("writes nothing when the batch fails validation, even after good items", async () => {
    const body = { activities: [activity(1), activity(2), { ...activity(3), type: "Bad" }] };
    await expect(ingestActivities(store, body, { now: NOW })).rejects.toBeInstanceOf(ApiError);
    expect(await storedActivities(store)).toEqual([]);
    expect(await rollupSum(store)).toBe(0);
  });
});
