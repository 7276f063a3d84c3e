CREATE TABLE "backups" (
	"id" text PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" text,
	"stacks" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"location" text,
	"size_bytes" bigint,
	"sha256" text,
	"summary" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "restores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"backup_id" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"plan" jsonb,
	"result" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "backups_started_idx" ON "backups" USING btree ("cluster_id","started_at");--> statement-breakpoint
CREATE INDEX "restores_started_idx" ON "restores" USING btree ("cluster_id","started_at");