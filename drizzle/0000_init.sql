CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"endpoint_id" text,
	"fal_request_id" text,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_rollups" (
	"bucket" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"endpoint_id" text DEFAULT '' NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_rollups_bucket_event_id_type_endpoint_id_pk" PRIMARY KEY("bucket","event_id","type","endpoint_id")
);
--> statement-breakpoint
CREATE TABLE "occasions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE INDEX "activities_occurred_at_idx" ON "activities" USING btree ("occurred_at");