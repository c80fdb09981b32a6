import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, invalid } from "@/lib/api/errors";
import { clientAddress } from "@/lib/auth/client";
import { authMode } from "@/lib/auth/config";
import { createSession, passwordMatches, sessionCookie } from "@/lib/auth/session";
import { admitAttempt, forgiveAttempt } from "@/lib/auth/throttle";
import { loginBody, type LoginBody } from "@/lib/contracts/auth";

/**
 * Signing in, as a plain HTML form post (answers are redirects, no JavaScript needed) or as JSON for
 * scripts (answers are JSON). Only those two body types: text/plain is one a foreign page can send
 * without the browser asking us first.
 */
export type LoginRequest = LoginBody & { form: boolean };

export async function readLoginRequest(req: NextRequest): Promise<LoginRequest> {
  if (authMode() !== "password") throw new ApiError("not_found", "Login is not enabled on this dashboard.");
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let raw: unknown;
  if (type === "application/x-www-form-urlencoded") {
    raw = Object.fromEntries(new URLSearchParams(await req.text()));
  } else if (type === "application/json") {
    raw = await req.json().catch(() => {
      throw invalid("body", 'not valid JSON; expected {"password":"…"}');
    });
  } else {
    throw new ApiError(
      "unsupported_media_type",
      "Send the password as a form (application/x-www-form-urlencoded) or as JSON (application/json).",
      { field: "content-type" },
    );
  }
  const form = type === "application/x-www-form-urlencoded";
  const parsed = loginBody.safeParse(raw);
  if (parsed.success) return { ...parsed.data, form };
  // A form without a password goes back to the page with a message; JSON gets the field named.
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || "body";
  if (form && field === "password") return { password: "", next: safeNext(raw), form };
  throw invalid(field, issue.message);
}

/**
 * Where a form post returns to: a path on this site, or "/". Parsed as a URL against a stand-in origin,
 * so whatever a browser would read as another host ("//x", "/\x", "/\t/x") resolves elsewhere and is
 * refused; control characters and whitespace are refused outright (they would also break the header).
 */
export function safeNext(raw: unknown): string {
  const value = typeof raw === "object" && raw !== null ? (raw as { next?: unknown }).next : raw;
  if (typeof value !== "string" || !value.startsWith("/") || /[\s\u0000-\u001f\u007f\\]/.test(value)) {
    return "/";
  }
  const base = "http://next.invalid";
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
}

/** A relative Location: behind a proxy the server's idea of its own origin can differ from the browser's. */
function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location } });
}

export async function logIn(req: NextRequest, attempt: LoginRequest): Promise<Response> {
  const next = safeNext(attempt.next);
  const back = (error: string) => seeOther(`/login?error=${error}&next=${encodeURIComponent(next)}`);
  if (attempt.form && attempt.password === "") return back("missing");

  const client = clientAddress(req);
  const gate = admitAttempt(client);
  if ("refuseForSeconds" in gate) {
    if (attempt.form) return back("throttled");
    throw new ApiError("too_many_requests", "Too many failed attempts from this address; try again later.", {
      retryAfterSeconds: gate.refuseForSeconds,
    });
  }
  if (gate.delayMs > 0) await sleep(gate.delayMs);
  if (!passwordMatches(attempt.password)) {
    if (attempt.form) return back("wrong");
    throw new ApiError("unauthorized", "Wrong password.", { field: "password" });
  }

  forgiveAttempt(client);
  const res = attempt.form ? seeOther(next) : NextResponse.json({ ok: true });
  res.cookies.set(sessionCookie(req, await createSession()));
  return res;
}
