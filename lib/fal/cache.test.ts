import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LRUCache } from "lru-cache";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Simulator } from "@/e2e/fal-simulator/server";

/**
 * How much the fal answer cache keeps, measured from outside its own accounting: what it holds is read
 * from the process-wide instance and re-serialised here, so an estimate that undercounts cannot pass.
 * Timers and clocks are fake from before lru-cache loads (it captures `performance` when it loads), so
 * half an hour passes in a moment; they still advance with real time for the HTTP calls in between.
 */
vi.useFakeTimers({
  shouldAdvanceTime: true,
  toFake: ["setTimeout", "clearTimeout", "Date", "performance"],
});

const MB = 2 ** 20;
let sim: Simulator;
let fal: typeof import("@/lib/fal/client");
let cache: typeof import("@/lib/fal/cache");
let resolveRange: typeof import("@/lib/time/range").resolveRange;

type Held = { data: unknown };
const held = () => {
  const registry = globalThis as unknown as Record<symbol, { cache: LRUCache<string, Held> } | undefined>;
  const state = registry[Symbol.for("fal-dashboard:fal-cache")];
  if (!state) throw new Error("no fal cache in this process");
  return state.cache.dump().map(([, entry]) => entry.value);
};
const heldBytes = () => held().reduce((sum, v) => sum + JSON.stringify(v.data).length, 0);

const upstreamCalls = async () =>
  ((await (await fetch(`${sim.url}/_sim/stats`)).json()) as { total: number }).total;

const NOW = Date.parse("2026-11-20T12:00:00Z");
/** One day of hourly usage: about 80 kB of JSON from the simulator. */
const day = (n: number) => {
  const start = new Date(Date.parse("2026-10-01T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.parse(start) + 86_400_000).toISOString().slice(0, 10);
  return resolveRange({ start, end, timeframe: "hour" }, { defaultTimezone: "UTC", now: NOW });
};

beforeAll(async () => {
  const { startSimulator } = await import("@/e2e/fal-simulator/server");
  const { SIM_KEYS } = await import("@/e2e/fal-simulator/keys");
  sim = await startSimulator({ port: 0 });
  const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "fal-key-")), "admin.key");
  writeFileSync(keyFile, `${SIM_KEYS.admin}\n`);
  process.env.FAL_API_BASE_URL = `${sim.url}/v1`;
  process.env.FAL_ADMIN_KEY_FILE = keyFile;
  process.env.FAL_CACHE_MAX_MB = "1";
  fal = await import("@/lib/fal/client");
  cache = await import("@/lib/fal/cache");
  resolveRange = (await import("@/lib/time/range")).resolveRange;
});

afterAll(async () => {
  vi.useRealTimers();
  await sim.close();
});

beforeEach(() => cache.clearFalCache());

describe("fal answer cache", () => {
  it("holds no more than FAL_CACHE_MAX_MB of answers, and still the latest ones", async () => {
    // 30 days × ~80 kB: more than twice the limit.
    for (let n = 0; n < 30; n++) await fal.fetchUsage(day(n));
    expect(heldBytes()).toBeGreaterThan(0.5 * MB);
    expect(heldBytes()).toBeLessThanOrEqual(1 * MB);

    const before = await upstreamCalls();
    await fal.fetchUsage(day(29));
    expect(await upstreamCalls()).toBe(before);
    await fal.fetchUsage(day(0));
    expect(await upstreamCalls()).toBe(before + 1);
  });

  it("frees an answer once it can no longer stand in for a failing fal", async () => {
    await fal.fetchUsage(day(0));
    expect(held()).toHaveLength(1);
    // Half an hour is the longest an expired answer is shown while fal fails.
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(held()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(held()).toHaveLength(0);
  });
});
