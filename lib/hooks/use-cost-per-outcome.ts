"use client";
import type { CostPerOutcomeResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";

export function useCostPerOutcome(query: RangeQuery | null) {
  return useApi<CostPerOutcomeResponse>("/api/ai/cost-per-outcome", query);
}
