ALTER TABLE "permission_requirements" ADD COLUMN "interface_id" uuid;--> statement-breakpoint
ALTER TABLE "test_patient_scenarios" ADD COLUMN "interface_id" uuid;--> statement-breakpoint
ALTER TABLE "permission_requirements" ADD CONSTRAINT "permission_requirements_interface_same_implementation_fk" FOREIGN KEY ("interface_id","implementation_id") REFERENCES "public"."interfaces"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_patient_scenarios" ADD CONSTRAINT "test_patient_scenarios_interface_same_implementation_fk" FOREIGN KEY ("interface_id","implementation_id") REFERENCES "public"."interfaces"("id","implementation_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "permission_requirements_interface_idx" ON "permission_requirements" USING btree ("interface_id");--> statement-breakpoint
CREATE INDEX "test_patient_scenarios_interface_idx" ON "test_patient_scenarios" USING btree ("interface_id");