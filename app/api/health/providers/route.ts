import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { authMode } from "@/lib/auth/config";
import { SESSION_COOKIE, isValidSession } from "@/lib/auth/session";
import { healthStatus, providerHealth } from "@/lib/health/providers";

export const dynamic = "force-dynamic";

/** Monitors may call this without a session; they get the top-level statuses, people get `details`. */
export const GET = route(async (req) => {
  const mode = authMode();
  const trusted =
    mode === "open" ||
    (mode === "password" && (await isValidSession(req.cookies.get(SESSION_COOKIE)?.value)));
  // Only people may force a re-probe: a stranger's `?refresh=1` must not become a way to hammer fal.
  const report = await providerHealth({
    refresh: trusted && req.nextUrl.searchParams.get("refresh") === "1",
  });
  const { details, ...summary } = report;
  return NextResponse.json(trusted ? { ...summary, details } : summary, {
    status: healthStatus(report),
    headers: { "cache-control": "no-store" },
  });
});
