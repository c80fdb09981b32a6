"use client";
import type { CostPerOutcomeResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";
import { API_ROUTES } from "@/lib/contracts/routes";

export function useCostPerOutcome(query: RangeQuery | null) {
  return useApi<CostPerOutcomeResponse>(API_ROUTES.costPerOutcome, query);
}
