CREATE TABLE "readiness_summaries" (
	"implementation_id" uuid PRIMARY KEY NOT NULL,
	"verdict" "gate_verdict" NOT NULL,
	"blocking_reasons" integer NOT NULL,
	"risk_reasons" integer NOT NULL,
	"risk" text NOT NULL,
	"risk_explanation" jsonb NOT NULL,
	"required_items" integer NOT NULL,
	"required_done" integer NOT NULL,
	"readiness_percent" integer NOT NULL,
	"items_total" integer NOT NULL,
	"items_by_status" jsonb NOT NULL,
	"open_go_live_blockers" integer NOT NULL,
	"open_post_live_blockers" integer NOT NULL,
	"stale_evidence" integer NOT NULL,
	"permission_drift" integer NOT NULL,
	"production_unverified" integer NOT NULL,
	"scenarios_failing" integer NOT NULL,
	"scenarios_not_run" integer NOT NULL,
	"until" timestamp with time zone,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "readiness_summaries_risk_known" CHECK ("readiness_summaries"."risk" IN ('late', 'at_risk', 'on_track', 'not_tracked'))
);
--> statement-breakpoint
ALTER TABLE "readiness_summaries" ADD CONSTRAINT "readiness_summaries_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "readiness_summaries_until_idx" ON "readiness_summaries" USING btree ("until") WHERE "readiness_summaries"."until" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "readiness_summaries_risk_idx" ON "readiness_summaries" USING btree ("risk");