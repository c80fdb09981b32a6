import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { isCrossSite } from "@/lib/auth/client";
import { authMode } from "@/lib/auth/config";
import { hasValidSession } from "@/lib/auth/session";
import { API_ROUTES } from "@/lib/contracts/routes";

/**
 * Who may have what: the rule proxy.ts applies to every request it sees, and that routes open to
 * strangers (the health check) ask again to decide how much to say.
 */

/**
 * The largest body a request the proxy sees may carry. Next copies every such body in memory (up to
 * `proxyClientMaxBodySize` in next.config.mjs, which must stay equal to this) before the proxy runs, so
 * a large limit is memory any stranger can make us spend. Logins are a few hundred bytes; ingestion,
 * which takes up to 1 MiB, is not behind the proxy (it checks its own token and reads its body capped).
 */
export const MAX_PROXIED_BODY_BYTES = 64 * 1024;

/** Reachable without a session: they check their own credentials or answer strangers with less. */
const ALWAYS_OPEN: readonly string[] = [API_ROUTES.providerHealth, "/api/health/live"];
/** Reachable without a session once a password is set: signing in, and out (which checks its token). */
const OPEN_WITH_PASSWORD: readonly string[] = ["/login", API_ROUTES.login, API_ROUTES.logout];

/** A person the dashboard shows everything to: it is open by choice, or they are signed in. */
export async function isTrustedCaller(req: NextRequest): Promise<boolean> {
  const mode = authMode();
  return mode === "open" || (mode === "password" && (await hasValidSession(req)));
}

const refuse = (error: ApiError) => NextResponse.json(error.toBody(), { status: error.status });

/** Why this request goes no further (the answer to send instead), or null to let it through. */
export async function refusal(req: NextRequest): Promise<Response | null> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    const length = req.headers.get("content-length");
    if (length === null && req.headers.has("transfer-encoding")) {
      return refuse(
        new ApiError("length_required", "Send the body with a Content-Length.", { field: "content-length" }),
      );
    }
    if (Number(length ?? 0) > MAX_PROXIED_BODY_BYTES) {
      return refuse(
        new ApiError("payload_too_large", `The body is larger than ${MAX_PROXIED_BODY_BYTES} bytes.`, {
          field: "body",
        }),
      );
    }
    if (isCrossSite(req)) {
      return refuse(
        new ApiError("cross_site_request", "This request came from another site.", {
          hint: "Sign in and submit forms from the dashboard itself.",
        }),
      );
    }
  }

  const { pathname } = req.nextUrl;
  if (ALWAYS_OPEN.includes(pathname)) return null;
  const isApi = pathname.startsWith("/api/");
  if (authMode() === "setup") {
    if (pathname === "/setup") return null;
    return isApi
      ? refuse(
          new ApiError(
            "auth_not_configured",
            "Set DASHBOARD_PASSWORD and SESSION_SECRET, or DASHBOARD_AUTH=none.",
          ),
        )
      : NextResponse.redirect(new URL("/setup", req.url));
  }
  if (OPEN_WITH_PASSWORD.includes(pathname) || (await isTrustedCaller(req))) return null;
  if (isApi) return refuse(new ApiError("unauthorized", "Sign in first."));
  const login = new URL("/login", req.url);
  login.searchParams.set("next", `${pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(login);
}
