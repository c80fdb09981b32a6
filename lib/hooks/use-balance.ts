"use client";
import type { BalanceResponse } from "@/lib/contracts/ai";
import { useApi } from "@/lib/hooks/use-api";

export function useBalance() {
  return useApi<BalanceResponse>("/api/ai/balance", undefined);
}
