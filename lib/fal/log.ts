import "server-only";
import { LRUCache } from "lru-cache";
import type { FalCredential } from "@/lib/fal/credentials";
import type { FalError } from "@/lib/fal/errors";
import { processSingleton } from "@/lib/process-singleton";

const AUTH_CODES = new Set(["key_malformed", "key_rejected", "scope_insufficient"]);
const QUIET_MS = 5 * 60_000;

/** One log line per key and cause per few minutes: enough to notice, never a flood, never the key. */
const recentlyLogged = processSingleton(
  "fal-auth-log",
  () => new LRUCache<string, true>({ max: 500, ttl: QUIET_MS }),
);

export function logAuthFailure(error: FalError, credential: FalCredential): void {
  if (!AUTH_CODES.has(error.diagnosis)) return;
  const id = `${credential.fingerprint}:${error.diagnosis}`;
  if (recentlyLogged.has(id)) return;
  recentlyLogged.set(id, true);
  const request = error.requestId ? ` (fal request ${error.requestId})` : "";
  console.warn(
    `[fal] ${error.diagnosis} on ${error.endpoint} with ${credential.source}=${credential.masked}${request}: ${error.message} Fix: ${error.hint ?? ""}`,
  );
}
