-- A tamper-evident audit trail: every event carries the SHA-256 of its content and of the event
-- before it in its organization's chain, and a head row per chain holds the last number and
-- hash, so a changed, removed or inserted event (or a removed last one) breaks the chain and the
-- verifier (lib/dal/audit-chain.ts, `npm run audit:verify`) names it. The trigger computes it in
-- the database, so no writer can skip it; it locks the chain's head row for the rest of the
-- writing transaction, so concurrent writers to one chain are numbered one after another.

-- The exact text that is hashed (the verifier rebuilds the same text with its own copy of this
-- expression). jsonb output is canonical; the time is spelled in UTC to the microsecond.
CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(
    e.prev_hash, e.chain_key, e.chain_seq, e.id,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_id, e.actor_role, e.actor_organization_id, e.action, e.entity_type, e.entity_id,
    e.implementation_id, e.before, e.after, e.request_id
  )::text
$$;
--> statement-breakpoint
-- SECURITY DEFINER: runs as the migration (owner) role, so the app's role needs no privilege on
-- audit_chain_heads and cannot move a chain's head itself.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head audit_chain_heads%ROWTYPE;
  key text;
BEGIN
  key := coalesce(
    (SELECT customer_organization_id::text FROM implementations WHERE id = NEW.implementation_id),
    NEW.actor_organization_id::text,
    'system'
  );
  INSERT INTO audit_chain_heads (chain_key, last_seq, last_hash)
    VALUES (key, 0, repeat('0', 64))
    ON CONFLICT (chain_key) DO NOTHING;
  SELECT * INTO head FROM audit_chain_heads WHERE chain_key = key FOR UPDATE;
  NEW.chain_key := key;
  NEW.chain_seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  NEW.hash := encode(sha256(convert_to(audit_event_canonical(NEW), 'UTF8')), 'hex');
  UPDATE audit_chain_heads
    SET last_seq = NEW.chain_seq, last_hash = NEW.hash, updated_at = now()
    WHERE chain_key = key;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Events written before the chain existed are chained once, in the order they were written.
DO $$
DECLARE
  event audit_events%ROWTYPE;
  head audit_chain_heads%ROWTYPE;
  key text;
  digest text;
BEGIN
  ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete;
  FOR event IN SELECT * FROM audit_events ORDER BY id LOOP
    key := coalesce(
      (SELECT customer_organization_id::text FROM implementations WHERE id = event.implementation_id),
      event.actor_organization_id::text,
      'system'
    );
    INSERT INTO audit_chain_heads (chain_key, last_seq, last_hash)
      VALUES (key, 0, repeat('0', 64))
      ON CONFLICT (chain_key) DO NOTHING;
    SELECT * INTO head FROM audit_chain_heads WHERE chain_key = key;
    event.chain_key := key;
    event.chain_seq := head.last_seq + 1;
    event.prev_hash := head.last_hash;
    digest := encode(sha256(convert_to(audit_event_canonical(event), 'UTF8')), 'hex');
    UPDATE audit_events
      SET chain_key = key, chain_seq = event.chain_seq, prev_hash = event.prev_hash, hash = digest
      WHERE id = event.id;
    UPDATE audit_chain_heads SET last_seq = event.chain_seq, last_hash = digest, updated_at = now()
      WHERE chain_key = key;
  END LOOP;
  ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_or_delete;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain
  BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
