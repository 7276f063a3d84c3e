CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" text NOT NULL,
	"subject" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "cluster_state" (
	"cluster_id" text PRIMARY KEY NOT NULL,
	"swarm" jsonb NOT NULL,
	"manager_node_id" text,
	"last_reconcile_at" timestamp with time zone,
	"last_reconcile_ms" integer,
	"last_change_at" timestamp with time zone,
	"events_since" text,
	"reconciling" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "configs" (
	"cluster_id" text NOT NULL,
	"config_id" text NOT NULL,
	"name" text NOT NULL,
	"stack" text,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "configs_cluster_id_config_id_pk" PRIMARY KEY("cluster_id","config_id")
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"cluster_id" text NOT NULL,
	"network_id" text NOT NULL,
	"name" text NOT NULL,
	"stack" text,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "networks_cluster_id_network_id_pk" PRIMARY KEY("cluster_id","network_id")
);
--> statement-breakpoint
CREATE TABLE "nodes" (
	"cluster_id" text NOT NULL,
	"node_id" text NOT NULL,
	"hostname" text NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"availability" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nodes_cluster_id_node_id_pk" PRIMARY KEY("cluster_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "secrets" (
	"cluster_id" text NOT NULL,
	"secret_id" text NOT NULL,
	"name" text NOT NULL,
	"stack" text,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secrets_cluster_id_secret_id_pk" PRIMARY KEY("cluster_id","secret_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"cluster_id" text NOT NULL,
	"service_id" text NOT NULL,
	"name" text NOT NULL,
	"stack" text,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"spec" jsonb NOT NULL,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_cluster_id_service_id_pk" PRIMARY KEY("cluster_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "stacks" (
	"cluster_id" text NOT NULL,
	"name" text NOT NULL,
	"compose_file" text,
	"version" integer,
	"deploy_time" timestamp with time zone,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stacks_cluster_id_name_pk" PRIMARY KEY("cluster_id","name")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"cluster_id" text NOT NULL,
	"task_id" text NOT NULL,
	"service_id" text NOT NULL,
	"node_id" text,
	"state" text NOT NULL,
	"desired_state" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"doc" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_cluster_id_task_id_pk" PRIMARY KEY("cluster_id","task_id")
);
--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "nodes_hostname_idx" ON "nodes" USING btree ("cluster_id","hostname");--> statement-breakpoint
CREATE UNIQUE INDEX "services_name_idx" ON "services" USING btree ("cluster_id","name");--> statement-breakpoint
CREATE INDEX "services_stack_idx" ON "services" USING btree ("cluster_id","stack");--> statement-breakpoint
CREATE INDEX "tasks_service_idx" ON "tasks" USING btree ("cluster_id","service_id");--> statement-breakpoint
CREATE INDEX "tasks_node_idx" ON "tasks" USING btree ("cluster_id","node_id");