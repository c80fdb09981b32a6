import { z } from "zod";
import { DIAGNOSIS_CODES } from "@/lib/contracts/codes";

/** Forecast, runway and spend anomalies (GET /api/ai/forecast, GET /api/ai/anomalies). */

const freshness = {
  fetched_at: z.string(),
  stale: z.boolean(),
  stale_reason: z.enum(DIAGNOSIS_CODES).nullable(),
};
/** ISO 8601 instants with the dashboard zone's offset; `end` is exclusive. */
const span = z.object({ start: z.string(), end: z.string() });

export const forecastResponse = z.object({
  currency: z.string(),
  timezone: z.string(),
  /** Null when the key cannot read the balance: the runway is then unknown too. */
  balance: z.number().nullable(),
  /** Billed spend over the 7 complete days before today ÷ 7. */
  daily_burn: z.number(),
  burn_window: span,
  /** (balance − FAL_LOCK_THRESHOLD_USD) ÷ daily_burn; null without burn or balance. */
  runway_days: z.number().nullable(),
  runs_out_at: z.string().nullable(),
  lock_threshold: z.number(),
  month: span.extend({ spent: z.number(), forecast: z.number() }),
  ...freshness,
});
export type ForecastResponse = z.infer<typeof forecastResponse>;

const positiveNumber = (field: string) =>
  z.coerce
    .number({ error: `${field} must be a number` })
    .refine((n) => Number.isFinite(n) && n >= 0, `${field} must be a finite number ≥ 0`);

export const anomaliesQuery = z.object({
  factor: positiveNumber("factor")
    .refine((n) => n >= 1, "factor must be at least 1")
    .optional(),
  min_amount: positiveNumber("min_amount").optional(),
});

export const anomaliesResponse = z.object({
  currency: z.string(),
  window: span,
  baseline_window: span,
  factor: z.number(),
  min_amount: z.number(),
  models: z.array(
    z.object({
      endpoint_id: z.string(),
      /** Billed spend in the 24 hours ending at the start of the current hour. */
      recent: z.number(),
      /** Median of the 14 day-long windows before `recent`. */
      baseline: z.number(),
      /** recent ÷ baseline; null when the baseline is 0. */
      ratio: z.number().nullable(),
      flagged: z.boolean(),
    }),
  ),
  ...freshness,
});
export type AnomaliesResponse = z.infer<typeof anomaliesResponse>;
