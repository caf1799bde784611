CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."gate_verdict" AS ENUM('go', 'conditional_go', 'no_go');--> statement-breakpoint
CREATE TABLE "session_reauthentications" (
	"user_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"reauthenticated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_reauthentications_user_id_session_id_pk" PRIMARY KEY("user_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "gate_states" (
	"implementation_id" uuid PRIMARY KEY NOT NULL,
	"verdict" "gate_verdict" NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "go_live_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"decision" "gate_verdict" NOT NULL,
	"computed_verdict" "gate_verdict" NOT NULL,
	"reasons" jsonb NOT NULL,
	"gate_digest" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"decided_by_id" uuid NOT NULL,
	"decided_by_name" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "go_live_decisions_id_implementation_key" UNIQUE("id","implementation_id"),
	CONSTRAINT "go_live_decisions_not_above_verdict" CHECK ("go_live_decisions"."decision" = 'no_go' OR "go_live_decisions"."decision" = "go_live_decisions"."computed_verdict" OR ("go_live_decisions"."decision" = 'conditional_go' AND "go_live_decisions"."computed_verdict" = 'go'))
);
--> statement-breakpoint
CREATE TABLE "risk_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"implementation_id" uuid NOT NULL,
	"reason_key" text NOT NULL,
	"reason_text" text NOT NULL,
	"accepted_by_name" text NOT NULL,
	"reevaluate_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_acceptances_accepted_by_present" CHECK (length(trim("risk_acceptances"."accepted_by_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "waivers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checklist_item_id" uuid NOT NULL,
	"implementation_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"approver_name" text NOT NULL,
	"expires_on" date NOT NULL,
	"item_version" integer NOT NULL,
	"granted_by_id" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid,
	"revoke_reason" text,
	CONSTRAINT "waivers_reason_present" CHECK (length(trim("waivers"."reason")) > 0),
	CONSTRAINT "waivers_approver_present" CHECK (length(trim("waivers"."approver_name")) > 0),
	CONSTRAINT "waivers_revocation_complete" CHECK (("waivers"."revoked_at" IS NULL) = ("waivers"."revoked_by_id" IS NULL AND "waivers"."revoke_reason" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"implementation_id" uuid NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by_id" uuid,
	"updated_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhooks_url_http" CHECK ("webhooks"."url" ~* '^https?://')
);
--> statement-breakpoint
ALTER TABLE "session_reauthentications" ADD CONSTRAINT "session_reauthentications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gate_states" ADD CONSTRAINT "gate_states_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "go_live_decisions" ADD CONSTRAINT "go_live_decisions_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "go_live_decisions" ADD CONSTRAINT "go_live_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_decision_id_go_live_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."go_live_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_decision_same_implementation_fk" FOREIGN KEY ("decision_id","implementation_id") REFERENCES "public"."go_live_decisions"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waivers" ADD CONSTRAINT "waivers_checklist_item_id_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waivers" ADD CONSTRAINT "waivers_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waivers" ADD CONSTRAINT "waivers_granted_by_id_users_id_fk" FOREIGN KEY ("granted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waivers" ADD CONSTRAINT "waivers_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waivers" ADD CONSTRAINT "waivers_item_same_implementation_fk" FOREIGN KEY ("checklist_item_id","implementation_id") REFERENCES "public"."checklist_items"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "go_live_decisions_implementation_idx" ON "go_live_decisions" USING btree ("implementation_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_acceptances_decision_reason_key" ON "risk_acceptances" USING btree ("decision_id","reason_key");--> statement-breakpoint
CREATE INDEX "risk_acceptances_implementation_idx" ON "risk_acceptances" USING btree ("implementation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "waivers_item_active_key" ON "waivers" USING btree ("checklist_item_id") WHERE "waivers"."revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "waivers_implementation_idx" ON "waivers" USING btree ("implementation_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries" USING btree ("webhook_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_dedupe_key" ON "webhook_deliveries" USING btree ("webhook_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "webhooks_implementation_key" ON "webhooks" USING btree ("implementation_id");