CREATE TYPE "public"."blocker_severity" AS ENUM('go_live', 'post_live');--> statement-breakpoint
CREATE TYPE "public"."ehr_vendor" AS ENUM('epic', 'oracle_health', 'meditech', 'athenahealth', 'other');--> statement-breakpoint
CREATE TYPE "public"."environment_kind" AS ENUM('sandbox', 'test', 'production');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('technical', 'operational');--> statement-breakpoint
CREATE TYPE "public"."evidence_outcome" AS ENUM('pass', 'fail', 'inconclusive');--> statement-breakpoint
CREATE TYPE "public"."implementation_status" AS ENUM('active', 'live', 'paused', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."interface_kind" AS ENUM('hl7v2_feed', 'fhir_api', 'flat_file', 'dicom', 'sftp', 'proprietary_api');--> statement-breakpoint
CREATE TYPE "public"."item_category" AS ENUM('configuration', 'data_quality', 'permissions', 'timing', 'validation', 'monitoring', 'ownership');--> statement-breakpoint
CREATE TYPE "public"."item_status" AS ENUM('not_started', 'in_progress', 'blocked', 'ready_for_signoff', 'signed_off', 'waived');--> statement-breakpoint
CREATE TYPE "public"."organization_kind" AS ENUM('vendor', 'customer');--> statement-breakpoint
CREATE TYPE "public"."permission_interface" AS ENUM('fhir_api', 'hl7v2_feed', 'proprietary_api');--> statement-breakpoint
CREATE TYPE "public"."permission_result" AS ENUM('unverified', 'granted', 'denied', 'error');--> statement-breakpoint
CREATE TYPE "public"."phase" AS ENUM('assessment', 'pilot', 'expansion', 'operationalization');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'implementation_manager', 'engineer', 'customer_it');--> statement-breakpoint
CREATE TYPE "public"."scenario_result" AS ENUM('not_run', 'pass', 'fail');--> statement-breakpoint
CREATE TYPE "public"."sign_off_decision" AS ENUM('approve', 'reject');--> statement-breakpoint
CREATE TYPE "public"."template_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."workflow" AS ENUM('appointment_sync', 'scheduling_availability', 'patient_demographics', 'documents', 'orders_results', 'other');--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"kind" "organization_kind" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lowercase" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "checklist_template_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"expected_outcome" text DEFAULT '' NOT NULL,
	"category" "item_category" NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"required_sign_off_roles" "role"[] DEFAULT '{}'::role[] NOT NULL,
	"needs_operational_validation" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"ehr_vendor" "ehr_vendor",
	"status" "template_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_templates_revision_positive" CHECK ("checklist_templates"."revision" > 0)
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"template_item_id" uuid,
	"key" text,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "item_category" NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"required_sign_off_roles" "role"[] DEFAULT '{}'::role[] NOT NULL,
	"needs_operational_validation" boolean DEFAULT false NOT NULL,
	"owner_id" uuid,
	"status" "item_status" DEFAULT 'not_started' NOT NULL,
	"next_step" text DEFAULT '' NOT NULL,
	"expected_outcome" text DEFAULT '' NOT NULL,
	"due_date" date,
	"what_changed" text DEFAULT '' NOT NULL,
	"what_was_tested" text DEFAULT '' NOT NULL,
	"what_needs_proof" text DEFAULT '' NOT NULL,
	"blocker_reason" text,
	"blocker_severity" "blocker_severity",
	"blocker_ticket_url" text,
	"blocked_since" date,
	"blocked_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_items_id_implementation_key" UNIQUE("id","implementation_id"),
	CONSTRAINT "checklist_items_blocker_consistent" CHECK (("checklist_items"."status" = 'blocked') = ("checklist_items"."blocker_reason" IS NOT NULL AND "checklist_items"."blocker_severity" IS NOT NULL AND "checklist_items"."blocked_since" IS NOT NULL)),
	CONSTRAINT "checklist_items_ticket_url_http" CHECK ("checklist_items"."blocker_ticket_url" IS NULL OR "checklist_items"."blocker_ticket_url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "configuration_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"environment_id" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"kind" "environment_kind" NOT NULL,
	"name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "environments_id_implementation_key" UNIQUE("id","implementation_id")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checklist_item_id" uuid NOT NULL,
	"implementation_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"what_was_tested" text NOT NULL,
	"outcome" "evidence_outcome" NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"link_url" text,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_link_url_http" CHECK ("evidence"."link_url" IS NULL OR "evidence"."link_url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "implementations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"ehr_vendor" "ehr_vendor" NOT NULL,
	"workflows" "workflow"[] DEFAULT '{}'::workflow[] NOT NULL,
	"interfaces" "interface_kind"[] DEFAULT '{}'::interface_kind[] NOT NULL,
	"phase" "phase" DEFAULT 'assessment' NOT NULL,
	"go_live_date" date,
	"implementation_manager_id" uuid,
	"engineering_owner_id" uuid,
	"freshness_window_days" integer DEFAULT 14 NOT NULL,
	"status" "implementation_status" DEFAULT 'active' NOT NULL,
	"template_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementations_freshness_window_range" CHECK ("implementations"."freshness_window_days" BETWEEN 1 AND 365)
);
--> statement-breakpoint
CREATE TABLE "sign_offs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checklist_item_id" uuid NOT NULL,
	"implementation_id" uuid NOT NULL,
	"signer_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signer_organization_id" uuid NOT NULL,
	"signer_organization_name" text NOT NULL,
	"signer_role" "role" NOT NULL,
	"decision" "sign_off_decision" NOT NULL,
	"meaning" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"item_version" integer NOT NULL,
	"snapshot_sha256" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "sign_offs_snapshot_sha256_hex" CHECK ("sign_offs"."snapshot_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "sign_offs_reject_has_comment" CHECK ("sign_offs"."decision" = 'approve' OR length(trim("sign_offs"."comment")) > 0)
);
--> statement-breakpoint
CREATE TABLE "permission_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requirement_id" uuid NOT NULL,
	"implementation_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"result" "permission_result" DEFAULT 'unverified' NOT NULL,
	"checked_at" timestamp with time zone,
	"checked_by_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permission_checks_checked_when_verified" CHECK ("permission_checks"."result" = 'unverified' OR ("permission_checks"."checked_at" IS NOT NULL AND "permission_checks"."checked_by_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "permission_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"interface" "permission_interface" NOT NULL,
	"permission" text NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permission_requirements_id_implementation_key" UNIQUE("id","implementation_id")
);
--> statement-breakpoint
CREATE TABLE "test_patient_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"test_patient_id" uuid NOT NULL,
	"implementation_id" uuid NOT NULL,
	"workflow_surface" "workflow" NOT NULL,
	"scenario" text NOT NULL,
	"expected_outcome" text DEFAULT '' NOT NULL,
	"observed_outcome" text DEFAULT '' NOT NULL,
	"result" "scenario_result" DEFAULT 'not_run' NOT NULL,
	"validated_by_id" uuid,
	"validated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_patient_scenarios_validated_when_run" CHECK ("test_patient_scenarios"."result" = 'not_run' OR ("test_patient_scenarios"."validated_at" IS NOT NULL AND "test_patient_scenarios"."validated_by_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "test_patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"label" text NOT NULL,
	"test_identifier" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_patients_id_implementation_key" UNIQUE("id","implementation_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_role" "role",
	"actor_organization_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"implementation_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_template_items" ADD CONSTRAINT "checklist_template_items_template_id_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_template_item_id_checklist_template_items_id_fk" FOREIGN KEY ("template_item_id") REFERENCES "public"."checklist_template_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_blocked_by_id_users_id_fk" FOREIGN KEY ("blocked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_changes" ADD CONSTRAINT "configuration_changes_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_changes" ADD CONSTRAINT "configuration_changes_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_changes" ADD CONSTRAINT "configuration_changes_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "configuration_changes" ADD CONSTRAINT "configuration_changes_environment_same_implementation_fk" FOREIGN KEY ("environment_id","implementation_id") REFERENCES "public"."environments"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environments" ADD CONSTRAINT "environments_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_checklist_item_id_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_item_same_implementation_fk" FOREIGN KEY ("checklist_item_id","implementation_id") REFERENCES "public"."checklist_items"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_environment_same_implementation_fk" FOREIGN KEY ("environment_id","implementation_id") REFERENCES "public"."environments"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementations" ADD CONSTRAINT "implementations_customer_organization_id_organizations_id_fk" FOREIGN KEY ("customer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementations" ADD CONSTRAINT "implementations_implementation_manager_id_users_id_fk" FOREIGN KEY ("implementation_manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementations" ADD CONSTRAINT "implementations_engineering_owner_id_users_id_fk" FOREIGN KEY ("engineering_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementations" ADD CONSTRAINT "implementations_template_id_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementations" ADD CONSTRAINT "implementations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_checklist_item_id_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_signer_organization_id_organizations_id_fk" FOREIGN KEY ("signer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_item_same_implementation_fk" FOREIGN KEY ("checklist_item_id","implementation_id") REFERENCES "public"."checklist_items"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_checks" ADD CONSTRAINT "permission_checks_requirement_id_permission_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."permission_requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_checks" ADD CONSTRAINT "permission_checks_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_checks" ADD CONSTRAINT "permission_checks_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_checks" ADD CONSTRAINT "permission_checks_checked_by_id_users_id_fk" FOREIGN KEY ("checked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_checks" ADD CONSTRAINT "permission_checks_requirement_same_implementation_fk" FOREIGN KEY ("requirement_id","implementation_id") REFERENCES "public"."permission_requirements"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_checks" ADD CONSTRAINT "permission_checks_environment_same_implementation_fk" FOREIGN KEY ("environment_id","implementation_id") REFERENCES "public"."environments"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_requirements" ADD CONSTRAINT "permission_requirements_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patient_scenarios" ADD CONSTRAINT "test_patient_scenarios_test_patient_id_test_patients_id_fk" FOREIGN KEY ("test_patient_id") REFERENCES "public"."test_patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patient_scenarios" ADD CONSTRAINT "test_patient_scenarios_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patient_scenarios" ADD CONSTRAINT "test_patient_scenarios_validated_by_id_users_id_fk" FOREIGN KEY ("validated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patient_scenarios" ADD CONSTRAINT "test_patient_scenarios_patient_same_implementation_fk" FOREIGN KEY ("test_patient_id","implementation_id") REFERENCES "public"."test_patients"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patients" ADD CONSTRAINT "test_patients_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patients" ADD CONSTRAINT "test_patients_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patients" ADD CONSTRAINT "test_patients_environment_same_implementation_fk" FOREIGN KEY ("environment_id","implementation_id") REFERENCES "public"."environments"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_organization_id_organizations_id_fk" FOREIGN KEY ("actor_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_template_items_template_key_key" ON "checklist_template_items" USING btree ("template_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_template_items_template_position_key" ON "checklist_template_items" USING btree ("template_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_templates_key_revision_key" ON "checklist_templates" USING btree ("key","revision");--> statement-breakpoint
CREATE INDEX "checklist_items_implementation_idx" ON "checklist_items" USING btree ("implementation_id","position");--> statement-breakpoint
CREATE INDEX "checklist_items_owner_idx" ON "checklist_items" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "checklist_items_open_blockers_idx" ON "checklist_items" USING btree ("blocker_severity","blocked_since") WHERE "checklist_items"."status" = 'blocked';--> statement-breakpoint
CREATE INDEX "configuration_changes_implementation_idx" ON "configuration_changes" USING btree ("implementation_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "environments_implementation_kind_key" ON "environments" USING btree ("implementation_id","kind");--> statement-breakpoint
CREATE INDEX "evidence_item_idx" ON "evidence" USING btree ("checklist_item_id","observed_at");--> statement-breakpoint
CREATE INDEX "evidence_implementation_idx" ON "evidence" USING btree ("implementation_id","observed_at");--> statement-breakpoint
CREATE INDEX "implementations_customer_idx" ON "implementations" USING btree ("customer_organization_id");--> statement-breakpoint
CREATE INDEX "implementations_status_go_live_idx" ON "implementations" USING btree ("status","go_live_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_offs_item_role_version_key" ON "sign_offs" USING btree ("checklist_item_id","signer_role","item_version");--> statement-breakpoint
CREATE INDEX "sign_offs_implementation_idx" ON "sign_offs" USING btree ("implementation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permission_checks_requirement_environment_key" ON "permission_checks" USING btree ("requirement_id","environment_id");--> statement-breakpoint
CREATE INDEX "permission_checks_implementation_idx" ON "permission_checks" USING btree ("implementation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permission_requirements_impl_permission_key" ON "permission_requirements" USING btree ("implementation_id","interface","permission");--> statement-breakpoint
CREATE INDEX "test_patient_scenarios_patient_idx" ON "test_patient_scenarios" USING btree ("test_patient_id");--> statement-breakpoint
CREATE INDEX "test_patient_scenarios_implementation_idx" ON "test_patient_scenarios" USING btree ("implementation_id");--> statement-breakpoint
CREATE INDEX "test_patients_implementation_idx" ON "test_patients" USING btree ("implementation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "test_patients_env_identifier_key" ON "test_patients" USING btree ("environment_id","test_identifier");--> statement-breakpoint
CREATE INDEX "audit_events_implementation_idx" ON "audit_events" USING btree ("implementation_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","occurred_at");