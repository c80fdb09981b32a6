import "server-only";
import type { BalanceResponse } from "@/lib/contracts/ai";
import { freshnessFields } from "@/lib/ai/freshness";
import { fetchBilling } from "@/lib/fal/client";

export async function balanceReport(): Promise<BalanceResponse> {
  const r = await fetchBilling();
  return {
    username: r.billing.username,
    current_balance: r.billing.credits?.current_balance ?? null,
    currency: r.billing.credits?.currency ?? null,
    ...freshnessFields(r),
  };
}
