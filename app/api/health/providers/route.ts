import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { isTrustedCaller } from "@/lib/auth/access";
import { healthStatus, providerHealth } from "@/lib/health/providers";

export const dynamic = "force-dynamic";

/** Monitors may call this without a session; they get the top-level statuses, people get `details`. */
export const GET = route(async (req) => {
  const trusted = await isTrustedCaller(req);
  // Only people may force a re-probe: a stranger's `?refresh=1` must not become a way to hammer fal.
  const report = await providerHealth({
    refresh: trusted && req.nextUrl.searchParams.get("refresh") === "1",
  });
  const { details, ...summary } = report;
  return NextResponse.json(trusted ? { ...summary, details } : summary, {
    status: healthStatus(report),
    headers: { "cache-control": "private, no-store" },
  });
});
