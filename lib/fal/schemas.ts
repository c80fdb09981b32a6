import "server-only";
import { z } from "zod";

/**
 * fal's response shapes (docs/fal-api-notes.md), parsed leniently: unknown fields pass and fields the
 * dashboard does not need may be missing, because fal changes weekly. Fields the spec marks required and
 * the dashboard relies on stay required, so real drift surfaces as `upstream_contract`.
 */

const page = { next_cursor: z.string().nullable().optional(), has_more: z.boolean() };

export const modelSchema = z.looseObject({
  endpoint_id: z.string(),
  metadata: z
    .looseObject({
      display_name: z.string().optional(),
      category: z.string().optional(),
      status: z.string().optional(),
      thumbnail_url: z.string().optional(),
    })
    .optional(),
});
export const modelsPageSchema = z.looseObject({ models: z.array(modelSchema), ...page });
export type FalModel = z.infer<typeof modelSchema>;

export const priceSchema = z.looseObject({
  endpoint_id: z.string(),
  unit_price: z.number().nonnegative(),
  unit: z.string(),
  currency: z.string(),
});
export const pricingPageSchema = z.looseObject({ prices: z.array(priceSchema), ...page });
export type FalPrice = z.infer<typeof priceSchema>;

export const usageItemSchema = z
  .looseObject({
    endpoint_id: z.string(),
    unit: z.string(),
    quantity: z.number().nonnegative(),
    unit_price: z.number().nonnegative().nullish(),
    percent_discount: z.number().nullish(),
    cost_subtotal: z.number().optional(),
    cost_discount: z.number().optional(),
    cost_total: z.number().nonnegative().optional(),
    // Deprecated, equal to cost_total; the only cost field on rows from before 2026-07-21.
    cost: z.number().nonnegative().optional(),
    currency: z.string().optional(),
    auth_method: z.string().optional(),
    auth_method_structured: z
      .looseObject({
        detail: z.string(),
        api_key_id: z.string().optional(),
        login_username: z.string().optional(),
      })
      .optional(),
  })
  .refine((r) => r.cost_total !== undefined || r.cost !== undefined, {
    message: "neither cost_total nor cost is present",
    path: ["cost_total"],
  });
export type FalUsageItem = z.infer<typeof usageItemSchema>;

export const usagePageSchema = z.looseObject({
  time_series: z.array(z.looseObject({ bucket: z.string(), results: z.array(usageItemSchema) })).optional(),
  summary: z.array(usageItemSchema).optional(),
  ...page,
});

/** Only `endpoint_id` is required: fal returns just the metrics that were asked for. */
export const analyticsItemSchema = z.looseObject({
  endpoint_id: z.string(),
  request_count: z.number().optional(),
  success_count: z.number().optional(),
  user_error_count: z.number().optional(),
  error_count: z.number().optional(),
  p50_duration: z.number().nullish(),
  p90_duration: z.number().nullish(),
  p95_duration: z.number().nullish(),
  p50_prepare_duration: z.number().nullish(),
  p90_prepare_duration: z.number().nullish(),
});
export type FalAnalyticsItem = z.infer<typeof analyticsItemSchema>;

export const analyticsPageSchema = z.looseObject({
  time_series: z
    .array(z.looseObject({ bucket: z.string(), results: z.array(analyticsItemSchema) }))
    .optional(),
  summary: z.array(analyticsItemSchema).optional(),
  ...page,
});

export const billingSchema = z.looseObject({
  username: z.string(),
  credits: z.looseObject({ current_balance: z.number(), currency: z.string() }).optional(),
});
export type FalBilling = z.infer<typeof billingSchema>;

export const apiKeySchema = z.looseObject({
  key_id: z.string(),
  alias: z.string(),
  scope: z.string(),
  created_at: z.string(),
  creator_nickname: z.string().optional(),
  creator_email: z.string().optional(),
});
export const keysPageSchema = z.looseObject({ keys: z.array(apiKeySchema), ...page });
export type FalApiKey = z.infer<typeof apiKeySchema>;

/**
 * fal's error envelope (docs/fal-api-notes.md, "Errors and diagnosis"); parsed leniently because it is
 * only ever read for hints.
 */
export const falErrorSchema = z.looseObject({
  error: z.looseObject({
    type: z.string().optional(),
    message: z.string().optional(),
    request_id: z.string().optional(),
  }),
});

/** `GET /models/requests/by-endpoint`; payloads are never asked for, so they are not parsed. */
const requestItemSchema = z.looseObject({
  request_id: z.string(),
  endpoint_id: z.string(),
  sent_at: z.string(),
  started_at: z.string(),
  ended_at: z.string().nullish(),
  status_code: z.number().int().nullish(),
  duration: z.number().nullish(),
});
export const requestsPageSchema = z.looseObject({ items: z.array(requestItemSchema), ...page });
export type FalRequestItem = z.infer<typeof requestItemSchema>;

/** `GET /models/billing-events`: cost_total since 2026-07-30; before, only the nano-USD estimate. */
const billingEventSchema = z
  .looseObject({
    request_id: z.string(),
    endpoint_id: z.string(),
    timestamp: z.string(),
    cost_total: z.number().nonnegative().optional(),
    cost_estimate_nano_usd: z.number().nonnegative().optional(),
  })
  .refine((e) => e.cost_total !== undefined || e.cost_estimate_nano_usd !== undefined, {
    message: "neither cost_total nor cost_estimate_nano_usd is present",
    path: ["cost_total"],
  });
export const billingEventsPageSchema = z.looseObject({
  billing_events: z.array(billingEventSchema),
  ...page,
});
export type FalBillingEvent = z.infer<typeof billingEventSchema>;

/** `GET /models/insights` (beta): only what the latency comparison reads. */
export const insightsSchema = z.looseObject({
  evidence: z.looseObject({
    window_start: z.string().nullable(),
    window_end: z.string().nullable(),
    models: z.array(
      z.looseObject({
        endpoint_id: z.string(),
        evidence: z
          .looseObject({
            latency: z.looseObject({
              p50_ms: z.number().nullable(),
              p90_ms: z.number().nullable(),
              sufficient_evidence: z.boolean(),
            }),
          })
          .nullable(),
      }),
    ),
  }),
});
