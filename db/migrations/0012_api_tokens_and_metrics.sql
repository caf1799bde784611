CREATE TYPE "public"."api_token_scope" AS ENUM('evidence', 'metrics');--> statement-breakpoint
CREATE TABLE "api_idempotency_keys" (
	"api_token_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_idempotency_keys_api_token_id_key_pk" PRIMARY KEY("api_token_id","key")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"environments" "environment_kind"[] NOT NULL,
	"scopes" "api_token_scope"[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid,
	"last_used_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_scoped" CHECK (cardinality("api_tokens"."environments") > 0 AND cardinality("api_tokens"."scopes") > 0)
);
--> statement-breakpoint
CREATE TABLE "interface_metrics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "interface_metrics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"implementation_id" uuid NOT NULL,
	"interface_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"message_count" integer NOT NULL,
	"error_count" integer NOT NULL,
	"last_message_at" timestamp with time zone,
	"content_fingerprint" text,
	"api_token_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interface_metrics_period_order" CHECK ("interface_metrics"."period_end" > "interface_metrics"."period_start"),
	CONSTRAINT "interface_metrics_counts" CHECK ("interface_metrics"."message_count" >= 0 AND "interface_metrics"."error_count" >= 0 AND "interface_metrics"."error_count" <= "interface_metrics"."message_count")
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "api_token_id" uuid;--> statement-breakpoint
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_api_token_id_api_tokens_id_fk" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_metrics" ADD CONSTRAINT "interface_metrics_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_metrics" ADD CONSTRAINT "interface_metrics_api_token_id_api_tokens_id_fk" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_metrics" ADD CONSTRAINT "interface_metrics_interface_same_implementation_fk" FOREIGN KEY ("interface_id","implementation_id") REFERENCES "public"."interfaces"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_metrics" ADD CONSTRAINT "interface_metrics_environment_same_implementation_fk" FOREIGN KEY ("environment_id","implementation_id") REFERENCES "public"."environments"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_implementation_idx" ON "api_tokens" USING btree ("implementation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "interface_metrics_period_key" ON "interface_metrics" USING btree ("interface_id","environment_id","period_start");--> statement-breakpoint
CREATE INDEX "interface_metrics_implementation_idx" ON "interface_metrics" USING btree ("implementation_id","period_start");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_api_token_technical" CHECK ("evidence"."api_token_id" IS NULL OR "evidence"."kind" = 'technical');