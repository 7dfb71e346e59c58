-- The audit trail as a hash chain: each row carries its place in the chain (seq, 1, 2, 3, … with no gap) and a
-- SHA-256 over its own fields and the previous row's hash. An edited row no longer matches its hash, a deleted
-- one leaves a gap in seq; `npm run audit:verify` walks the chain and names the first such row. The verifier
-- recomputes the hash outside the database (tools/audit-verify.ts), from the same field texts as here.

ALTER TABLE audit_log ADD COLUMN seq bigint, ADD COLUMN hash text;

-- One field of the hashed text: '-' for null, else its length in bytes, ':' and the text (no separator can be forged).
CREATE FUNCTION audit_log_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN '-' ELSE octet_length(v)::text || ':' || v END
$$;

CREATE FUNCTION audit_log_digest(
  prev text, seq bigint, id bigint, at timestamptz, actor_id integer, actor_name text, request_id text, client_ip text,
  action text, entity text, entity_id text, area_path text, before jsonb, after jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    coalesce(prev, ''), seq::text, id::text, (extract(epoch FROM at) * 1000000)::bigint::text,
    audit_log_field(actor_id::text), audit_log_field(actor_name), audit_log_field(request_id), audit_log_field(client_ip),
    audit_log_field(action), audit_log_field(entity), audit_log_field(entity_id), audit_log_field(area_path),
    audit_log_field(before::text), audit_log_field(after::text)), 'UTF8')), 'hex')
$$;

-- Rows written before the chain are chained in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$
DECLARE r record; prev text := NULL; n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    prev := audit_log_digest(prev, n, r.id, r.at, r.actor_id, r.actor_name, r.request_id, r.client_ip, r.action, r.entity,
                             r.entity_id, r.area_path, r.before, r.after);
    UPDATE audit_log SET seq = n, hash = prev WHERE id = r.id;
  END LOOP;
END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
-- Unique: two writers that somehow read the same predecessor fail instead of forking the chain.
CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);

-- Appending: one writer at a time holds the chain's head until its transaction ends (an advisory lock, taken at
-- its first audit row). A second transaction waits at its own first row, then — READ COMMITTED, every statement
-- of this function sees what committed before it — reads the first one's last row as its predecessor. The lock is
-- held from a transaction's first audit row to its commit, which is why services write their audit row last.
-- The head (seq and hash) is then kept in a transaction-local setting: later rows of the same transaction, and of
-- one statement (auditMany), chain on it without the lock call and the index read (a savepoint rolled back takes
-- its setting back with it). A forged setting can only make a gap or a duplicate seq, which fail loudly.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
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
  -- audit_log_digest() written out: nested SQL functions are not inlined here and cost more than the hash itself.
  fields := ARRAY[NEW.actor_id::text, NEW.actor_name, NEW.request_id, NEW.client_ip, NEW.action, NEW.entity, NEW.entity_id,
                  NEW.area_path, NEW.before::text, NEW.after::text];
  FOR i IN 1..10 LOOP
    fields[i] := CASE WHEN fields[i] IS NULL THEN '-' ELSE octet_length(fields[i])::text || ':' || fields[i] END;
  END LOOP;
  NEW.hash := encode(sha256(convert_to(coalesce(last_hash, '') || '|' || NEW.seq::text || '|' || NEW.id::text || '|'
    || (extract(epoch FROM NEW.at) * 1000000)::bigint::text || '|' || array_to_string(fields, '|'), 'UTF8')), 'hex');
  PERFORM set_config('wangge.audit_head', NEW.seq::text || ':' || NEW.hash, true);
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- ——— disclosures watched: one user's reveals and exports of personal data in a day, against a threshold ———
-- The threshold is data (one row, changed by an administrator in SQL until it has a screen), not a setting.
CREATE TABLE audit_policy (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  disclosures_per_day integer NOT NULL DEFAULT 50 CHECK (disclosures_per_day > 0)
);
INSERT INTO audit_policy DEFAULT VALUES;
-- One task to the administrators per user and local day, however often the check runs.
CREATE TABLE audit_disclosure_alerts (
  user_id integer NOT NULL,
  day date NOT NULL,
  disclosures integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, day)
);
-- The task type, widening whatever list the constraint has now (as 0012 does).
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conrelid = 'tasks'::regclass AND conname = 'tasks_type_check';
  IF def IS NOT NULL AND position('audit_disclosures' in def) = 0 THEN
    EXECUTE 'ALTER TABLE tasks DROP CONSTRAINT tasks_type_check';
    EXECUTE 'ALTER TABLE tasks ADD CONSTRAINT tasks_type_check ' || replace(def, 'ARRAY[', 'ARRAY[''audit_disclosures''::text, ');
  END IF;
END $$;
