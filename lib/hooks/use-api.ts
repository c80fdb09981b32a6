"use client";
import useSWR from "swr";
import type { RangeQuery } from "@/lib/contracts/range";
import { apiKey } from "@/lib/view-state";
import { type ApiClientError, fetcher } from "@/lib/hooks/fetcher";

/**
 * The SWR call every hook shares: the URL is the cache key, previous data stays on screen while a new
 * range loads (no layout jump), and `null` skips the request (e.g. deltas before the range is known).
 */
export function useApi<T>(path: string, query: RangeQuery | null | undefined) {
  const key = query === null ? null : apiKey(path, query);
  return useSWR<T, ApiClientError>(key, fetcher<T>, { keepPreviousData: true });
}
