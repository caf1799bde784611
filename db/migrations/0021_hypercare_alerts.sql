ALTER TYPE "public"."inbox_kind" ADD VALUE 'hypercare_alert';--> statement-breakpoint
CREATE TABLE "hypercare_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"interface_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"figures" jsonb NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"acknowledged_by_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"owner_id" uuid,
	"next_step" text,
	"expected_outcome" text,
	CONSTRAINT "hypercare_alerts_rule_known" CHECK ("hypercare_alerts"."rule" IN ('no_traffic', 'volume_below_band', 'error_rate', 'content_unchanged')),
	CONSTRAINT "hypercare_alerts_resolution" CHECK (("hypercare_alerts"."resolved_at" IS NULL) = ("hypercare_alerts"."resolution" IS NULL)),
	CONSTRAINT "hypercare_alerts_acknowledgement" CHECK (("hypercare_alerts"."acknowledged_at" IS NULL) = ("hypercare_alerts"."acknowledged_by_id" IS NULL) AND ("hypercare_alerts"."acknowledged_at" IS NULL OR ("hypercare_alerts"."owner_id" IS NOT NULL AND "hypercare_alerts"."next_step" IS NOT NULL AND "hypercare_alerts"."expected_outcome" IS NOT NULL)))
);
--> statement-breakpoint
ALTER TABLE "readiness_summaries" ADD COLUMN "open_hypercare_alerts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hypercare_alerts" ADD CONSTRAINT "hypercare_alerts_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hypercare_alerts" ADD CONSTRAINT "hypercare_alerts_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hypercare_alerts" ADD CONSTRAINT "hypercare_alerts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hypercare_alerts" ADD CONSTRAINT "hypercare_alerts_interface_same_implementation_fk" FOREIGN KEY ("interface_id","implementation_id") REFERENCES "public"."interfaces"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hypercare_alerts" ADD CONSTRAINT "hypercare_alerts_environment_same_implementation_fk" FOREIGN KEY ("environment_id","implementation_id") REFERENCES "public"."environments"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hypercare_alerts_open_key" ON "hypercare_alerts" USING btree ("interface_id","environment_id","rule") WHERE "hypercare_alerts"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX "hypercare_alerts_implementation_open_idx" ON "hypercare_alerts" USING btree ("implementation_id") WHERE "hypercare_alerts"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX "hypercare_alerts_implementation_idx" ON "hypercare_alerts" USING btree ("implementation_id","opened_at");