import "server-only";
import { and, eq, gt, lt } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { eventStore } from "@/lib/events/context";
import { dashboardSessions } from "@/lib/events/schema";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Which sessions are live, kept in the store so logging out ends a session on every server sharing the
 * database. The proxy asks on every request, so answers are remembered briefly: a session another
 * server ended stays usable here for at most LIVE_TTL_MS, one this server ended stops at once.
 */
const LIVE_TTL_MS = 5_000;

/** One per process: the proxy and the route handlers are separate module graphs that must agree. */
const known = processSingleton(
  "auth-sessions",
  () => new LRUCache<string, boolean>({ max: 10_000, ttl: LIVE_TTL_MS }),
);

export async function recordSession(id: string, expiresAt: Date): Promise<void> {
  // Through the store's guard, like every other write: a failing store answers 503, a nearly full disk
  // is refused before PGlite could hit it.
  await (
    await eventStore()
  ).run("write", async (db) => {
    // Expired rows are dead weight; sign-ins are rare enough to sweep them here.
    await db.delete(dashboardSessions).where(lt(dashboardSessions.expiresAt, new Date()));
    await db.insert(dashboardSessions).values({ id, expiresAt });
  });
  known.set(id, true);
}

export async function isLiveSession(id: string): Promise<boolean> {
  const cached = known.get(id);
  if (cached !== undefined) return cached;
  const rows = await (
    await eventStore()
  ).run("read", (db) =>
    db
      .select({ id: dashboardSessions.id })
      .from(dashboardSessions)
      .where(and(eq(dashboardSessions.id, id), gt(dashboardSessions.expiresAt, new Date()))),
  );
  const live = rows.length > 0;
  known.set(id, live);
  return live;
}

export async function endSession(id: string): Promise<void> {
  known.set(id, false);
  await (
    await eventStore()
  ).run("write", (db) => db.delete(dashboardSessions).where(eq(dashboardSessions.id, id)));
}
