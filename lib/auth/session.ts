import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import type { NextRequest } from "next/server";
import { isLocalHttp } from "@/lib/auth/client";
import { endSession, isLiveSession, recordSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";

/**
 * The session cookie: a signed token naming a row of the sessions table (its `jti`), bound to the
 * password it was issued under. A token is valid while its signature, `exp`, `sub`, password binding and
 * row all hold: logging out deletes the row, changing DASHBOARD_PASSWORD breaks the binding.
 */
const COOKIE = "fal_dashboard_session";
/** `__Host-`: the browser keeps it only if Secure, host-only and Path=/, so no sibling site can plant one. */
const HOST_COOKIE = `__Host-${COOKIE}`;
const SESSION_SECONDS = 12 * 60 * 60;
const SUBJECT = "dashboard";

function secret(): Uint8Array {
  const s = env().SESSION_SECRET;
  if (!s) throw new Error("SESSION_SECRET is not set");
  return new TextEncoder().encode(s);
}

/**
 * Which password a token was issued under. Keyed with SESSION_SECRET: token payloads are readable by
 * whoever holds the cookie, and a plain hash of the password would be something to crack offline.
 */
function passwordBinding(): string {
  return createHmac("sha256", secret())
    .update(`dashboard-password:${env().DASHBOARD_PASSWORD ?? ""}`)
    .digest("base64url");
}

/** Digests first, so the comparison takes the same time whatever the lengths (no length oracle). */
export function passwordMatches(candidate: string): boolean {
  const expected = env().DASHBOARD_PASSWORD;
  if (!expected) return false;
  const a = createHash("sha256").update(candidate).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function createSession(): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_SECONDS * 1000);
  await recordSession(id, expiresAt);
  return new SignJWT({ pwd: passwordBinding() })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(SUBJECT)
    .setJti(id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secret());
}

/** The session id of a token that verifies in every respect except the store, or null. */
async function verifiedSessionId(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret(), {
      algorithms: ["HS256"],
      subject: SUBJECT,
      requiredClaims: ["exp", "sub", "jti"],
    });
    return payload.pwd === passwordBinding() && payload.jti ? payload.jti : null;
  } catch {
    return null;
  }
}

/** The cookie a request presents, under the name this kind of connection uses (see sessionCookie). */
function presented(req: NextRequest): string | undefined {
  return (
    req.cookies.get(HOST_COOKIE)?.value ?? (isLocalHttp(req) ? req.cookies.get(COOKIE)?.value : undefined)
  );
}

export async function hasValidSession(req: NextRequest): Promise<boolean> {
  const id = await verifiedSessionId(presented(req));
  return id !== null && (await isLiveSession(id));
}

/** Logging out: the session ends for every copy of the cookie, wherever it was copied to. */
export async function endRequestSession(req: NextRequest): Promise<void> {
  const id = await verifiedSessionId(presented(req));
  if (id) await endSession(id);
}

/**
 * Secure and `__Host-` everywhere but plain http to this machine. Not decided by X-Forwarded-Proto: a
 * TLS-terminating proxy that does not send it would otherwise get a cookie without Secure.
 */
export function sessionCookie(req: NextRequest, token: string) {
  const local = isLocalHttp(req);
  return {
    name: local ? COOKIE : HOST_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: !local,
    path: "/",
    maxAge: SESSION_SECONDS,
  };
}
