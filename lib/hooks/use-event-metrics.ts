"use client";
import type { EventMetricsResponse } from "@/lib/contracts/events";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";

export function useEventMetrics(query: RangeQuery | null) {
  return useApi<EventMetricsResponse>("/api/events/metrics", query);
}
