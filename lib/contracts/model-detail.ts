import { z } from "zod";
import { DIAGNOSIS_CODES } from "@/lib/contracts/codes";
import { resolvedRange } from "@/lib/contracts/range";

/**
 * Contracts of the model page's routes: a model's requests (fal's request list joined with its billing
 * events) and the "is it us or fal?" latency comparison.
 */

/** fal's endpoint id pattern: owner/name, optionally more path segments. */
export const ENDPOINT_ID_PATTERN = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+$/;
const endpointId = z.string().regex(ENDPOINT_ID_PATTERN, "expected an endpoint id such as fal-ai/flux/dev");

const REQUEST_STATUSES = ["success", "error", "user_error"] as const;
const REQUEST_SORTS = ["ended_at", "duration"] as const;

/** The query of `/api/ai/requests` besides the window (start, end, timezone). */
export const requestsQuery = z.object({
  endpoint_id: endpointId,
  status: z.enum(REQUEST_STATUSES).optional(),
  sort_by: z.enum(REQUEST_SORTS).optional(),
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type RequestsQuery = z.infer<typeof requestsQuery>;

const requestRow = z.object({
  request_id: z.string(),
  endpoint_id: z.string(),
  sent_at: z.string(),
  started_at: z.string(),
  ended_at: z.string().nullable(),
  status_code: z.number().int().nullable(),
  /** started_at − sent_at. */
  queue_seconds: z.number().nullable(),
  /** fal's `duration`: run time without the queue. */
  run_seconds: z.number().nullable(),
  /**
   * What fal billed for the request (its billing events' cost_total); 0 for a failure (fal bills none);
   * null when the key cannot read billing events or a success has no event (yet).
   */
  cost: z.number().nullable(),
});
export type RequestRow = z.infer<typeof requestRow>;

export const requestsResponse = z.object({
  range: resolvedRange,
  items: z.array(requestRow),
  /** fal's cursor for the next page, passed through as is. */
  next_cursor: z.string().nullable(),
  currency: z.string(),
  /** Null when costs were joined; otherwise why not (scope_insufficient: the key lacks billing:usage:read). */
  cost_unavailable: z.enum(DIAGNOSIS_CODES).nullable(),
});
export type RequestsResponse = z.infer<typeof requestsResponse>;

export const insightsQuery = z.array(endpointId).min(1).max(20);

const insightsModel = z.object({
  endpoint_id: z.string(),
  /** fal-wide weekly run time of successful executions (queue and start-up excluded), in seconds. */
  fal_p50_seconds: z.number().nullable(),
  fal_p90_seconds: z.number().nullable(),
  /** fal's own verdict (>= 30 samples, >= 10 callers); false for private or unknown models. */
  sufficient_evidence: z.boolean(),
  /** False when fal has no evidence at all: a private model, or one it does not know. */
  public: z.boolean(),
  /** The team's own p50/p90 run time over the same window, from analytics. */
  your_p50_seconds: z.number().nullable(),
  your_p90_seconds: z.number().nullable(),
});
export type InsightsModel = z.infer<typeof insightsModel>;

export const insightsResponse = z.object({
  /** fal's evidence window (end exclusive); null when fal gave none or could not be asked. */
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
  models: z.array(insightsModel),
  /** Why the comparison is missing (fal down, the beta endpoint gone); null when fal answered. */
  unavailable: z.enum(DIAGNOSIS_CODES).nullable(),
});
export type InsightsResponse = z.infer<typeof insightsResponse>;

/** The query of `/api/ai/model` besides the window. */
export const modelQuery = z.object({ endpoint_id: endpointId });

export const modelResponse = z.object({
  range: resolvedRange,
  endpoint_id: z.string(),
  display_name: z.string().nullable(),
  requests: z.number(),
  successes: z.number(),
  user_errors: z.number(),
  server_errors: z.number(),
  error_rate: z.number().nullable(),
  /** Window percentiles from fal's summary; null when fal sent none (never averaged from buckets). */
  p50_duration: z.number().nullable(),
  p90_duration: z.number().nullable(),
  p50_queue: z.number().nullable(),
  p90_queue: z.number().nullable(),
  /** Billed cost in the window; null when the key cannot read usage (`cost_unavailable` says why). */
  cost: z.number().nullable(),
  currency: z.string(),
  cost_unavailable: z.enum(DIAGNOSIS_CODES).nullable(),
  /** Per bucket, fal's own per-bucket percentiles (seconds). */
  series: z.array(
    z.object({
      bucket: z.string(),
      requests: z.number(),
      p50_duration: z.number().nullable(),
      p90_duration: z.number().nullable(),
      p50_queue: z.number().nullable(),
      p90_queue: z.number().nullable(),
    }),
  ),
  fetched_at: z.string(),
  stale: z.boolean(),
  stale_reason: z.enum(DIAGNOSIS_CODES).nullable(),
});
export type ModelResponse = z.infer<typeof modelResponse>;
