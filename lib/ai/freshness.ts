import "server-only";
import type { Freshness } from "@/lib/fal/client";

/** The freshness fields every AI route answers with. */
export function freshnessFields(f: Freshness) {
  return {
    fetched_at: new Date(Number.isFinite(f.fetchedAt) ? f.fetchedAt : Date.now()).toISOString(),
    stale: f.stale !== null,
    stale_reason: f.stale,
  };
}
