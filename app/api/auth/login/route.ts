import { NextResponse, type NextRequest } from "next/server";
import { route } from "@/lib/api/route";
import { ApiError, invalid } from "@/lib/api/errors";
import { authMode } from "@/lib/auth/config";
import { createSessionToken, isHttps, passwordMatches, sessionCookie } from "@/lib/auth/session";
import { clearFailures, clientId, recordFailure, retryAfterSeconds } from "@/lib/auth/throttle";

export const dynamic = "force-dynamic";

/** Only same-site paths: `next=//evil.example` or a full URL would turn login into an open redirect. */
function safeNext(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

/**
 * A relative Location: behind a proxy (or on 127.0.0.1) the server's own idea of its origin can differ
 * from the browser's, and a redirect to the wrong host would drop the session cookie.
 */
function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location } });
}

/**
 * Works as a plain HTML form post (redirects, no JavaScript needed) and as JSON for scripts. Failures
 * are throttled per client; the password is compared in constant time.
 */
export const POST = route(async (req: NextRequest) => {
  if (authMode() !== "password") throw new ApiError("not_found", "Login is not enabled on this dashboard.");
  const isForm = (req.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  let password: unknown;
  let next = "/";
  if (isForm) {
    const form = await req.formData();
    password = form.get("password");
    next = safeNext(typeof form.get("next") === "string" ? (form.get("next") as string) : null);
  } else {
    const body: unknown = await req.json().catch(() => undefined);
    password = (body as { password?: unknown } | undefined)?.password;
  }

  const client = clientId(req);
  const wait = retryAfterSeconds(client);
  const back = (error: string) => seeOther(`/login?error=${error}&next=${encodeURIComponent(next)}`);
  if (wait !== null) {
    if (isForm) return back("throttled");
    throw new ApiError("too_many_requests", "Too many failed attempts; try again later.", {
      retryAfterSeconds: wait,
    });
  }
  if (typeof password !== "string" || password.length === 0) {
    if (isForm) return back("missing");
    throw invalid("password", "required");
  }
  if (!passwordMatches(password)) {
    recordFailure(client);
    if (isForm) return back("wrong");
    throw new ApiError("unauthorized", "Wrong password.");
  }

  clearFailures(client);
  const res = isForm ? seeOther(next) : NextResponse.json({ ok: true });
  res.cookies.set(sessionCookie(await createSessionToken(), isHttps(req)));
  return res;
});
