import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { PrefetchedErrorsProvider, type PrefetchedErrors } from "@/lib/hooks/prefetched-errors";

/**
 * Waits for a server prefetch inside its Suspense boundary, then hands the answers to SWR as fallback:
 * the panels under it render with data on the server and hydrate without fetching. SWR would otherwise
 * ask again on mount for every answer the server just computed (`revalidateIfStale`); keys without an
 * answer are still fetched on mount, and everything refreshes on the interval set in app/providers.tsx
 * (not on focus: that is turned off there). Failures the browser would meet again (a key without the
 * scope) come along too, so their panel renders failed in the first paint rather than shifting later.
 */
export async function Prefetched({
  load,
  children,
}: {
  load: Promise<{ fallback: Record<string, unknown>; errors: PrefetchedErrors }>;
  children: ReactNode;
}) {
  const { fallback, errors } = await load;
  return (
    <SWRConfig value={{ fallback, revalidateIfStale: false }}>
      <PrefetchedErrorsProvider errors={errors}>{children}</PrefetchedErrorsProvider>
    </SWRConfig>
  );
}
