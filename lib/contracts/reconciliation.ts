import { z } from "zod";
import { DIAGNOSIS_CODES } from "@/lib/contracts/codes";
import { resolvedRange } from "@/lib/contracts/range";

/**
 * `/api/ai/reconciliation`: per endpoint, billed usage vs the sum of its per-request billing events vs
 * list price × quantity.
 */

const reconciliationUnit = z.object({
  unit: z.string(),
  quantity: z.number(),
  billed: z.number(),
  /** List price × quantity; null when fal has no list price in this unit (never $0). */
  list_estimate: z.number().nullable(),
  list_unit_price: z.number().nullable(),
});

const reconciliationModel = z.object({
  endpoint_id: z.string(),
  units: z.array(reconciliationUnit),
  /** Usage's cost_total summed over every row. */
  billed: z.number(),
  /** The endpoint's billing events' cost_total summed. */
  billing_events_total: z.number(),
  /** Null when any unit has no list price. */
  list_estimate: z.number().nullable(),
  /** billed − billing_events_total. */
  difference: z.number(),
  /** |difference| over one cent AND over 0.5 % of billed. */
  flagged: z.boolean(),
});
export type ReconciliationModel = z.infer<typeof reconciliationModel>;

export const reconciliationResponse = z.object({
  range: resolvedRange,
  currency: z.string(),
  models: z.array(reconciliationModel),
  totals: z.object({
    billed: z.number(),
    billing_events_total: z.number(),
    /** Sum over the models that have a list estimate; `list_estimate_complete` says whether that is all. */
    list_estimate: z.number(),
    list_estimate_complete: z.boolean(),
    difference: z.number(),
    flagged: z.number().int(),
  }),
  fetched_at: z.string(),
  stale: z.boolean(),
  stale_reason: z.enum(DIAGNOSIS_CODES).nullable(),
});
export type ReconciliationResponse = z.infer<typeof reconciliationResponse>;
