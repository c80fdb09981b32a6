import { z } from "zod";
import { DIAGNOSIS_CODES } from "@/lib/contracts/codes";
import { resolvedRange } from "@/lib/contracts/range";

/** Response contracts of the AI routes, shared by the route handlers and the SWR hooks. */

const freshness = {
  fetched_at: z.string(),
  /** True when fal failed and this is the last good answer. */
  stale: z.boolean(),
  stale_reason: z.enum(DIAGNOSIS_CODES).nullable(),
};

export const usageModel = z.object({
  endpoint_id: z.string(),
  display_name: z.string().nullable(),
  unit: z.string(),
  quantity: z.number(),
  /** Billed cost (fal's cost_total, or cost on older rows), summed over every row and page. */
  cost: z.number(),
  /** Effective price paid: cost / quantity; null when nothing was billed. */
  unit_price: z.number().nullable(),
  /** fal's list price for this unit, when it has one. */
  list_price: z.number().nullable(),
  /** False when fal has no price in this unit: shown as "unpriced", never as $0. */
  priced: z.boolean(),
});
export type UsageModel = z.infer<typeof usageModel>;

/**
 * How much of the per-bucket series `/api/ai/usage` sends. `top` (the default, what the dashboard draws):
 * each bucket holds the costliest models of the window and one "other" for the rest. `full`: every model
 * in every bucket, for exports and scripts — on a big account that is megabytes. `none`: no series and
 * no stacks, for a figure that needs the window's totals only (a KPI's delta against the window before).
 */
export const USAGE_SERIES = ["top", "full", "none"] as const;

/** The query of `/api/ai/usage` besides the window. */
export const usageQuery = z.object({ series: z.enum(USAGE_SERIES).default("top") });

const usageBucket = z.object({
  bucket: z.string(),
  /** Everything billed in the bucket. */
  cost: z.number(),
  /** Cost per endpoint id (and, in the `top` series, under "other" for the folded models). */
  by_model: z.record(z.string(), z.number()),
});

export const usageResponse = z.object({
  range: resolvedRange,
  currency: z.string(),
  total_cost: z.number(),
  /** One row per (endpoint, unit), every model of the window, whichever series was asked. */
  models: z.array(usageModel),
  series_detail: z.enum(USAGE_SERIES),
  /**
   * The cost chart's stacks, bottom first: the costliest models over the window (summed over their
   * units), then "other" holding `models` folded ones. Keys are endpoint ids, or "other".
   */
  stacks: z.array(z.object({ key: z.string(), label: z.string(), models: z.number().int() })),
  series: z.array(usageBucket),
  provenance: z.literal("billed"),
  ...freshness,
});
export type UsageResponse = z.infer<typeof usageResponse>;
/** The whole report the server keeps: every model in every bucket; what `series=full` sends. */
export type UsageReport = Omit<UsageResponse, "series_detail" | "stacks">;

export const performanceModel = z.object({
  endpoint_id: z.string(),
  /** fal's display name from `/models`; null when fal has none or the call failed. */
  display_name: z.string().nullable().optional(),
  requests: z.number(),
  successes: z.number(),
  user_errors: z.number(),
  server_errors: z.number(),
  error_rate: z.number().nullable(),
  p50_duration: z.number().nullable(),
  p90_duration: z.number().nullable(),
  p95_duration: z.number().nullable(),
  p50_queue: z.number().nullable(),
  p90_queue: z.number().nullable(),
});
export type PerformanceModel = z.infer<typeof performanceModel>;

export const performanceResponse = z.object({
  range: resolvedRange,
  /** Where the model list came from: usage (ADMIN key), else event metrics and FAL_ENDPOINTS. */
  model_source: z.enum(["usage", "events"]),
  models: z.array(performanceModel),
  series: z.array(
    z.object({
      bucket: z.string(),
      requests: z.number(),
      user_errors: z.number(),
      server_errors: z.number(),
    }),
  ),
  /** False when fal sent no window summary: percentiles are then null, never averaged from buckets. */
  percentiles_available: z.boolean(),
  ...freshness,
});
export type PerformanceResponse = z.infer<typeof performanceResponse>;

export const balanceResponse = z.object({
  username: z.string(),
  current_balance: z.number().nullable(),
  currency: z.string().nullable(),
  ...freshness,
});
export type BalanceResponse = z.infer<typeof balanceResponse>;

/**
 * Cost of one event's photos. exact: every photo names its fal request, and the cost is what fal billed
 * for those requests; estimated: none does, and each endpoint's billed usage is shared by photo count;
 * mixed: both, added up.
 */
const eventCost = z.object({
  event_id: z.string(),
  event_name: z.string(),
  photos: z.number().int(),
  /** Null when the exact part cannot be read (billing events refused or down): never a partial sum. */
  cost: z.number().nullable(),
  cost_per_photo: z.number().nullable(),
  basis: z.enum(["exact", "estimated", "mixed"]),
  /** Distinct request ids with a billing event. */
  matched_requests: z.number().int(),
  /** Distinct request ids without one (fal bills no failures): they cost nothing. */
  unmatched_requests: z.number().int(),
});
export type EventCost = z.infer<typeof eventCost>;

export const costPerOutcomeResponse = z.object({
  range: resolvedRange,
  currency: z.string(),
  spend: z.number(),
  photos: z.number(),
  overall: z.number().nullable(),
  by_endpoint: z.record(z.string(), z.number().nullable()),
  events: z.array(eventCost),
  /** Why exact costs are missing (e.g. scope_insufficient: the key cannot read billing events). */
  events_exact_unavailable: z.enum(DIAGNOSIS_CODES).nullable(),
  provenance: z.literal("billed"),
  ...freshness,
});
export type CostPerOutcomeResponse = z.infer<typeof costPerOutcomeResponse>;

export const keyInventoryResponse = z.object({
  range: resolvedRange,
  currency: z.string(),
  keys: z.array(
    z.object({
      key_id: z.string(),
      alias: z.string(),
      scope: z.string(),
      created_at: z.string(),
      age_days: z.number(),
      /** Older than the rotation policy (90 days). */
      rotate: z.boolean(),
      spend: z.number(),
    }),
  ),
  /** Spend by credentials that are not in the inventory (ADMIN keys, user tokens, deleted keys). */
  other_spend: z.array(z.object({ label: z.string(), api_key_id: z.string().nullable(), spend: z.number() })),
  ...freshness,
});
export type KeyInventoryResponse = z.infer<typeof keyInventoryResponse>;
