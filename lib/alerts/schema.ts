import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * Alert rules, channels, the state of each rule per subject, the history of notifications and the
 * outbox of deliveries: in the event store, beside the events, so one migration path serves PGlite and
 * PostgreSQL. No foreign keys, like the rest of the schema (drizzle-kit would pin them to "public").
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const alertChannels = pgTable("alert_channels", {
  id: text("id").primaryKey(),
  type: text("type").$type<"webhook" | "email">().notNull(),
  name: text("name").notNull(),
  /** webhook: { url, format }; email: { to }. The URL is a secret (a Slack URL is its own credential). */
  config: jsonb("config").$type<Record<string, unknown>>().notNull(),
  /** `whsec_…` for JSON webhooks (Standard Webhooks); shown once, when the channel is created. */
  secret: text("secret"),
  createdAt: at("created_at").notNull().defaultNow(),
});

export const alertRules = pgTable("alert_rules", {
  id: text("id").primaryKey(),
  kind: text("kind").notNull(),
  /** The rule as the API takes it (lib/contracts/alerts.ts `ruleInput`), validated on every write. */
  spec: jsonb("spec").$type<Record<string, unknown>>().notNull(),
  createdAt: at("created_at").notNull().defaultNow(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** Where a rule stands for one subject (a model, a period): what was last notified, so nothing repeats. */
export const alertStates = pgTable(
  "alert_states",
  {
    ruleId: text("rule_id").notNull(),
    subject: text("subject").notNull(),
    firing: boolean("firing").notNull(),
    /** How far it has gone: the highest threshold percent crossed (budgets), else 1 while firing. */
    level: integer("level").notNull().default(0),
    value: doublePrecision("value"),
    threshold: doublePrecision("threshold"),
    /** The id of the firing notification, for its resolution and the page. */
    alertId: text("alert_id"),
    since: at("since").notNull().defaultNow(),
    notifiedAt: at("notified_at"),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.subject] })],
);

/** Every notification (firing, resolved, test), as sent: the history the page shows. */
export const alertEvents = pgTable(
  "alert_events",
  {
    id: text("id").primaryKey(),
    ruleId: text("rule_id"),
    type: text("type").$type<"alert.firing" | "alert.resolved" | "alert.test">().notNull(),
    /** The `alert` object of the webhook body. */
    alert: jsonb("alert").$type<Record<string, unknown>>().notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("alert_events_created_at_idx").on(t.createdAt)],
);

/**
 * One row per (notification, channel), written in the transaction that records the state change, so a
 * crash between the two cannot lose or invent a notification. `id` is the `webhook-id`, the same on every
 * retry so receivers can drop duplicates.
 */
export const alertOutbox = pgTable(
  "alert_outbox",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: text("id").notNull().unique(),
    eventId: text("event_id").notNull(),
    channelId: text("channel_id").notNull(),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: at("sent_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("alert_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);
