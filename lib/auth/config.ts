import "server-only";
import { env } from "@/lib/env";

/**
 * How the dashboard is protected. With a password: sessions. With `DASHBOARD_AUTH=none`: open, by the
 * operator's explicit choice (`npm run dev` and `npm run demo` make it for local work). Neither: a setup
 * page instead of data, whatever NODE_ENV says — spend figures must never be one forgotten variable
 * away from the internet.
 */
export type AuthMode = "password" | "open" | "setup";

export function authMode(): AuthMode {
  const e = env();
  if (e.DASHBOARD_PASSWORD) return "password";
  if (e.DASHBOARD_AUTH === "none") return "open";
  return "setup";
}
