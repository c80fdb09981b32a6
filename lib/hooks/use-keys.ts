"use client";
import type { KeyInventoryResponse } from "@/lib/contracts/ai";
import type { RangeQuery } from "@/lib/contracts/range";
import { useApi } from "@/lib/hooks/use-api";

export function useKeyInventory(query: RangeQuery | null) {
  return useApi<KeyInventoryResponse>("/api/ai/keys", query);
}
