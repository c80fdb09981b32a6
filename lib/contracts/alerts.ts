import { z } from "zod";

/**
 * Alert rules, channels and notifications (/api/alerts/*). A rule is one flat object: the common fields
 * beside its kind's own; the server adds `id`, `state` and `created_at`. Input is strict (a misspelt
 * field is a 400 naming it), answers are not.
 */

export const RULE_KINDS = [
  "spend_budget",
  "runway",
  "spend_anomaly",
  "error_rate",
  "latency",
  "key_health",
  "key_age",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const money = z.number().positive().max(1e9);
const endpointId = z.string().trim().min(1).max(200);

const common = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  channel_ids: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** Remind every so many hours while a rule keeps firing; none by default (one notification per crossing). */
  renotify_hours: z.number().positive().max(720).nullable().optional(),
};

const kinds = {
  spend_budget: {
    period: z.enum(["day", "week", "month"]),
    amount: money,
    thresholds_percent: z
      .array(z.number().int().min(1).max(1000))
      .min(1)
      .max(6)
      .default([80, 100])
      .transform((t) => [...new Set(t)].sort((a, b) => a - b)),
    endpoint_id: endpointId.optional(),
    /** Monthly budgets: also fire when the month-end forecast exceeds the amount, before the spend does. */
    forecast: z.boolean().default(false),
  },
  runway: { min_days: z.number().positive().max(3650) },
  spend_anomaly: {
    factor: z.number().min(1).max(1000).optional(),
    min_amount: z.number().min(0).max(1e9).optional(),
    endpoint_id: endpointId.optional(),
  },
  error_rate: {
    max_percent: z.number().min(0).max(100),
    window_minutes: z.number().int().min(5).max(1440).default(60),
    min_requests: z.number().int().min(1).max(1e9).default(20),
    endpoint_id: endpointId.optional(),
  },
  latency: {
    percentile: z.enum(["p50", "p90"]),
    max_seconds: z.number().positive().max(86_400),
    window_minutes: z.number().int().min(5).max(1440).default(60),
    endpoint_id: endpointId,
  },
  key_health: {},
  key_age: { max_days: z.number().int().min(1).max(3650).default(90) },
} as const;

const input = <K extends RuleKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), ...common, ...kinds[kind] });

export const ruleInput = z.discriminatedUnion("kind", [
  input("spend_budget"),
  input("runway"),
  input("spend_anomaly"),
  input("error_rate"),
  input("latency"),
  input("key_health"),
  input("key_age"),
]);
export type RuleInput = z.infer<typeof ruleInput>;

/** PATCH: any fields; merged over the stored rule, then the whole is validated as `ruleInput`. */
export const rulePatch = z.record(z.string(), z.unknown());

export const ruleState = z.enum(["ok", "firing", "disabled"]);

export const alertRule = z.intersection(
  ruleInput,
  z.object({
    id: z.string(),
    state: ruleState,
    created_at: z.string(),
    /** What is firing now, one line per subject (a model, a period). */
    firing: z.array(z.object({ subject: z.string(), title: z.string(), since: z.string() })),
  }),
);
export type AlertRule = z.infer<typeof alertRule>;
export const rulesResponse = z.object({ rules: z.array(alertRule) });
export type RulesResponse = z.infer<typeof rulesResponse>;

export const channelInput = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("webhook"),
    name: z.string().trim().min(1).max(120),
    // Any http(s) address, loopback and private networks included: receivers often run beside the app.
    url: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).max(2000),
    format: z.enum(["json", "slack"]).default("json"),
  }),
  z.strictObject({
    type: z.literal("email"),
    name: z.string().trim().min(1).max(120),
    to: z.array(z.email()).min(1).max(20),
  }),
]);
export type ChannelInput = z.infer<typeof channelInput>;

export const alertChannel = z.object({
  id: z.string(),
  type: z.enum(["webhook", "email"]),
  name: z.string(),
  /** Webhooks: scheme and host only; the rest of a URL is a credential. */
  url_masked: z.string().optional(),
  format: z.enum(["json", "slack"]).optional(),
  to: z.array(z.string()).optional(),
  created_at: z.string(),
  /** The last delivery's outcome, for "failing" on the page. */
  last_delivery: z
    .object({ status: z.enum(["pending", "sent", "failed"]), at: z.string(), error: z.string().nullable() })
    .nullable(),
});
export type AlertChannel = z.infer<typeof alertChannel>;
export const channelsResponse = z.object({ channels: z.array(alertChannel) });
export type ChannelsResponse = z.infer<typeof channelsResponse>;

export const alertType = z.enum(["alert.firing", "alert.resolved", "alert.test"]);

/** The `alert` object of every notification (webhook body, Slack text, email). */
export const alertPayload = z.object({
  id: z.string(),
  rule_id: z.string().nullable(),
  rule_name: z.string(),
  kind: z.string(),
  state: z.enum(["firing", "resolved", "test"]),
  title: z.string(),
  message: z.string(),
  /** What was measured: budget spend in the period so far, runway days, anomaly `recent`, … */
  value: z.number().nullable(),
  /** The level crossed: for a budget, amount × percent / 100. */
  threshold: z.number().nullable(),
  endpoint_id: z.string().optional(),
  period: z.object({ start: z.string(), end: z.string() }).optional(),
  dashboard_url: z.string(),
  at: z.string(),
});
export type AlertPayload = z.infer<typeof alertPayload>;

export const webhookBody = z.object({ type: alertType, alert: alertPayload });
export type WebhookBody = z.infer<typeof webhookBody>;

export const eventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const deliveryStatus = z.enum(["pending", "sent", "failed"]);
export const alertEventsResponse = z.object({
  events: z.array(
    z.object({
      type: alertType,
      alert: alertPayload,
      created_at: z.string(),
      deliveries: z.array(
        z.object({
          channel_id: z.string(),
          channel_name: z.string().nullable(),
          status: deliveryStatus,
          attempts: z.number(),
          last_error: z.string().nullable(),
          sent_at: z.string().nullable(),
          next_attempt_at: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type AlertEventsResponse = z.infer<typeof alertEventsResponse>;

export const evaluationResponse = z.object({
  evaluated_at: z.string(),
  /** False when another instance was evaluating: this one did nothing. */
  ran: z.boolean(),
  fired: z.array(alertPayload),
  resolved: z.array(alertPayload),
  /** Rules that could not be evaluated this time (fal down, key without scope), with the reason. */
  errors: z.array(z.object({ rule_id: z.string(), message: z.string() })),
});
export type EvaluationResponse = z.infer<typeof evaluationResponse>;

export const channelTestResponse = z.object({
  id: z.string(),
  status: deliveryStatus,
  error: z.string().nullable(),
});
export type ChannelTestResponse = z.infer<typeof channelTestResponse>;
