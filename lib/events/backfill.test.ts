import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ingestActivities } from "@/lib/events/ingest";
import { NO_DRIFT, rollupCells, rollupDrift, testEngines } from "@/lib/events/test-engines";

const NOW = Date.parse("2026-03-20T00:00:00Z");
const TYPES = ["photo.generated", "photo.viewed", "photo.shared", "booth.printed"];

/** Ten days of activities at scattered instants, some without an endpoint. */
function activities(count: number) {
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    event_id: `event-${n % 4}`,
    type: TYPES[(n * 7) % TYPES.length],
    occurred_at: new Date(NOW - 10 * 86_400_000 + ((n * 2_654_435_761) % 864_000_000)).toISOString(),
    ...(n % 3 === 0 ? {} : { endpoint_id: `fal-ai/model-${n % 5}` }),
  }));
}

describe.each(testEngines())("the coarser rollups' migration on $name", (engine) => {
  it("backfills from the 15-minute cells exactly what live writes put there", async () => {
    const durable = engine.durable();
    try {
      let store = await durable.open();
      const items = activities(3_000);
      for (let i = 0; i < items.length; i += 1_000)
        await ingestActivities(store, { activities: items.slice(i, i + 1_000) }, { now: NOW });
      const live = await rollupCells(store);
      expect(live.endpoint_rollups_daily!.length).toBeGreaterThan(100);

      // Back to the store the first version left: its 15-minute cells (written by the same statement as
      // today's), none of the tables or indexes later migrations add, and only the first migration in the journal.
      await store.db.execute(
        sql`DROP TABLE activity_rollups_hourly, activity_rollups_daily, endpoint_rollups_daily, dashboard_sessions,
                       alert_channels, alert_rules, alert_states, alert_events, alert_outbox`,
      );
      await store.db.execute(sql`DROP INDEX activities_photos_idx`);
      await store.db.execute(
        sql.raw(`DELETE FROM ${durable.journal} WHERE id > (SELECT min(id) FROM ${durable.journal})`),
      );
      await store.close();

      store = await durable.open();
      expect(await rollupCells(store)).toEqual(live);
      expect(await rollupDrift(store)).toEqual(NO_DRIFT);
      await store.close();
    } finally {
      await durable.destroy();
    }
    // Three opens of a durable store, each applying every migration, and 3,000 ingested activities.
  }, 120_000);
});
