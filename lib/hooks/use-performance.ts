"use client";
import type { PerformanceResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";

export function usePerformance(query: RangeQuery | null) {
  return useApi<PerformanceResponse>("/api/ai/performance", query);
}
