import { route, parseQuery } from "@/lib/api/route";
import { metricsQuery } from "@/lib/contracts/events";
import { resolveRange } from "@/lib/contracts/range";
import { env } from "@/lib/env";
import { eventMetrics } from "@/lib/events/metrics";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const query = parseQuery(req, metricsQuery);
  const range = resolveRange(query, { defaultTimezone: env().DASHBOARD_TIMEZONE, now: Date.now() });
  return eventMetrics(range, { eventId: query.event_id });
});
