import "server-only";
import type { NextRequest } from "next/server";
import { parseQuery } from "@/lib/api/route";
import { env } from "@/lib/env";
import { rangeQuery } from "@/lib/contracts/range";
import { resolveRange, type Range } from "@/lib/time/range";

/** The window a time-ranged route serves: query parsed, defaults applied, snapped as fal snaps it. */
export function rangeFromRequest(req: NextRequest): Range {
  return resolveRange(parseQuery(req, rangeQuery), {
    defaultTimezone: env().DASHBOARD_TIMEZONE,
    now: Date.now(),
  });
}
