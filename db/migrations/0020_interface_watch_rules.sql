CREATE TABLE "interface_watch_rules" (
	"interface_id" uuid PRIMARY KEY NOT NULL,
	"implementation_id" uuid NOT NULL,
	"no_traffic_minutes" integer,
	"business_start_hour" integer,
	"business_end_hour" integer,
	"band_width" double precision,
	"min_samples" integer,
	"error_rate_threshold" double precision,
	"fingerprint_unchanged_minutes" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interface_watch_rules_no_traffic" CHECK ("interface_watch_rules"."no_traffic_minutes" IS NULL OR "interface_watch_rules"."no_traffic_minutes" BETWEEN 5 AND 10080),
	CONSTRAINT "interface_watch_rules_business_hours" CHECK (("interface_watch_rules"."business_start_hour" IS NULL AND "interface_watch_rules"."business_end_hour" IS NULL) OR ("interface_watch_rules"."business_start_hour" BETWEEN 0 AND 23 AND "interface_watch_rules"."business_end_hour" BETWEEN 1 AND 24 AND "interface_watch_rules"."business_start_hour" < "interface_watch_rules"."business_end_hour")),
	CONSTRAINT "interface_watch_rules_band_width" CHECK ("interface_watch_rules"."band_width" IS NULL OR "interface_watch_rules"."band_width" BETWEEN 0.5 AND 10),
	CONSTRAINT "interface_watch_rules_min_samples" CHECK ("interface_watch_rules"."min_samples" IS NULL OR "interface_watch_rules"."min_samples" BETWEEN 1 AND 12),
	CONSTRAINT "interface_watch_rules_error_rate" CHECK ("interface_watch_rules"."error_rate_threshold" IS NULL OR ("interface_watch_rules"."error_rate_threshold" > 0 AND "interface_watch_rules"."error_rate_threshold" <= 1)),
	CONSTRAINT "interface_watch_rules_fingerprint" CHECK ("interface_watch_rules"."fingerprint_unchanged_minutes" IS NULL OR "interface_watch_rules"."fingerprint_unchanged_minutes" BETWEEN 15 AND 10080)
);
--> statement-breakpoint
ALTER TABLE "interface_watch_rules" ADD CONSTRAINT "interface_watch_rules_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_watch_rules" ADD CONSTRAINT "interface_watch_rules_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interface_watch_rules" ADD CONSTRAINT "interface_watch_rules_interface_same_implementation_fk" FOREIGN KEY ("interface_id","implementation_id") REFERENCES "public"."interfaces"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interface_watch_rules_implementation_idx" ON "interface_watch_rules" USING btree ("implementation_id");