"use client";
import useSWR, { useSWRConfig } from "swr";
import type { RangeQuery } from "@/lib/contracts/range";
import { apiKey } from "@/lib/view-state";
import { ApiClientError, fetcher } from "@/lib/hooks/fetcher";
import { usePrefetchedError } from "@/lib/hooks/prefetched-errors";

/** One route's answer for the view on screen. */
export type ApiAnswer<T> = {
  data?: T;
  error?: ApiClientError;
  /**
   * True while `data` is the answer for the previous query (a range change is loading): the section
   * keeps its shape and says which window it still shows, and never passes it off as the new one.
   */
  updating: boolean;
};

/**
 * The SWR call every hook shares: the URL is the cache key and `null` skips the request (e.g. deltas
 * before the range is known). While a new key loads, the previous key's answer stays on screen marked
 * `updating` (no layout jump, no figure silently from the wrong window); if the new key fails, the old
 * answer is dropped and the failure shows, since it would otherwise read as the new window's numbers.
 */
export function useApi<T>(
  path: string,
  query: RangeQuery | null | undefined,
  params?: Readonly<Record<string, string>>,
): ApiAnswer<T> {
  const key = query === null ? null : apiKey(path, query, params);
  const { data, error } = useSWR<T, ApiClientError>(key, fetcher<T>, { keepPreviousData: true });
  const { cache, fallback } = useSWRConfig();
  // SWR hands back the previous key's data while this key has none of its own (and prefers it even to
  // this key's server-prefetched fallback), so what belongs to this key is read here.
  const own = key === null ? undefined : ((cache.get(key)?.data ?? fallback[key]) as T | undefined);
  const failed = usePrefetchedError(key);
  if (own !== undefined) return { data: own, error, updating: false };
  if (data !== undefined && error === undefined) return { data, updating: true };
  // Until the browser's own request answers, the server's failure for this key stands for it.
  const early =
    error === undefined && failed
      ? new ApiClientError(
          failed.status,
          failed.code,
          failed.message,
          failed.hint,
          failed.request_id,
          failed.required_permission,
          failed.presets,
        )
      : undefined;
  return { error: error ?? early, updating: false };
}
