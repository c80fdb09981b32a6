import "server-only";
import { LRUCache } from "lru-cache";
import { processSingleton } from "@/lib/process-singleton";

const WINDOW_MS = 15 * 60_000;
const MAX_ATTEMPTS = 5;
/**
 * The client id comes from X-Forwarded-For, which a client can forge; the cap across all clients is
 * what bounds guessing no matter how many addresses an attacker claims to have.
 */
const MAX_ATTEMPTS_ALL = 50;
const ALL = "*";

/** Failed login attempts per client, forgotten after the window: guessing stays slow. */
const failures = processSingleton(
  "login-failures",
  () => new LRUCache<string, number>({ max: 10_000, ttl: WINDOW_MS }),
);

export function clientId(req: Request): string {
  return (
    req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || "direct"
  );
}

export function retryAfterSeconds(client: string): number | null {
  for (const [key, max] of [
    [client, MAX_ATTEMPTS],
    [ALL, MAX_ATTEMPTS_ALL],
  ] as const) {
    if ((failures.get(key) ?? 0) >= max) return Math.max(1, Math.ceil(failures.getRemainingTTL(key) / 1000));
  }
  return null;
}

export function recordFailure(client: string): void {
  // The window stays anchored at the first failure, so it ends on time however hard it is hammered.
  for (const key of [client, ALL])
    failures.set(key, (failures.get(key) ?? 0) + 1, { noUpdateTTL: failures.has(key) });
}

export function clearFailures(client: string): void {
  failures.delete(client);
}
