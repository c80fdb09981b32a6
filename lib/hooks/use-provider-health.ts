"use client";
import useSWR from "swr";
import type { HealthReport } from "@/lib/contracts/health";
import { API_ROUTES } from "@/lib/contracts/routes";

/**
 * The health report answers 503 when a provider fails, and that answer is still the report. `details`
 * is optional in the contract: the route leaves it out for a caller without a session.
 */
async function healthFetcher(url: string): Promise<HealthReport> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (res.status !== 200 && res.status !== 503) throw new Error(`Health check failed (${res.status}).`);
  return (await res.json()) as HealthReport;
}

export function useProviderHealth() {
  const swr = useSWR<HealthReport, Error>(API_ROUTES.providerHealth, healthFetcher, { refreshInterval: 0 });
  /** Re-probes the key (the server drops its cached fal answers too) and resolves to the new report. */
  const verifyNow = (): Promise<HealthReport | undefined> =>
    swr.mutate(healthFetcher(`${API_ROUTES.providerHealth}?refresh=1`), { revalidate: false });
  return { ...swr, verifyNow };
}
