import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { endRequestSession, sessionCookie } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Ends the session in the store, not only in this browser: a copied cookie stops working too. */
export const POST = route(async (req) => {
  await endRequestSession(req);
  const res = new NextResponse(null, { status: 303, headers: { location: "/login" } });
  // Same attributes as when it was set: a browser ignores a `__Host-` cookie written without Secure.
  res.cookies.set({ ...sessionCookie(req, ""), maxAge: 0 });
  return res;
});
