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
CREATE TABLE "nodes" (
	"cluster_id" text NOT NULL,
	"node_id" text NOT NULL,
	"hostname" text NOT NULL,
	"ip_address" text NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"availability" text NOT NULL,
	"resources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nodes_cluster_id_node_id_pk" PRIMARY KEY("cluster_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"cluster_id" text NOT NULL,
	"service_id" text NOT NULL,
	"name" text NOT NULL,
	"image" text NOT NULL,
	"replicas" integer,
	"mode" text NOT NULL,
	"constraints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stack" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_cluster_id_service_id_pk" PRIMARY KEY("cluster_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "stacks" (
	"cluster_id" text NOT NULL,
	"stack_id" text NOT NULL,
	"name" text NOT NULL,
	"compose_file" text,
	"version" integer DEFAULT 1 NOT NULL,
	"deploy_time" timestamp with time zone,
	CONSTRAINT "stacks_cluster_id_stack_id_pk" PRIMARY KEY("cluster_id","stack_id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"cluster_id" text NOT NULL,
	"task_id" text NOT NULL,
	"service_id" text NOT NULL,
	"node_id" text,
	"slot" integer,
	"state" text NOT NULL,
	"desired_state" text NOT NULL,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_cluster_id_task_id_pk" PRIMARY KEY("cluster_id","task_id")
);
--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "stacks_cluster_name_idx" ON "stacks" USING btree ("cluster_id","name");