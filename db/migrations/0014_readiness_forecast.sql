ALTER TABLE "readiness_summaries" ADD COLUMN "required_by_status" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "readiness_summaries" ADD COLUMN "forecast_ready_on" date;--> statement-breakpoint
ALTER TABLE "readiness_summaries" ADD COLUMN "projected_late" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "readiness_summaries_projected_late_idx" ON "readiness_summaries" USING btree ("projected_late") WHERE "readiness_summaries"."projected_late";