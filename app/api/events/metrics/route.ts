import { route, parseQuery } from "@/lib/api/route";
import { metricsQuery } from "@/lib/contracts/events";
import { resolveRange } from "@/lib/time/range";
import { env } from "@/lib/env";
import { eventMetricsView } from "@/lib/events/metrics-cache";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const query = parseQuery(req, metricsQuery);
  const range = resolveRange(query, { defaultTimezone: env().DASHBOARD_TIMEZONE, now: Date.now() });
  return eventMetricsView(range, { eventId: query.event_id, series: query.series });
});
