CREATE TYPE "public"."data_domain" AS ENUM('patient', 'encounter', 'scheduling', 'orders', 'results', 'billing', 'documents', 'imaging');--> statement-breakpoint
CREATE TYPE "public"."interface_direction" AS ENUM('inbound', 'outbound', 'both');--> statement-breakpoint
CREATE TYPE "public"."interface_status" AS ENUM('planned', 'building', 'testing', 'live', 'retired');--> statement-breakpoint
CREATE TYPE "public"."payload_format" AS ENUM('hl7v2', 'fhir', 'unknown');--> statement-breakpoint
CREATE TABLE "interfaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "interface_kind" NOT NULL,
	"direction" "interface_direction" NOT NULL,
	"source_system" text DEFAULT '' NOT NULL,
	"target_system" text DEFAULT '' NOT NULL,
	"workflows" "workflow"[] DEFAULT '{}'::workflow[] NOT NULL,
	"message_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"endpoint_sandbox" text DEFAULT '' NOT NULL,
	"endpoint_test" text DEFAULT '' NOT NULL,
	"endpoint_production" text DEFAULT '' NOT NULL,
	"vendor_owner" text DEFAULT '' NOT NULL,
	"customer_owner" text DEFAULT '' NOT NULL,
	"status" "interface_status" DEFAULT 'planned' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interfaces_id_implementation_key" UNIQUE("id","implementation_id")
);
--> statement-breakpoint
CREATE TABLE "inventory_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"confirmed_by_id" uuid NOT NULL,
	"confirmed_by_name" text NOT NULL,
	"inventory_sha256" text NOT NULL,
	"interface_count" integer NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_confirmations_sha256_hex" CHECK ("inventory_confirmations"."inventory_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "payload_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"interface_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"format" "payload_format" NOT NULL,
	"message_type" text,
	"units" integer NOT NULL,
	"byte_length" integer NOT NULL,
	"structure" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"errors" integer NOT NULL,
	"warnings" integer NOT NULL,
	"sha256" text NOT NULL,
	"evidence_id" uuid,
	"reviewed_by_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "payload_reviews_sha256_hex" CHECK ("payload_reviews"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "payload_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"target" text NOT NULL,
	"fields" text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_of_truth" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"domain" "data_domain" NOT NULL,
	"authoritative_system" text DEFAULT '' NOT NULL,
	"conflict_resolver" text DEFAULT '' NOT NULL,
	"propagation" text DEFAULT '' NOT NULL,
	"agreed" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_of_truth_agreed_has_system" CHECK (NOT "source_of_truth"."agreed" OR length(trim("source_of_truth"."authoritative_system")) > 0)
);
--> statement-breakpoint
ALTER TABLE "interfaces" ADD CONSTRAINT "interfaces_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interfaces" ADD CONSTRAINT "interfaces_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_confirmations" ADD CONSTRAINT "inventory_confirmations_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_confirmations" ADD CONSTRAINT "inventory_confirmations_confirmed_by_id_users_id_fk" FOREIGN KEY ("confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_reviews" ADD CONSTRAINT "payload_reviews_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_reviews" ADD CONSTRAINT "payload_reviews_interface_id_interfaces_id_fk" FOREIGN KEY ("interface_id") REFERENCES "public"."interfaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_reviews" ADD CONSTRAINT "payload_reviews_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_reviews" ADD CONSTRAINT "payload_reviews_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_reviews" ADD CONSTRAINT "payload_reviews_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_reviews" ADD CONSTRAINT "payload_reviews_interface_same_implementation_fk" FOREIGN KEY ("interface_id","implementation_id") REFERENCES "public"."interfaces"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_reviews" ADD CONSTRAINT "payload_reviews_environment_same_implementation_fk" FOREIGN KEY ("environment_id","implementation_id") REFERENCES "public"."environments"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_rules" ADD CONSTRAINT "payload_rules_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_rules" ADD CONSTRAINT "payload_rules_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_of_truth" ADD CONSTRAINT "source_of_truth_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_of_truth" ADD CONSTRAINT "source_of_truth_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "interfaces_implementation_name_key" ON "interfaces" USING btree ("implementation_id",lower("name"));--> statement-breakpoint
CREATE INDEX "inventory_confirmations_implementation_idx" ON "inventory_confirmations" USING btree ("implementation_id","confirmed_at");--> statement-breakpoint
CREATE INDEX "payload_reviews_implementation_idx" ON "payload_reviews" USING btree ("implementation_id","reviewed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payload_rules_implementation_target_key" ON "payload_rules" USING btree ("implementation_id","target");--> statement-breakpoint
CREATE UNIQUE INDEX "source_of_truth_implementation_domain_key" ON "source_of_truth" USING btree ("implementation_id","domain");