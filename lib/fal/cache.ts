import "server-only";
import { LRUCache } from "lru-cache";
import type { z } from "zod";
import { env } from "@/lib/env";
import type { DiagnosisCode } from "@/lib/contracts/codes";
import { currentCredential, type FalCredential } from "@/lib/fal/credentials";
import { FalError, type FalEndpoint } from "@/lib/fal/errors";
import { falGet, toSearchParams, type Params } from "@/lib/fal/http";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Response cache for fal GETs: TTL, stale-while-revalidate and request coalescing (concurrent identical
 * calls share one upstream request), via lru-cache's `fetchMethod`. Keyed by key fingerprint + path +
 * params, so a rotated key never sees the previous key's data.
 *
 * When a refresh fails for a transient reason (429, fal down) and an older answer exists, the older
 * answer is served marked stale, and kept for one more TTL — which doubles as backoff towards fal.
 * Auth failures never fall back: showing a revoked key's last data would hide the revocation.
 *
 * Bounded twice: by FAL_CACHE_MAX_MB of fal's bodies (least recently used answers go first), and in
 * time — an answer is freed once it is neither fresh nor young enough to stand in for a failing fal.
 * Without both, every distinct window an account with hundreds of models looked at stayed in memory.
 */
export type Cached<T> = { data: T; fetchedAt: number; stale: DiagnosisCode | null };

type Entry = Cached<unknown> & {
  /** Until when the answer is served without asking fal again. */
  freshUntil: number;
  /** Length of the body fal sent: the answer's weight against FAL_CACHE_MAX_MB. */
  bytes: number;
};
type Context = {
  run: () => Promise<{ data: unknown; bytes: number }>;
  ttl: number;
  /** A shorter life for some answers than the call's TTL; undefined keeps the call's. */
  ttlOf?: (data: unknown) => number | undefined;
};

const TRANSIENT: ReadonlySet<DiagnosisCode> = new Set(["rate_limited", "upstream_unavailable"]);
/** How old an answer may be and still be shown while fal is failing. */
const MAX_STALE_MS = 30 * 60_000;
const MB = 2 ** 20;

/** Young enough to be shown (marked stale) while fal fails or while it is being refreshed. */
function canStandIn(entry: Entry, now: number): boolean {
  return now - entry.fetchedAt < MAX_STALE_MS;
}

/**
 * `generation` is part of every key. Clearing bumps it, so a fetch already in flight when the cache is
 * cleared lands under a key nobody reads any more instead of bringing the old answer back.
 */
type State = { cache: LRUCache<string, Entry, Context>; generation: number };

function state(): State {
  return processSingleton("fal-cache", () => ({ cache: createCache(), generation: 0 }));
}

function store(): LRUCache<string, Entry, Context> {
  return state().cache;
}

/** Part of the key of anything derived from fal answers, so that clearing them clears it too. */
export function falCacheGeneration(): number {
  return state().generation;
}

/**
 * lru-cache's own TTL is how long an entry is kept, not how long it is fresh: freshness is the entry's
 * `freshUntil`, checked in cachedRun, so that an expired answer stays available to stand in for fal
 * exactly as long as it can, and `ttlAutopurge` frees it then without waiting for a lookup.
 */
function keepUntilUseless(entry: Entry, options: { ttl?: number }): Entry {
  options.ttl = Math.max(1, Math.max(entry.freshUntil, entry.fetchedAt + MAX_STALE_MS) - Date.now());
  return entry;
}

function createCache(): LRUCache<string, Entry, Context> {
  return new LRUCache<string, Entry, Context>({
    maxSize: env().FAL_CACHE_MAX_MB * MB,
    // The body's length, not a re-serialisation: cheap, and proportional to the parsed answer's heap.
    sizeCalculation: (entry, key) => entry.bytes + key.length,
    ttl: MAX_STALE_MS,
    ttlAutopurge: true,
    fetchMethod: async (_key, staleValue, { context, options }) => {
      try {
        const { data, bytes } = await context.run();
        const now = Date.now();
        const ttl = context.ttlOf?.(data) ?? context.ttl;
        return keepUntilUseless({ data, bytes, fetchedAt: now, freshUntil: now + ttl, stale: null }, options);
      } catch (error) {
        const now = Date.now();
        if (
          error instanceof FalError &&
          TRANSIENT.has(error.diagnosis) &&
          staleValue &&
          canStandIn(staleValue, now)
        ) {
          return keepUntilUseless(
            { ...staleValue, stale: error.diagnosis, freshUntil: now + context.ttl },
            options,
          );
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
    falGet(endpoint, path, params, schema, { credential }),
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
      falGet(endpoint, path, params, schema, { credential }).catch((error: unknown) => {
        if (error instanceof FalError && error.upstreamStatus === 404) return { data: null, bytes: 0 };
        throw error;
      }),
    (data) => (data === null ? env().FAL_CACHE_TTL_SECONDS * 1000 : undefined),
  );
}

/** The one place a fal call resolves its key, and refuses to go without one unless fal allows it. */
async function cachedRun<T>(
  endpoint: FalEndpoint,
  path: string,
  params: Params,
  opts: GetOptions,
  run: (credential: FalCredential | undefined) => Promise<{ data: T; bytes: number }>,
  ttlOf?: (data: T) => number | undefined,
): Promise<Cached<T>> {
  const credential = currentCredential();
  if (!credential && opts.auth !== "optional") throw new FalError("key_missing", endpoint);
  const key = `${state().generation} ${credential?.fingerprint ?? "anonymous"} ${path}?${toSearchParams(params)}`;
  const now = Date.now();
  const previous = store().peek(key);
  const entry = await store().fetch(key, {
    forceRefresh: previous !== undefined && now >= previous.freshUntil,
    // Serving a stale answer while refreshing is fine for a minute-old answer, not for an hour-old one,
    // nor for an expired 404 ("no price"): the point of its short life is to notice a new price.
    allowStale: previous !== undefined && previous.data !== null && canStandIn(previous, now),
    context: {
      run: () => run(credential),
      ttl: opts.ttlMs ?? env().FAL_CACHE_TTL_SECONDS * 1000,
      ttlOf: ttlOf as Context["ttlOf"],
    },
  });
  if (!entry) throw new FalError("upstream_unavailable", endpoint, { detail: "no answer" });
  // Every caller of this key runs the same call (path and params are the key), so its type is theirs.
  const { data, fetchedAt, stale } = entry;
  return { data: data as T, fetchedAt, stale };
}

/** Drops every cached answer (the health endpoint's `?refresh=1`, and tests). */
export function clearFalCache(): void {
  state().generation += 1;
  store().clear();
}
