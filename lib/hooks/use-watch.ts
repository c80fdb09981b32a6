"use client";
import type { AnomaliesResponse, ForecastResponse } from "@/lib/contracts/watch";
import { API_ROUTES } from "@/lib/contracts/routes";
import { useApi } from "@/lib/hooks/use-api";

/** Month-end forecast and runway: not tied to the dashboard's range (always this month, last 7 days). */
export function useForecast() {
  return useApi<ForecastResponse>(API_ROUTES.forecast, undefined);
}

/** Spend anomalies per model with the default factor and minimum; SWR shares one request per page. */
export function useAnomalies() {
  return useApi<AnomaliesResponse>(API_ROUTES.anomalies, undefined);
}
