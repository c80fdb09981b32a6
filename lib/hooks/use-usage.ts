"use client";
import type { UsageResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";
import { API_ROUTES } from "@/lib/contracts/routes";

export function useUsage(query: RangeQuery | null) {
  return useApi<UsageResponse>(API_ROUTES.usage, query);
}
