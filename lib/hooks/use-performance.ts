"use client";
import type { PerformanceResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";
import { API_ROUTES } from "@/lib/contracts/routes";

export function usePerformance(query: RangeQuery | null) {
  return useApi<PerformanceResponse>(API_ROUTES.performance, query);
}
