import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/route";
import { refusal } from "@/lib/auth/access";
import { isHttps } from "@/lib/auth/client";
import { contentSecurityPolicy, securityHeaders } from "@/lib/auth/headers";
import { NEXT_DEV } from "@/lib/env";

/**
 * Every request but static assets and ingestion passes here: security headers with a fresh CSP nonce,
 * and the access rule of lib/auth/access.ts.
 */
export async function proxy(req: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, NEXT_DEV);
  const headers = securityHeaders(csp, {
    https: isHttps(req),
    api: req.nextUrl.pathname.startsWith("/api/"),
  });

  // The session check reads the store; if that fails, answer like any route would, not with a stack.
  const stop = await refusal(req).catch(errorResponse);
  const res =
    stop ??
    NextResponse.next({
      request: {
        // Next reads the nonce for its own scripts from this request header.
        headers: new Headers([...req.headers.entries(), ["content-security-policy", csp]]),
      },
    });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Static build assets carry no data and need no nonce; robots.txt must reach crawlers without a
  // session, or they would follow the login redirect instead of reading "Disallow: /". Ingestion checks
  // its own token and reads its body with its own cap: behind the proxy, Next would first copy every
  // upload in memory.
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico|robots.txt|api/ingest).*)"],
};
