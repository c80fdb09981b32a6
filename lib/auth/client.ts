import "server-only";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * What the server can believe about who is asking and how. Next fills X-Forwarded-For from the socket
 * only when the request has none, so without a proxy we trust nothing in that header: any client can
 * send one.
 */

/**
 * The client's address as the nearest trusted proxy saw it (each proxy appends the address it received
 * the request from, so the client's own entries are to the left of ours), or null when TRUST_PROXY is 0
 * and every address in the request is the client's claim.
 */
export function clientAddress(req: Request): string | null {
  const hops = env().TRUST_PROXY;
  if (hops === 0) return null;
  const chain = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? null;
}

/** The Host the browser asked for: the proxy's X-Forwarded-Host when trusted, else the Host header. */
function requestHost(req: NextRequest): string {
  const forwarded = env().TRUST_PROXY > 0 ? req.headers.get("x-forwarded-host") : null;
  return (forwarded ?? req.headers.get("host") ?? req.nextUrl.host).toLowerCase();
}

export function isHttps(req: NextRequest): boolean {
  return req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/;

/**
 * Plain http to this machine (localhost, 127.x, [::1]): the one case where a Secure cookie would not be
 * kept by every browser, so the session cookie goes without Secure and without the __Host- prefix that
 * requires it. Judged by the page's origin as the browser states it when it does (a login POST carries
 * Origin), which stays right behind a local proxy that rewrites Host.
 */
export function isLocalHttp(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") {
    try {
      const url = new URL(origin);
      return url.protocol === "http:" && LOOPBACK.test(url.host);
    } catch {
      return false;
    }
  }
  return !isHttps(req) && LOOPBACK.test(requestHost(req));
}

/**
 * A state-changing request another site made the browser send (login CSRF, forced logout). Browsers say
 * so in Sec-Fetch-Site; older ones only send Origin, compared with our host. Requests with neither come
 * from scripts, not from a browser tricked by a page, and cookies are not at stake there.
 */
export function isCrossSite(req: NextRequest): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  try {
    return new URL(origin).host.toLowerCase() !== requestHost(req);
  } catch {
    // "null" (sandboxed frames, some redirects) or garbage: not provably ours.
    return true;
  }
}
