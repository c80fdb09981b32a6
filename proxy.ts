import { NextResponse, type NextRequest } from "next/server";
import { authMode } from "@/lib/auth/config";
import { contentSecurityPolicy, securityHeaders } from "@/lib/auth/headers";
import { SESSION_COOKIE, isValidSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

/**
 * Every request passes here: security headers with a fresh CSP nonce, and the access rule — a session
 * for everything except the login itself, ingestion (its own bearer token) and the health endpoints
 * (which answer strangers with top-level statuses only).
 */
const ALWAYS_OPEN = ["/api/ingest", "/api/health/providers", "/api/health/live"];
const OPEN_WITH_PASSWORD = ["/login", "/api/auth/login"];

function blocked(req: NextRequest): Response | null | Promise<Response | null> {
  const { pathname } = req.nextUrl;
  if (ALWAYS_OPEN.includes(pathname)) return null;
  const mode = authMode();
  if (mode === "open") return null;
  const isApi = pathname.startsWith("/api/");
  if (mode === "setup") {
    if (pathname === "/setup") return null;
    return isApi
      ? NextResponse.json(
          {
            error: {
              code: "auth_not_configured",
              message: "Set DASHBOARD_PASSWORD and SESSION_SECRET, or DASHBOARD_AUTH=none.",
            },
          },
          { status: 503 },
        )
      : NextResponse.redirect(new URL("/setup", req.url));
  }
  if (OPEN_WITH_PASSWORD.includes(pathname)) return null;
  return isValidSession(req.cookies.get(SESSION_COOKIE)?.value).then((ok) => {
    if (ok) return null;
    if (isApi)
      return NextResponse.json(
        { error: { code: "unauthorized", message: "Sign in first." } },
        { status: 401 },
      );
    const login = new URL("/login", req.url);
    login.searchParams.set("next", `${pathname}${req.nextUrl.search}`);
    return NextResponse.redirect(login);
  });
}

export async function proxy(req: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, env().NODE_ENV !== "production");
  const headers = securityHeaders(csp);

  const stop = await blocked(req);
  const res =
    stop ??
    NextResponse.next({
      request: {
        headers: new Headers([
          ...req.headers.entries(),
          ["content-security-policy", csp],
          ["x-nonce", nonce],
        ]),
      },
    });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Static build assets carry no data and need no nonce.
  matcher: ["/((?!_next/static|_next/image|icon.svg).*)"],
};
