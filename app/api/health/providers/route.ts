import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { healthStatus, providerHealth } from "@/lib/health/providers";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const report = await providerHealth({ refresh: req.nextUrl.searchParams.get("refresh") === "1" });
  return NextResponse.json(report, { status: healthStatus(report), headers: { "cache-control": "no-store" } });
});
