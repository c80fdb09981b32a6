import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One schema for both engines (PGlite and PostgreSQL). `drizzle-kit generate` turns it into the SQL under
 * `drizzle/`, which the store applies on first use.
 */

/** An occasion the app serves ("Smith wedding"); the ingest API calls it an event. */
export const occasions = pgTable("occasions", {
  id: text("id").primaryKey(),
  name: text("name"),
});

export const activities = pgTable(
  "activities",
  {
    /** Chosen by the client, so a retried batch cannot count twice. */
    id: uuid("id").primaryKey(),
    /**
     * No foreign key to occasions: the ingest transaction upserts the occasion first anyway, and drizzle-kit
     * writes references as "public"."occasions", which would tie the tables to one schema (tests run each
     * file in a schema of its own on a shared server).
     */
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    endpointId: text("endpoint_id"),
    falRequestId: text("fal_request_id"),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  // Minute-grain queries (ranges under 2 hours) read raw rows by time; cost per event reads the photos of
  // a window (their endpoints and fal request ids), which the partial index keeps to photo rows.
  (t) => [
    index("activities_occurred_at_idx").on(t.occurredAt),
    index("activities_photos_idx")
      .on(t.occurredAt)
      .where(sql`${t.type} = 'photo.generated'`),
  ],
);

/** The columns of every table of counts per cell. */
const cellColumns = () => ({
  /** The cell's start, cut in UTC (date_bin from 2000-01-01 00:00 UTC). */
  bucket: timestamp("bucket", { withTimezone: true, mode: "date" }).notNull(),
  eventId: text("event_id").notNull(),
  type: text("type").notNull(),
  count: integer("count").notNull(),
  /** Earliest and latest instant in the cell, so an event's first/last activity in a range stays exact. */
  firstAt: timestamp("first_at", { withTimezone: true, mode: "date" }).notNull(),
  lastAt: timestamp("last_at", { withTimezone: true, mode: "date" }).notNull(),
});

// Bucket first in every key: every dashboard query is a range over buckets.
const cells = (name: string) =>
  pgTable(name, cellColumns(), (t) => [primaryKey({ columns: [t.bucket, t.eventId, t.type] })]);
const cellsByEndpoint = (name: string) =>
  pgTable(
    name,
    {
      ...cellColumns(),
      /** '' when the activity named no endpoint: a primary key column cannot be null. */
      endpointId: text("endpoint_id").notNull().default(""),
    },
    (t) => [primaryKey({ columns: [t.bucket, t.eventId, t.type, t.endpointId] })],
  );

/**
 * Counts per 15-minute cell, kept in the transaction that inserts the activities, so dashboard queries
 * never scan raw rows. Why 15 minutes and not an hour: some zones are offset from UTC by :30 or :45
 * (Asia/Kolkata +05:30, Asia/Kathmandu +05:45), so their hour and day buckets start at :30 or :45 past a
 * UTC hour and would cut through an hourly cell. Every offset in use today is a multiple of 15 minutes, so
 * every bucket boundary of every zone and timeframe above a minute falls on a cell boundary.
 *
 * The coarser tables below hold the same counts, kept in the same statement: a 90-day range is millions
 * of 15-minute cells (they split by up to 60 endpoints) but a few thousand daily ones. Queries read each
 * stretch of a range from the coarsest table whose cells fit it (lib/events/cells.ts).
 */
export const activityRollups = cellsByEndpoint("activity_rollups");

/** Per UTC hour, no endpoint: series in zones whose buckets start on the hour, and the hours around days. */
export const activityRollupsHourly = cells("activity_rollups_hourly");

/** Per UTC day, no endpoint: series in UTC, and totals over the whole UTC days of a range. */
export const activityRollupsDaily = cells("activity_rollups_daily");

/** Per UTC day and endpoint: photos per endpoint over the whole UTC days of a range. */
export const endpointRollupsDaily = cellsByEndpoint("endpoint_rollups_daily");

/**
 * Dashboard sign-ins that are still valid. The session cookie names its row; logging out deletes it, so a
 * copied cookie stops working at once on every server sharing this database (lib/auth/sessions.ts).
 */
export const dashboardSessions = pgTable("dashboard_sessions", {
  /** The token's `jti`: 128 random bits. */
  id: text("id").primaryKey(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
});
