"use client";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";
import { API_ROUTES } from "@/lib/contracts/routes";

export function useEventMetrics(query: RangeQuery | null) {
  return useApi<EventMetricsResponse>(API_ROUTES.eventMetrics, query);
}
