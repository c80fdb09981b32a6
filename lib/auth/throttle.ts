import "server-only";
import { LRUCache } from "lru-cache";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Failed sign-ins, in two kinds of bucket, forgotten WINDOW_MS after the first failure.
 *
 * Per client, a hard stop: after PER_CLIENT_MAX failures that client is refused without a check. Only
 * when the client is known (TRUST_PROXY): otherwise every request would share one bucket and a stranger
 * could use it to lock the owner out.
 *
 * Across all clients, a slowdown instead of a stop: past SLOW_AFTER failures every attempt waits a little
 * longer before it is checked (up to MAX_DELAY_MS), which slows guessing, and a right password still signs
 * in. A stop there would let anyone keep the owner out by failing 50 times every 15 minutes.
 */
const WINDOW_MS = 15 * 60_000;
const PER_CLIENT_MAX = 5;
const SLOW_AFTER = 50;
const DELAY_STEP_MS = 100;
const MAX_DELAY_MS = 10_000;
const ALL = "*";

const failures = processSingleton(
  "login-failures",
  () => new LRUCache<string, number>({ max: 10_000, ttl: WINDOW_MS }),
);

export type Gate = { refuseForSeconds: number } | { delayMs: number };

/**
 * Admits an attempt, or refuses it. An admitted attempt counts as a failure at once and is forgiven if it
 * turns out right: counted only after its check, attempts sent in parallel would all pass the gate while
 * the first one waits out its delay.
 */
export function admitAttempt(client: string | null): Gate {
  if (client !== null && (failures.get(client) ?? 0) >= PER_CLIENT_MAX) {
    return { refuseForSeconds: Math.max(1, Math.ceil(failures.getRemainingTTL(client) / 1000)) };
  }
  const beyond = (failures.get(ALL) ?? 0) - SLOW_AFTER;
  // The window stays anchored at the first failure, so it ends on time however hard it is hammered.
  for (const key of client === null ? [ALL] : [client, ALL])
    failures.set(key, (failures.get(key) ?? 0) + 1, { noUpdateTTL: failures.has(key) });
  return { delayMs: beyond < 0 ? 0 : Math.min(MAX_DELAY_MS, (beyond + 1) * DELAY_STEP_MS) };
}

/** The admitted attempt was right: it was no failure, and its client starts afresh. */
export function forgiveAttempt(client: string | null): void {
  const all = failures.get(ALL);
  if (all !== undefined) failures.set(ALL, Math.max(0, all - 1), { noUpdateTTL: true });
  if (client !== null) failures.delete(client);
}

/** For tests: the counters are process-wide and would carry over from one case to the next. */
export function resetLoginThrottle(): void {
  failures.clear();
}
