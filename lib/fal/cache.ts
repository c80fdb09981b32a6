import "server-only";
import { LRUCache } from "lru-cache";
import type { z } from "zod";
import { env } from "@/lib/env";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { currentCredential, type FalCredential } from "@/lib/fal/credentials";
import { FalError, type FalEndpoint } from "@/lib/fal/errors";
import { falGet, toSearchParams, type Params } from "@/lib/fal/http";
import { processSingleton } from "@/lib/process-singleton";
import { sharedPromise } from "@/lib/promise-cache";

/**
 * Response cache for fal GETs: TTL, stale-while-revalidate and request coalescing (concurrent identical
 * calls share one upstream request), via lru-cache's `fetchMethod`. Keyed by key fingerprint + path +
 * params, so a rotated key never sees the previous key's data.
 *
 * When a refresh fails for a transient reason (429, fal down) and an older answer exists, the older
 * answer is served marked stale, and kept for one more TTL — which doubles as backoff towards fal.
 * Auth failures never fall back: showing a revoked key's last data would hide the revocation.
 */
export type Cached<T> = { data: T; fetchedAt: number; stale: DiagnosisCode | null };

type Entry = Cached<unknown>;
type Context = {
  run: () => Promise<unknown>;
  endpoint: FalEndpoint;
  /** A shorter life for some answers than the call's TTL; undefined keeps the call's. */
  ttlOf?: (data: unknown) => number | undefined;
};

const TRANSIENT: ReadonlySet<DiagnosisCode> = new Set(["rate_limited", "upstream_unavailable"]);
/** How old an answer may be and still be shown while fal is failing. */
const MAX_STALE_MS = 30 * 60_000;

/**
 * `generation` is part of every key. Clearing bumps it, so a fetch already in flight when the cache is
 * cleared lands under a key nobody reads any more instead of bringing the old answer back.
 */
type State = {
  cache: LRUCache<string, Entry, Context>;
  reports: LRUCache<string, Promise<unknown>>;
  generation: number;
};

function state(): State {
  return processSingleton("fal-cache", () => ({
    cache: createCache(),
    reports: new LRUCache<string, Promise<unknown>>({ max: 500, ttl: env().FAL_CACHE_TTL_SECONDS * 1000 }),
    generation: 0,
  }));
}

function store(): LRUCache<string, Entry, Context> {
  return state().cache;
}

function createCache(): LRUCache<string, Entry, Context> {
  return new LRUCache<string, Entry, Context>({
    max: 2_000,
    ttl: env().FAL_CACHE_TTL_SECONDS * 1000,
    allowStale: true,
    noDeleteOnStaleGet: true,
    fetchMethod: async (_key, staleValue, { context, options }) => {
      try {
        const data = await context.run();
        const ttl = context.ttlOf?.(data);
        if (ttl !== undefined) options.ttl = ttl;
        return { data, fetchedAt: Date.now(), stale: null };
      } catch (error) {
        const usable = staleValue && Date.now() - staleValue.fetchedAt < MAX_STALE_MS;
        if (error instanceof FalError && TRANSIENT.has(error.diagnosis) && usable) {
          return { ...staleValue, stale: error.diagnosis };
        }
        throw error;
      }
    },
  });
}

type GetOptions = { auth?: "required" | "optional"; ttlMs?: number };

export async function cachedFalGet<S extends z.ZodType>(
  endpoint: FalEndpoint,
  path: string,
  params: Params,
  schema: S,
  opts: GetOptions = {},
): Promise<Cached<z.infer<S>>> {
  return cachedRun(endpoint, path, params, opts, (credential) =>
    falGet(endpoint, path, params, schema, { credential, auth: opts.auth }),
  );
}

/**
 * For calls where fal's 404 is an answer, not a failure (`/models/pricing` 404s a chunk holding an id
 * without a price): the 404 is cached as `null`, so concurrent loads — and the previous-window report
 * asking for the same ids — do not ask fal again for what it just said. Only for FAL_CACHE_TTL_SECONDS,
 * not the call's longer TTL: a price added meanwhile should show within minutes, not hours.
 */
export async function cachedFalGetOrMissing<S extends z.ZodType>(
  endpoint: FalEndpoint,
  path: string,
  params: Params,
  schema: S,
  opts: GetOptions = {},
): Promise<Cached<z.infer<S> | null>> {
  return cachedRun(
    endpoint,
    path,
    params,
    opts,
    (credential) =>
      falGet(endpoint, path, params, schema, { credential, auth: opts.auth }).catch((error: unknown) => {
        if (error instanceof FalError && error.upstreamStatus === 404) return null;
        throw error;
      }),
    (data) => (data === null ? env().FAL_CACHE_TTL_SECONDS * 1000 : undefined),
  );
}

async function cachedRun<T>(
  endpoint: FalEndpoint,
  path: string,
  params: Params,
  opts: GetOptions,
  run: (credential: FalCredential | undefined) => Promise<T>,
  ttlOf?: (data: T) => number | undefined,
): Promise<Cached<T>> {
  const credential = currentCredential();
  if (!credential && opts.auth !== "optional") throw new FalError("key_missing", endpoint);
  const key = `${state().generation} ${credential?.fingerprint ?? "anonymous"} ${path}?${toSearchParams(params)}`;
  const previous = store().peek(key, { allowStale: true });
  const entry = await store().fetch(key, {
    ttl: opts.ttlMs,
    // Serving a stale answer while refreshing is fine for a minute-old answer, not for an hour-old one,
    // nor for an expired 404 ("no price"): the point of its short life is to notice a new price.
    allowStale: !previous || (previous.data !== null && Date.now() - previous.fetchedAt < MAX_STALE_MS),
    context: { endpoint, run: () => run(credential), ttlOf: ttlOf as Context["ttlOf"] },
  });
  if (!entry) throw new FalError("upstream_unavailable", endpoint, { detail: "no answer" });
  // Every caller of this key runs the same call (path and params are the key), so its type is theirs.
  return entry as Cached<T>;
}

/**
 * A whole report (usage, performance, cost per outcome) for one key and window, for the same TTL as
 * the fal answers it is built from: a cached dashboard load then costs a lookup, not a re-aggregation of
 * every row. Concurrent callers share one computation; a failure is not remembered.
 */
export function cachedReport<T>(
  name: string,
  parts: string[],
  compute: () => Promise<T>,
  /** False for a partial answer (e.g. prices missing): shared with concurrent callers, then dropped. */
  keep: (value: T) => boolean = () => true,
): Promise<T> {
  const { reports, generation } = state();
  const key = `${generation} ${currentCredential()?.fingerprint ?? "anonymous"} ${name} ${parts.join(" ")}`;
  return sharedPromise(reports, key, compute, keep);
}

/** Drops every cached answer (the health endpoint's `?refresh=1`, and tests). */
export function clearFalCache(): void {
  state().generation += 1;
  store().clear();
  state().reports.clear();
}
