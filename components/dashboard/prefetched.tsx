import type { ReactNode } from "react";
import { SWRConfig } from "swr";

/**
 * Waits for a server prefetch inside its Suspense boundary, then hands the answers to SWR as fallback:
 * the panels under it render with data on the server and hydrate without fetching. SWR would otherwise
 * ask again on mount for every answer the server just computed (`revalidateIfStale`); keys without an
 * answer are still fetched on mount, and everything refreshes on the interval set in app/providers.tsx
 * (not on focus: that is turned off there).
 */
export async function Prefetched({
  load,
  children,
}: {
  load: Promise<Record<string, unknown>>;
  children: ReactNode;
}) {
  const fallback = await load;
  return <SWRConfig value={{ fallback, revalidateIfStale: false }}>{children}</SWRConfig>;
}
