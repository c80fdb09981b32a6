import type { LRUCache } from "lru-cache";

/**
 * The cached promise for `key`, or `compute()` started and cached under it: concurrent callers share one
 * computation, and later callers get its answer until the cache's TTL ends. A failure — or an answer
 * `keep` refuses — is dropped once settled, so it is never served to anyone who asks afterwards.
 */
export function sharedPromise<T>(
  cache: LRUCache<string, Promise<unknown>>,
  key: string,
  compute: () => Promise<T>,
  keep: (value: T) => boolean = () => true,
): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit as Promise<T>;
  const pending = compute();
  cache.set(key, pending);
  pending.then(
    (value) => {
      if (!keep(value)) cache.delete(key);
    },
    () => cache.delete(key),
  );
  return pending;
}
