import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import type { EventStore } from "@/lib/events/db";

/** Test support (imported by *.test.ts only). */

export async function clearAlerts(store: EventStore): Promise<void> {
  await store.db.execute(
    sql.raw("TRUNCATE alert_channels, alert_rules, alert_states, alert_events, alert_outbox"),
  );
}

/** A same-origin request the route handlers take, with a JSON body when given. */
export function jsonRequest(method: string, path: string, body?: unknown): NextRequest {
  return new NextRequest(`http://localhost${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          body: typeof body === "string" ? body : JSON.stringify(body),
          headers: { "content-type": "application/json" },
        }),
  });
}

export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
