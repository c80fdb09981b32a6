"use client";
import type { KeyInventoryResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";
import { API_ROUTES } from "@/lib/contracts/routes";

export function useKeyInventory(query: RangeQuery | null) {
  return useApi<KeyInventoryResponse>(API_ROUTES.keys, query);
}
