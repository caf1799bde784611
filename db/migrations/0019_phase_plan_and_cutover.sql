CREATE TABLE "cutover_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"key" text,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" uuid,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cutover_steps_title_present" CHECK (length(trim("cutover_steps"."title")) > 0),
	CONSTRAINT "cutover_steps_done_complete" CHECK (("cutover_steps"."done_at" IS NULL) = ("cutover_steps"."done_by_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "implementation_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"implementation_id" uuid NOT NULL,
	"phase" "phase" NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"success_signal" text DEFAULT '' NOT NULL,
	"exit_criteria" text DEFAULT '' NOT NULL,
	"exit_met_at" timestamp with time zone,
	"exit_met_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_phases_dates_ordered" CHECK ("implementation_phases"."planned_start" IS NULL OR "implementation_phases"."planned_end" IS NULL OR "implementation_phases"."planned_end" >= "implementation_phases"."planned_start"),
	CONSTRAINT "implementation_phases_exit_met_complete" CHECK (("implementation_phases"."exit_met_at" IS NULL) = ("implementation_phases"."exit_met_by_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "cutover_steps" ADD CONSTRAINT "cutover_steps_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cutover_steps" ADD CONSTRAINT "cutover_steps_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cutover_steps" ADD CONSTRAINT "cutover_steps_done_by_id_users_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cutover_steps" ADD CONSTRAINT "cutover_steps_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cutover_steps" ADD CONSTRAINT "cutover_steps_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_phases" ADD CONSTRAINT "implementation_phases_implementation_id_implementations_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_phases" ADD CONSTRAINT "implementation_phases_exit_met_by_id_users_id_fk" FOREIGN KEY ("exit_met_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_phases" ADD CONSTRAINT "implementation_phases_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cutover_steps_implementation_due_idx" ON "cutover_steps" USING btree ("implementation_id","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cutover_steps_implementation_key_key" ON "cutover_steps" USING btree ("implementation_id","key") WHERE "cutover_steps"."key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "implementation_phases_implementation_phase_key" ON "implementation_phases" USING btree ("implementation_id","phase");