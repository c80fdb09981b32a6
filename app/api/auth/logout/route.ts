import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { SESSION_COOKIE } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const POST = route(async () => {
  const res = new NextResponse(null, { status: 303, headers: { location: "/login" } });
  res.cookies.delete(SESSION_COOKIE);
  return res;
});
