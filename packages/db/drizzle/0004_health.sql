CREATE TABLE "healing_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"check_id" text NOT NULL,
	"subject" text NOT NULL,
	"action" text NOT NULL,
	"mode" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"deployment_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healing_policies" (
	"cluster_id" text NOT NULL,
	"check_id" text NOT NULL,
	"mode" text NOT NULL,
	"action" text NOT NULL,
	"after_minutes" integer NOT NULL,
	"max_per_hour" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "healing_policies_cluster_id_check_id_pk" PRIMARY KEY("cluster_id","check_id")
);
--> statement-breakpoint
CREATE TABLE "health_check_state" (
	"cluster_id" text NOT NULL,
	"check_key" text NOT NULL,
	"check_id" text NOT NULL,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"last_report_id" uuid,
	"last_alert_at" timestamp with time zone,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_check_state_cluster_id_check_key_pk" PRIMARY KEY("cluster_id","check_key")
);
--> statement-breakpoint
CREATE TABLE "health_checks" (
	"report_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"cluster_id" text NOT NULL,
	"check_id" text NOT NULL,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"severity" text NOT NULL,
	"doc" jsonb NOT NULL,
	CONSTRAINT "health_checks_report_id_seq_pk" PRIMARY KEY("report_id","seq")
);
--> statement-breakpoint
CREATE TABLE "health_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"scope" text NOT NULL,
	"target" text,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_report_id_health_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."health_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "healing_actions_at_idx" ON "healing_actions" USING btree ("cluster_id","at");--> statement-breakpoint
CREATE INDEX "health_checks_check_idx" ON "health_checks" USING btree ("cluster_id","check_id","status");--> statement-breakpoint
CREATE INDEX "health_reports_checked_idx" ON "health_reports" USING btree ("cluster_id","checked_at");