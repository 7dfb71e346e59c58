-- The audit trail split by month of its time (issue 19, item 6; docs/scale-out.md, "Monthly partitions"), the last
-- of the append-only tables: its old months leave the database through the owner's archive tool
-- (`npm run audit:archive`, platform/audit-archive.ts), which writes a month's stretch of the chain to a file,
-- checks it, records where the chain stood (`audit_archives`) and drops the month. `npm run audit:verify` then starts
-- from the last archived hash. The chain itself (0017, 0030) is unchanged: the same rows, seq and hashes.
--
-- What changes in the keys: the primary key becomes (id, at). The chain's order `seq` loses its unique index (a
-- unique index of a split table must hold the time): the chain's one writer at a time is the advisory lock of the
-- trigger, as before, and a seq written twice is named by the verifier as a fork.

-- ——— the old table steps aside, its triggers first (none fires on the copy) ———
DROP TRIGGER audit_log_chain ON audit_log;
DROP TRIGGER audit_log_no_update ON audit_log;
DROP TRIGGER audit_log_no_truncate ON audit_log;
ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
ALTER INDEX audit_log_pkey RENAME TO audit_log_unpartitioned_pkey;
ALTER SEQUENCE audit_log_id_seq RENAME TO audit_log_unpartitioned_id_seq;
DROP INDEX audit_log_at_idx;
DROP INDEX audit_log_area_path_idx;
DROP INDEX audit_log_actor_idx;
DROP INDEX audit_log_entity_idx;
DROP INDEX audit_log_seq_idx;
DROP INDEX audit_log_redacted_by_idx;

-- ——— the trail: the columns of 0001, 0017 and 0030, in their order, keyed (id, at) ———
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id integer,
  actor_name text,
  request_id text,
  client_ip text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  area_path text,
  before jsonb,
  after jsonb,
  seq bigint NOT NULL,
  hash text NOT NULL,
  before_digest text,
  after_digest text,
  redacted_by bigint,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_area_path_idx ON audit_log (area_path text_pattern_ops);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_seq_idx ON audit_log (seq);
CREATE INDEX audit_log_redacted_by_idx ON audit_log (redacted_by) WHERE redacted_by IS NOT NULL;
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

-- The months the rows need, through next month (the function is 0061's).
SELECT make_month_partitions('audit_log', 'audit_log_unpartitioned', 'at');

-- ——— the rows as they are (seq, hash, digests, redactions); the identity continues where the old one stopped ———
INSERT INTO audit_log (id, at, actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, before, after,
                       seq, hash, before_digest, after_digest, redacted_by)
  OVERRIDING SYSTEM VALUE
  SELECT id, at, actor_id, actor_name, request_id, client_ip, action, entity, entity_id, area_path, before, after,
         seq, hash, before_digest, after_digest, redacted_by
    FROM audit_log_unpartitioned;
SELECT setval(pg_get_serial_sequence('audit_log', 'id'),
  greatest(s.last_value, (SELECT coalesce(max(id), 1) FROM audit_log_unpartitioned)),
  s.is_called OR EXISTS (SELECT 1 FROM audit_log_unpartitioned))
  FROM audit_log_unpartitioned_id_seq s;
DROP TABLE audit_log_unpartitioned;

-- ——— the chain's head in one row ———
-- A transaction's first audit row found its predecessor as the row of the highest seq: on the split table that is
-- one index read in every month (a late row can sit in an old month), while the chain's lock is held.
-- Measured (bench:audit, 400 one-row transactions from 8 connections, 17 months, runs alternated): 192–235 ms
-- reading the head from the months, 166–193 from this row (135–140 before the split, on a quieter moment).
-- So the head is kept here: written once per statement that appended (the statement trigger below, from the
-- transaction's head setting of 0017), read by the next transaction under the chain's lock. The same transaction
-- writes it as its rows, so a rollback (or a savepoint's) takes both back. Only the trigger writes it (it runs as
-- the owner); a forged head makes a gap or a seq written twice, which the verifier names.
CREATE TABLE audit_chain_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash text
);
INSERT INTO audit_chain_head (seq, hash)
  SELECT coalesce((SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1), 0), (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1);

-- The row's hash as 0030 defined it, written as one expression: the loop over an array of fields cost a statement
-- of PL/pgSQL per field and row. 5,000 rows in one statement (bench:audit, alternated runs): the chain's share
-- 89–91 ms with the loop, 71–78 ms without. The text hashed is the same, so every existing hash still holds.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE head text := current_setting('wangge.audit_head', true); last_seq bigint; last_hash text;
BEGIN
  IF head IS NULL OR head = '' THEN
    PERFORM pg_advisory_xact_lock(7406190017);
    SELECT h.seq, h.hash INTO last_seq, last_hash FROM audit_chain_head h;
  ELSE
    last_seq := split_part(head, ':', 1)::bigint;
    last_hash := split_part(head, ':', 2);
  END IF;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.before_digest := CASE WHEN NEW.before IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.before::text, 'UTF8')), 'hex') END;
  NEW.after_digest := CASE WHEN NEW.after IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.after::text, 'UTF8')), 'hex') END;
  NEW.redacted_by := NULL;
  NEW.hash := encode(sha256(convert_to(coalesce(last_hash, '') || '|' || NEW.seq::text || '|' || NEW.id::text || '|'
    || (extract(epoch FROM NEW.at) * 1000000)::bigint::text
    || '|' || CASE WHEN NEW.actor_id IS NULL THEN '-' ELSE octet_length(NEW.actor_id::text)::text || ':' || NEW.actor_id::text END
    || '|' || CASE WHEN NEW.actor_name IS NULL THEN '-' ELSE octet_length(NEW.actor_name)::text || ':' || NEW.actor_name END
    || '|' || CASE WHEN NEW.request_id IS NULL THEN '-' ELSE octet_length(NEW.request_id)::text || ':' || NEW.request_id END
    || '|' || CASE WHEN NEW.client_ip IS NULL THEN '-' ELSE octet_length(NEW.client_ip)::text || ':' || NEW.client_ip END
    || '|' || octet_length(NEW.action)::text || ':' || NEW.action
    || '|' || octet_length(NEW.entity)::text || ':' || NEW.entity
    || '|' || CASE WHEN NEW.entity_id IS NULL THEN '-' ELSE octet_length(NEW.entity_id)::text || ':' || NEW.entity_id END
    || '|' || CASE WHEN NEW.area_path IS NULL THEN '-' ELSE octet_length(NEW.area_path)::text || ':' || NEW.area_path END
    || '|' || CASE WHEN NEW.before_digest IS NULL THEN '-' ELSE '64:' || NEW.before_digest END
    || '|' || CASE WHEN NEW.after_digest IS NULL THEN '-' ELSE '64:' || NEW.after_digest END, 'UTF8')), 'hex');
  PERFORM set_config('wangge.audit_head', NEW.seq::text || ':' || NEW.hash, true);
  RETURN NEW;
END;
$$;

CREATE FUNCTION audit_chain_head_keep() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE head text := current_setting('wangge.audit_head', true);
BEGIN
  -- Empty: the statement appended nothing, and no earlier one of the transaction did.
  IF head IS NOT NULL AND head <> '' THEN
    UPDATE audit_chain_head SET seq = split_part(head, ':', 1)::bigint, hash = split_part(head, ':', 2);
  END IF;
  RETURN NULL;
END $$;

-- ——— the triggers of 0017 and 0030 on the split table (each month gets them), and the head's ———
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_keep();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- ——— the archived months: where the chain stood when each left the database ———
-- One row per month archived, in chain order: the stretch of the chain it holds (first_seq .. last_seq, every seq
-- in between, also a late row of the next month that the chain took before the month's last), the hash before it
-- and its last hash (where the verifier starts), and the file with its SHA-256 (the verifier checks the file where
-- it finds it). The app's role may only read it (platform/audit-roles.ts).
CREATE TABLE audit_archives (
  partition text PRIMARY KEY,
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL,
  first_seq bigint NOT NULL,
  last_seq bigint NOT NULL,
  rows bigint NOT NULL,
  prev_hash text,
  last_hash text NOT NULL,
  file text NOT NULL,
  file_sha256 text NOT NULL,
  bytes bigint NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  CHECK (rows = last_seq - first_seq + 1)
);
CREATE UNIQUE INDEX audit_archives_last_seq_idx ON audit_archives (last_seq);
