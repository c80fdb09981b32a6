"use client";
import type { UsageResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";

export function useUsage(query: RangeQuery | null) {
  return useApi<UsageResponse>("/api/ai/usage", query);
}
