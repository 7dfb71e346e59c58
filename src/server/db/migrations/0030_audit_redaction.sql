-- Audit details that outlive their purpose (issue 14): when the data lifecycle anonymises or deletes a record, the
-- personal details its audit rows keep (masked names, ID and phone ends, health details) must go too — without
-- breaking the hash chain of migration 0017.
--
-- How: the chain now covers a DIGEST of each row's details (SHA-256 of before::text and of after::text, kept in
-- before_digest / after_digest) instead of the details themselves. A redaction replaces the details but keeps the
-- digests, so every row hash — and the chain — still holds. What stops a silent edit of the details:
--  * a row that is not redacted must still match its digests (the verifier recomputes them);
--  * a redacted row names, in redacted_by, the seq of a LATER chained row (entity 'audit_log', action 'redact')
--    whose details list the redacted row's id: a redaction is itself on the record, and a row marked redacted
--    without one fails verification.
-- Rows written before this migration are re-chained once, in their order, with the new formula (as 0017 chained
-- the rows before it): a last hash noted before this migration no longer matches; note the new one.

ALTER TABLE audit_log ADD COLUMN before_digest text, ADD COLUMN after_digest text, ADD COLUMN redacted_by bigint;

-- NULL stays NULL; otherwise the hex SHA-256 of the jsonb's text.
CREATE FUNCTION audit_log_details_digest(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN NULL ELSE encode(sha256(convert_to(v::text, 'UTF8')), 'hex') END
$$;

-- The chain's row text, version 2: the same fields as 0017's, the details replaced by their digests.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE head text := current_setting('wangge.audit_head', true); last_seq bigint; last_hash text; fields text[];
BEGIN
  IF head IS NULL OR head = '' THEN
    PERFORM pg_advisory_xact_lock(7406190017);
    SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  ELSE
    last_seq := split_part(head, ':', 1)::bigint;
    last_hash := split_part(head, ':', 2);
  END IF;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.before_digest := CASE WHEN NEW.before IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.before::text, 'UTF8')), 'hex') END;
  NEW.after_digest := CASE WHEN NEW.after IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.after::text, 'UTF8')), 'hex') END;
  NEW.redacted_by := NULL;
  fields := ARRAY[NEW.actor_id::text, NEW.actor_name, NEW.request_id, NEW.client_ip, NEW.action, NEW.entity, NEW.entity_id,
                  NEW.area_path, NEW.before_digest, NEW.after_digest];
  FOR i IN 1..10 LOOP
    fields[i] := CASE WHEN fields[i] IS NULL THEN '-' ELSE octet_length(fields[i])::text || ':' || fields[i] END;
  END LOOP;
  NEW.hash := encode(sha256(convert_to(coalesce(last_hash, '') || '|' || NEW.seq::text || '|' || NEW.id::text || '|'
    || (extract(epoch FROM NEW.at) * 1000000)::bigint::text || '|' || array_to_string(fields, '|'), 'UTF8')), 'hex');
  PERFORM set_config('wangge.audit_head', NEW.seq::text || ':' || NEW.hash, true);
  RETURN NEW;
END;
$$;

-- Re-chain what is there, in chain order.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$
DECLARE r record; prev text := NULL; bd text; ad text; h text;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
    bd := audit_log_details_digest(r.before);
    ad := audit_log_details_digest(r.after);
    h := encode(sha256(convert_to(concat_ws('|',
      coalesce(prev, ''), r.seq::text, r.id::text, (extract(epoch FROM r.at) * 1000000)::bigint::text,
      audit_log_field(r.actor_id::text), audit_log_field(r.actor_name), audit_log_field(r.request_id), audit_log_field(r.client_ip),
      audit_log_field(r.action), audit_log_field(r.entity), audit_log_field(r.entity_id), audit_log_field(r.area_path),
      audit_log_field(bd), audit_log_field(ad)), 'UTF8')), 'hex');
    UPDATE audit_log SET before_digest = bd, after_digest = ad, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

-- Still append-only, with one exception: a redaction, asked for by the transaction (a transaction-local setting the
-- lifecycle sets), that changes only the details and marks the row redacted once. Everything the chain covers stays.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested: a statement-level trigger (TRUNCATE) has no OLD row to compare.
  IF TG_OP = 'UPDATE' THEN
    IF current_setting('wangge.audit_redaction', true) = 'on'
       AND OLD.redacted_by IS NULL AND NEW.redacted_by IS NOT NULL AND NEW.redacted_by > OLD.seq
       AND (NEW.id, NEW.seq, NEW.hash, NEW.at, NEW.actor_id, NEW.actor_name, NEW.request_id, NEW.client_ip, NEW.action, NEW.entity,
            NEW.entity_id, NEW.area_path, NEW.before_digest, NEW.after_digest)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.seq, OLD.hash, OLD.at, OLD.actor_id, OLD.actor_name, OLD.request_id, OLD.client_ip, OLD.action, OLD.entity,
            OLD.entity_id, OLD.area_path, OLD.before_digest, OLD.after_digest) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE INDEX audit_log_redacted_by_idx ON audit_log (redacted_by) WHERE redacted_by IS NOT NULL;
