ALTER TABLE "readiness_summaries" ADD COLUMN "waiting_by_role" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Existing summaries get the same counts lib/domain/readiness-summary.ts waitingByRole derives,
-- so the navigation is right before the next write on each implementation re-derives its row.
UPDATE "readiness_summaries" rs SET "waiting_by_role" = coalesce((
  SELECT jsonb_object_agg(w.role, w.n) FROM (
    SELECT r.role::text AS role, count(*)::int AS n
    FROM "checklist_items" ci CROSS JOIN unnest(ci."required_sign_off_roles") AS r(role)
    WHERE ci."implementation_id" = rs."implementation_id" AND ci."status" = 'ready_for_signoff'
      AND NOT EXISTS (SELECT 1 FROM "sign_offs" so WHERE so."checklist_item_id" = ci."id"
        AND so."signer_role" = r.role AND so."item_version" = ci."version")
    GROUP BY r.role
  ) w
), '{}'::jsonb);
