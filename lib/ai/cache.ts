import "server-only";
import type { Range } from "@/lib/time/range";
import { env } from "@/lib/env";
import { falCacheGeneration } from "@/lib/fal/cache";
import { currentCredential } from "@/lib/fal/credentials";
import { processSingleton } from "@/lib/process-singleton";
import { PromiseCache, windowKey } from "@/lib/promise-cache";

function reports(): PromiseCache {
  return processSingleton(
    "ai-reports",
    () => new PromiseCache({ max: 500, ttl: env().FAL_CACHE_TTL_SECONDS * 1000 }),
  );
}

/**
 * A whole report (usage, performance, cost per outcome) for one key and window, for the same TTL as the
 * fal answers it is built from: a cached dashboard load then costs a lookup, not a re-aggregation of
 * every row. Concurrent callers share one computation; a failure is not remembered. The fal cache's
 * generation is part of the key, so clearing fal's answers also retires every report built from them.
 *
 * `compute` gets the fingerprint of the key the report is filed under, resolved here once.
 */
export function cachedReport<T>(
  name: string,
  range: Range,
  compute: (fingerprint: string | undefined) => Promise<T>,
  /** False for a partial answer (e.g. prices missing): shared with concurrent callers, then dropped. */
  keep?: (value: T) => boolean,
): Promise<T> {
  const fingerprint = currentCredential()?.fingerprint;
  const key = [falCacheGeneration(), fingerprint ?? "anonymous", name, ...windowKey(range)];
  return reports().get(key, () => compute(fingerprint), keep);
}
