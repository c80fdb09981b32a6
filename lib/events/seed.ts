import { sql } from "drizzle-orm";
import type { EventStore } from "@/lib/events/db";
import { DEMO_EVENTS, demoActivities } from "@/lib/events/demo-data";
import { clearStore, writeActivities } from "@/lib/events/write";

/** Large enough that a seed is a handful of statements, small enough to keep each array parameter modest. */
const CHUNK = 25_000;

export type SeedResult =
  { status: "seeded"; activities: number; events: number } | { status: "skipped"; existing: number };

/**
 * Writes the demo world when the store holds no activities (or always with `force`, which wipes first).
 * Goes through the ingest write path in large chunks, so the rollups are built exactly as in production.
 * `generate` lets tests seed a small world: the full one takes seconds to write.
 */
export async function seedDemoData(
  store: EventStore,
  options: { force: boolean; now: number; timezone: string },
  generate: typeof demoActivities = demoActivities,
): Promise<SeedResult> {
  if (options.force) {
    await clearStore(store);
  } else {
    const existing = await store.db.execute<{ n: unknown }>(
      sql`SELECT count(*)::float8 AS n FROM activities`,
    );
    const n = Number(existing.rows[0]?.n ?? 0);
    if (n > 0) return { status: "skipped", existing: n };
  }
  const rows = generate({ now: options.now, timezone: options.timezone });
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK)
    written += await writeActivities(store, rows.slice(i, i + CHUNK));
  return { status: "seeded", activities: written, events: DEMO_EVENTS.length };
}
