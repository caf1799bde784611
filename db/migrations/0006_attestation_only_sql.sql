-- Support readiness (a runbook, named owners on both sides) is signed on the signer's word:
-- mark it attestation only where it already exists, in the go-live templates installed before
-- this column and in the implementations copied from them. Every other item keeps needing
-- evidence before a signature.
UPDATE "checklist_template_items" SET "attestation_only" = true WHERE "key" = 'support-readiness' AND "attestation_only" = false;--> statement-breakpoint
UPDATE "checklist_items" SET "attestation_only" = true WHERE "key" = 'support-readiness' AND "attestation_only" = false;
