import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { endSession, isLiveSession, recordSession } from "@/lib/auth/sessions";
import { dashboardSessions } from "@/lib/events/schema";
import { testEngines, storeForSuite } from "@/lib/events/test-engines";

const newId = () => randomBytes(16).toString("base64url");
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe.each(testEngines())("sessions on $name", (engine) => {
  const store = storeForSuite(engine, { asAppStore: true });

  it("a recorded session is live until it ends", async () => {
    const id = newId();
    expect(await isLiveSession(id)).toBe(false);
    await recordSession(id, inAnHour());
    expect(await isLiveSession(id)).toBe(true);
    await endSession(id);
    expect(await isLiveSession(id)).toBe(false);
  });

  it("an expired session is not live, and the next sign-in sweeps it away", async () => {
    const old = newId();
    await store.db.insert(dashboardSessions).values({ id: old, expiresAt: new Date(Date.now() - 1000) });
    expect(await isLiveSession(old)).toBe(false);
    await recordSession(newId(), inAnHour());
    const rows = await store.db.select().from(dashboardSessions).where(eq(dashboardSessions.id, old));
    expect(rows).toEqual([]);
  });

  it("a session ended by another server sharing the database stops working here within 5 s", async () => {
    const id = newId();
    await recordSession(id, inAnHour());
    expect(await isLiveSession(id)).toBe(true);
    // What another instance's logout does: the row goes, this process's memory does not hear of it.
    await store.db.delete(dashboardSessions).where(eq(dashboardSessions.id, id));
    await sleep(5_100);
    expect(await isLiveSession(id)).toBe(false);
  });
});
