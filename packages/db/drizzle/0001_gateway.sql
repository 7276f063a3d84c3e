CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"role" text NOT NULL,
	"stacks" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"principal" text NOT NULL,
	"token_id" text,
	"client_id" text,
	"tool" text NOT NULL,
	"arguments" jsonb NOT NULL,
	"decision" text NOT NULL,
	"outcome" text NOT NULL,
	"error_code" text,
	"duration_ms" integer NOT NULL,
	"trace_id" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_prefix_uq" ON "api_tokens" USING btree ("prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_uq" ON "api_tokens" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "audit_log" USING btree ("cluster_id","time" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_principal_idx" ON "audit_log" USING btree ("cluster_id","principal","time" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_tool_idx" ON "audit_log" USING btree ("cluster_id","tool","time" DESC NULLS LAST);