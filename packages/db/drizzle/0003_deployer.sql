CREATE TABLE "deployment_steps" (
	"deployment_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"message" text NOT NULL,
	"subject" text,
	"details" jsonb,
	CONSTRAINT "deployment_steps_deployment_id_seq_pk" PRIMARY KEY("deployment_id","seq")
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"stack" text NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"strategy" text,
	"status" text NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"recovery" text,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target" jsonb NOT NULL,
	"previous" jsonb NOT NULL,
	"owner" text NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stack_versions" (
	"cluster_id" text NOT NULL,
	"stack" text NOT NULL,
	"version" integer NOT NULL,
	"compose" text NOT NULL,
	"env" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"strategy" text NOT NULL,
	"deployment_id" uuid NOT NULL,
	"digests" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deployed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stack_versions_cluster_id_stack_version_pk" PRIMARY KEY("cluster_id","stack","version")
);
--> statement-breakpoint
ALTER TABLE "deployment_steps" ADD CONSTRAINT "deployment_steps_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_one_running_per_stack_uq" ON "deployments" USING btree ("cluster_id","stack") WHERE "deployments"."status" = 'running';--> statement-breakpoint
CREATE INDEX "deployments_stack_started_idx" ON "deployments" USING btree ("cluster_id","stack","started_at");--> statement-breakpoint
CREATE INDEX "deployments_started_idx" ON "deployments" USING btree ("started_at");