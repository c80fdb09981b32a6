import "server-only";
import { env } from "@/lib/env";

/**
 * How the dashboard is protected. With a password: sessions. With `DASHBOARD_AUTH=none`: open, by the
 * operator's explicit choice. Neither, in production: a setup page instead of data — spend figures must
 * never be one forgotten variable away from the internet. `next dev` stays open for local work.
 */
export type AuthMode = "password" | "open" | "setup";

export function authMode(): AuthMode {
  const e = env();
  if (e.DASHBOARD_PASSWORD) return "password";
  if (e.DASHBOARD_AUTH === "none" || e.NODE_ENV !== "production") return "open";
  return "setup";
}
