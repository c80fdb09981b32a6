CREATE TABLE "activity_rollups_daily" (
	"bucket" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_rollups_daily_bucket_event_id_type_pk" PRIMARY KEY("bucket","event_id","type")
);
--> statement-breakpoint
CREATE TABLE "activity_rollups_hourly" (
	"bucket" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_rollups_hourly_bucket_event_id_type_pk" PRIMARY KEY("bucket","event_id","type")
);
--> statement-breakpoint
CREATE TABLE "endpoint_rollups_daily" (
	"bucket" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"endpoint_id" text DEFAULT '' NOT NULL,
	CONSTRAINT "endpoint_rollups_daily_bucket_event_id_type_endpoint_id_pk" PRIMARY KEY("bucket","event_id","type","endpoint_id")
);
--> statement-breakpoint
-- Backfill (hand-written below the generated DDL): a store written before this migration counts its
-- activities only in the 15-minute cells, which sum exactly into hours and UTC days, as writeActivities sums
-- a batch's cells. The lock holds writers off until this transaction commits, so the backfill sees every cell
-- committed before it. (A server still running the old code afterwards would not keep the new tables: upgrade
-- all servers sharing a database together.)
LOCK TABLE "activity_rollups" IN SHARE MODE;
--> statement-breakpoint
INSERT INTO "activity_rollups_hourly" ("bucket", "event_id", "type", "count", "first_at", "last_at")
SELECT date_bin('1 hour', "bucket", timestamptz '2000-01-01 00:00:00+00'), "event_id", "type",
       sum("count"), min("first_at"), max("last_at")
FROM "activity_rollups"
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "activity_rollups_daily" ("bucket", "event_id", "type", "count", "first_at", "last_at")
SELECT date_bin('1 day', "bucket", timestamptz '2000-01-01 00:00:00+00'), "event_id", "type",
       sum("count"), min("first_at"), max("last_at")
FROM "activity_rollups"
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "endpoint_rollups_daily" ("bucket", "event_id", "type", "endpoint_id", "count", "first_at", "last_at")
SELECT date_bin('1 day', "bucket", timestamptz '2000-01-01 00:00:00+00'), "event_id", "type", "endpoint_id",
       sum("count"), min("first_at"), max("last_at")
FROM "activity_rollups"
GROUP BY 1, 2, 3, 4;
