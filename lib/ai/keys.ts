import "server-only";
import type { KeyInventoryResponse } from "@/lib/contracts/ai";
import { publicRange, type Range } from "@/lib/time/range";
import { freshnessFields } from "@/lib/ai/freshness";
import { aggregateUsage } from "@/lib/fal/aggregate";
import { fetchKeys, fetchUsage } from "@/lib/fal/client";

export const ROTATE_AFTER_DAYS = 90;
const DAY_MS = 86_400_000;

/** fal's key inventory joined with spend per key (usage `auth_method_structured`) for the window. */
export async function keyInventory(range: Range, now = Date.now()): Promise<KeyInventoryResponse> {
  // Both asked at once, but a refusal of the list is reported first whatever answers first, so a key
  // that can read neither is told about the inventory's own permission, the same way every time.
  const [listed, used] = await Promise.allSettled([fetchKeys(), fetchUsage(range, { byKey: true })]);
  if (listed.status === "rejected") throw listed.reason;
  if (used.status === "rejected") throw used.reason;
  const [inventory, usage] = [listed.value, used.value];
  const totals = aggregateUsage(usage.buckets);
  const spendById = new Map(totals.by_key.filter((k) => k.api_key_id).map((k) => [k.api_key_id, k.cost]));
  const known = new Set(inventory.keys.map((k) => k.key_id));

  return {
    range: publicRange(range),
    currency: totals.currency,
    keys: inventory.keys
      .map((k) => {
        const age = Math.floor((now - Date.parse(k.created_at)) / DAY_MS);
        return {
          key_id: k.key_id,
          alias: k.alias,
          scope: k.scope,
          created_at: k.created_at,
          age_days: age,
          rotate: age > ROTATE_AFTER_DAYS,
          spend: spendById.get(k.key_id) ?? 0,
        };
      })
      .sort((a, b) => b.spend - a.spend || a.alias.localeCompare(b.alias)),
    other_spend: totals.by_key
      .filter((k) => !k.api_key_id || !known.has(k.api_key_id))
      .map((k) => ({ label: k.detail, api_key_id: k.api_key_id, spend: k.cost })),
    ...freshnessFields({
      fetchedAt: Math.min(inventory.fetchedAt, usage.fetchedAt),
      stale: inventory.stale ?? usage.stale,
    }),
  };
}
