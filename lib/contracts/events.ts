import { z } from "zod";
import { rangeQuery, resolvedRange } from "@/lib/contracts/range";

/**
 * The event-metrics wing's public contract: what an app sends to `POST /api/ingest` and what
 * `GET /api/events/metrics` answers. Unlike fal's responses (parsed leniently), ingest input is ours to
 * define, so items are strict: a misspelt field is an error the sender sees, not data silently lost.
 */

export const KNOWN_ACTIVITY_TYPES = [
  "photo.generated",
  "photo.viewed",
  "photo.shared",
  "photo.downloaded",
] as const;

export const MAX_BATCH_ITEMS = 1_000;
export const MAX_BODY_BYTES = 1_048_576;
export const MAX_PROPERTIES_BYTES = 4_096;
/** Levels of objects and arrays in `properties`, the object itself included. */
export const MAX_PROPERTIES_DEPTH = 32;
/** Clock skew we tolerate from senders; anything later is a wrong clock or a wrong zone. */
export const MAX_FUTURE_MS = 5 * 60_000;
/** Earlier instants are unset clocks (1970, year 0); PostgreSQL cannot even store the year 0 ISO allows. */
export const MIN_OCCURRED_AT = "2000-01-01T00:00:00Z";

export const eventId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, "only letters, digits and . _ : - are allowed");

const utf8 = new TextEncoder();

/** Text Postgres can store: no NUL character, no unpaired UTF-16 surrogate. */
function storable(value: unknown): boolean {
  if (typeof value === "string") return !value.includes("\u0000") && value.isWellFormed();
  if (Array.isArray(value)) return value.every(storable);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).every(([k, v]) => storable(k) && storable(v));
  }
  return true;
}
const STORABLE = "must not contain NUL characters or unpaired surrogates";

/**
 * Stops `limit` levels down, so it never recurses deeper than that: 10 KB of `[[[…]]]` is 5,000 levels,
 * enough to overflow the stack of any validator that walks the whole value.
 */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (limit === 0) return true;
  return Object.values(value).some((v) => nestedDeeperThan(v, limit - 1));
}
const text = (min: number, max: number) => z.string().min(min).max(max).refine(storable, STORABLE);

export const activityItem = z.strictObject({
  id: z.uuid(),
  event_id: eventId,
  event_name: text(1, 200).optional(),
  type: z
    .string()
    .regex(
      /^[a-z][a-z0-9_.]{0,63}$/,
      "expected lowercase letters, digits, _ and . (starting with a letter, at most 64)",
    ),
  occurred_at: z.iso.datetime({
    offset: true,
    message: "expected ISO 8601 with an offset or Z, e.g. 2026-03-09T14:05:00-04:00",
  }),
  endpoint_id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._/-]+$/, "expected a fal endpoint id such as fal-ai/flux/dev")
    .optional(),
  /** The fal request that made the photo (fal's ids are uuids): what makes cost per event exact. */
  fal_request_id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, "expected a fal request id such as a1b2c3d4-e5f6-7890-abcd-ef1234567890")
    .optional(),
  properties: z
    .unknown()
    // Before the JSON schema, which recurses through the whole value; a failed pipe input stops there.
    .refine((p) => !nestedDeeperThan(p, MAX_PROPERTIES_DEPTH), {
      message: `must not nest objects and arrays more than ${MAX_PROPERTIES_DEPTH} levels deep`,
    })
    .pipe(
      z
        .record(z.string(), z.json())
        .refine(storable, STORABLE)
        .refine(
          (p) => utf8.encode(JSON.stringify(p)).length <= MAX_PROPERTIES_BYTES,
          `must be at most ${MAX_PROPERTIES_BYTES} bytes as JSON`,
        ),
    )
    .optional(),
});

export const ingestBody = z.strictObject({ activities: z.array(z.unknown()) });

export const ingestResult = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type IngestResult = z.infer<typeof ingestResult>;

/**
 * `series=none` leaves the per-bucket series out (sent as `[]`), for a figure that needs the window's
 * totals only: a KPI's delta against the window before is asked by the hour, and its series would be
 * most of the page's first-paint data.
 */
export const METRICS_SERIES = ["full", "none"] as const;

export const metricsQuery = rangeQuery.extend({
  event_id: eventId.optional(),
  series: z.enum(METRICS_SERIES).default("full"),
});

const count = z.number().int().nonnegative();

export const eventSummary = z.object({
  event_id: z.string(),
  /** The name last sent as `event_name`, else the id. */
  name: z.string(),
  photos_generated: count,
  views: count,
  shares: count,
  downloads: count,
  /** null when the event generated no photos in the range. */
  views_per_photo: z.number().nullable(),
  /** First and last activity of the event inside the range, ISO 8601 in the range's time zone. */
  first_at: z.string(),
  last_at: z.string(),
});
export type EventSummary = z.infer<typeof eventSummary>;

export const eventMetricsResponse = z.object({
  range: resolvedRange,
  /** Every known type (0 when absent) and every custom type seen in the range. */
  totals: z.record(z.string(), count),
  /** Every bucket of the range in order, each with the same keys as `totals`; empty for `series=none`. */
  series: z.array(z.object({ bucket: z.string(), counts: z.record(z.string(), count) })),
  /** Events with activity in the range, most photos first. */
  events: z.array(eventSummary),
  /** photo.generated per fal endpoint; photos sent without endpoint_id count in totals only. */
  photos_by_endpoint: z.record(z.string(), count),
});
export type EventMetricsResponse = z.infer<typeof eventMetricsResponse>;
