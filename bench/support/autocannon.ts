import { createRequire } from "node:module";

/** The part of autocannon's result the benches read (it ships no types, and @types/autocannon is not installed). */
export type LoadResult = {
  /** Seconds the run actually lasted. */
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  requests: { average: number; total: number; sent: number };
};

type Options = {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { method?: string; path: string }[];
};
type Autocannon = (options: Options) => Promise<LoadResult>;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Only this machine: a bench pointed at someone else's server would be a load attack, not a measurement. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (!(host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`refusing to load ${url}: only loopback targets (127.0.0.0/8, ::1, localhost)`);
  }
}

export const MAX_LOAD_SECONDS = 600;

export async function load(options: Options): Promise<LoadResult> {
  assertLoopback(options.url);
  if (!(options.duration > 0 && options.duration <= MAX_LOAD_SECONDS)) {
    throw new Error(`duration ${options.duration} s: expected 1–${MAX_LOAD_SECONDS}`);
  }
  return autocannon(options);
}

/** Completed requests per second over the whole run. */
export const perSecond = (r: LoadResult) => r.requests.total / Math.max(r.duration, 1e-9);

/**
 * autocannon stops counting at the end of its run, but the server still works off the requests it
 * accepted; the next route would be measured against that backlog. Wait until the server answers a
 * trivial route promptly and the fal simulator has seen no call for a second (at most 60 s).
 */
export async function settle(base: string, upstream: (() => Promise<number>) | null): Promise<void> {
  const deadline = Date.now() + 60_000;
  let calls = upstream ? await upstream() : 0;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const t = performance.now();
    await (await fetch(`${base}/api/health/live`)).arrayBuffer();
    const prompt = performance.now() - t < 50;
    const now = upstream ? await upstream() : calls;
    if (prompt && now === calls) return;
    calls = now;
  }
}
