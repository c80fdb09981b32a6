"use client";
import type { BalanceResponse } from "@/lib/contracts/ai";
import { useApi } from "@/lib/hooks/use-api";
import { API_ROUTES } from "@/lib/contracts/routes";

export function useBalance() {
  return useApi<BalanceResponse>(API_ROUTES.balance, undefined);
}
