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

-- ——— the triggers of 0017 and 0030 on the split table (each month gets them) ———
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
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
