-- Coverage kept as bindings arrive (issue 6: "updated as bindings arrive, not by a nightly job"). Reading the
-- whole roster at each request cost ~1.5 s per call on a 1,000,000-resident county; the county's table is now a
-- sum over a few thousand counter rows.
--
-- sampling_roster: one row per (round, person) the round knows: rostered people (the round's roster, taken from
-- the registry's dated stays by repo.syncRoster — at opening, and for the people changed since, at each coverage
-- read) and anyone bound or exempted in the round (rostered = false until the roster names them). `sampled`
-- counts the person's live bindings in tubes not found invalid; `exempt` is a live recorded exemption; `young`
-- is under the round's underAge on the roster date. Status: sampled (sampled > 0) › exempt (exempt or young) ›
-- missing.
--
-- sampling_coverage: per (round, area path of the stay) the rostered people, sampled and exempt (missing =
-- roster − sampled − exempt). Kept by statement triggers with transition tables, so a 1,000,000-row roster or a
-- 5,000-result lab batch costs one aggregate each, and a desk's binding costs two small upserts in its own
-- statement. Triggers rather than code in each writer: every path that changes a binding, result or exemption
-- (the desk statement, a removal, a lab batch, an exemption and its revocation) moves the counters without
-- being able to forget to.
--
-- Concurrency: the triggers and syncRoster both write roster rows with INSERT … ON CONFLICT on the primary key,
-- so a binding racing the roster's taking waits for the other's row and then adds to it; neither loses the other.
-- No foreign keys: per-row key checks on a million-row roster cost more than the insert (see 0014).

ALTER TABLE sampling_rounds ADD COLUMN roster_synced_to timestamptz;
COMMENT ON COLUMN sampling_rounds.roster_synced_to IS 'The roster has taken every resident changed up to this residents.updated_at; NULL: no roster taken yet.';
-- Every registry write that can change who is on a roster (registration, move, move out, merge, a household moved,
-- a birth date corrected, an import) sets residents.updated_at: the people changed since a round's roster was
-- taken are found by this index, and "nothing changed" is one look at its last entry.
CREATE INDEX residents_updated_at_idx ON residents (updated_at);

CREATE TABLE sampling_roster (
  round_id integer NOT NULL,
  resident_id integer NOT NULL,
  area_path text NOT NULL,
  rostered boolean NOT NULL DEFAULT false,
  young boolean NOT NULL DEFAULT false,
  exempt boolean NOT NULL DEFAULT false,
  sampled integer NOT NULL DEFAULT 0 CHECK (sampled >= 0),
  PRIMARY KEY (round_id, resident_id)
);
-- The missing list and the chart read a round's rostered people under an area.
CREATE INDEX sampling_roster_area_idx ON sampling_roster (round_id, area_path text_pattern_ops) WHERE rostered;

-- `stay_path`, not `area_path`, on purpose: moving an area rewrites every `area_path` column (areas/repo.ts); the
-- roster's rows are rewritten and their trigger moves these counts to the new paths. Were this table rewritten too,
-- the counts would move twice.
CREATE TABLE sampling_coverage (
  round_id integer NOT NULL,
  stay_path text NOT NULL,
  roster integer NOT NULL DEFAULT 0,
  sampled integer NOT NULL DEFAULT 0,
  exempt integer NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, stay_path)
);

-- ——— roster rows → counters ———
CREATE FUNCTION sampling_roster_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sampling_coverage AS c (round_id, stay_path, roster, sampled, exempt)
  SELECT round_id, area_path, count(*), count(*) FILTER (WHERE sampled > 0), count(*) FILTER (WHERE sampled = 0 AND (exempt OR young))
    FROM new_rows WHERE rostered GROUP BY round_id, area_path ORDER BY round_id, area_path
  ON CONFLICT (round_id, stay_path) DO UPDATE
    SET roster = c.roster + excluded.roster, sampled = c.sampled + excluded.sampled, exempt = c.exempt + excluded.exempt;
  RETURN NULL;
END $$;

CREATE FUNCTION sampling_roster_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sampling_coverage AS c (round_id, stay_path, roster, sampled, exempt)
  SELECT round_id, area_path, sum(d), sum(d * (sampled > 0)::int), sum(d * (sampled = 0 AND (exempt OR young))::int)
    FROM (SELECT round_id, area_path, sampled, exempt, young, 1 AS d FROM new_rows WHERE rostered
          UNION ALL
          SELECT round_id, area_path, sampled, exempt, young, -1 AS d FROM old_rows WHERE rostered) x
   GROUP BY round_id, area_path
  HAVING sum(d) <> 0 OR sum(d * (sampled > 0)::int) <> 0 OR sum(d * (sampled = 0 AND (exempt OR young))::int) <> 0
   ORDER BY round_id, area_path
  ON CONFLICT (round_id, stay_path) DO UPDATE
    SET roster = c.roster + excluded.roster, sampled = c.sampled + excluded.sampled, exempt = c.exempt + excluded.exempt;
  RETURN NULL;
END $$;

CREATE TRIGGER sampling_roster_ins AFTER INSERT ON sampling_roster REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sampling_roster_inserted();
CREATE TRIGGER sampling_roster_upd AFTER UPDATE ON sampling_roster REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sampling_roster_updated();

-- ——— bindings, results, exemptions → roster rows ———
-- A binding counts while it is live and its tube has no 'invalid' result.
CREATE FUNCTION sampling_bindings_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sampling_roster AS ro (round_id, resident_id, area_path, sampled)
  SELECT n.round_id, n.resident_id, min(n.area_path), count(*) FROM new_rows n
   WHERE n.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = n.tube_id AND sr.result = 'invalid')
   GROUP BY n.round_id, n.resident_id ORDER BY n.round_id, n.resident_id
  ON CONFLICT (round_id, resident_id) DO UPDATE SET sampled = ro.sampled + excluded.sampled;
  RETURN NULL;
END $$;

CREATE FUNCTION sampling_bindings_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sampling_roster ro SET sampled = ro.sampled - x.n
    FROM (SELECT n.round_id, n.resident_id, count(*)::int AS n FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE o.removed_at IS NULL AND n.removed_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = o.tube_id AND sr.result = 'invalid')
           GROUP BY n.round_id, n.resident_id) x
   WHERE ro.round_id = x.round_id AND ro.resident_id = x.resident_id;
  RETURN NULL;
END $$;

-- An invalid result: the live members of the tube are not sampled by it any more (missing again until sampled anew).
CREATE FUNCTION sampling_results_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sampling_roster ro SET sampled = ro.sampled - x.n
    FROM (SELECT b.round_id, b.resident_id, count(*)::int AS n FROM new_rows s JOIN sampling_bindings b ON b.tube_id = s.tube_id AND b.removed_at IS NULL
           WHERE s.result = 'invalid' GROUP BY b.round_id, b.resident_id) x
   WHERE ro.round_id = x.round_id AND ro.resident_id = x.resident_id;
  RETURN NULL;
END $$;

CREATE FUNCTION sampling_exemptions_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sampling_roster AS ro (round_id, resident_id, area_path, exempt)
  SELECT DISTINCT ON (round_id, resident_id) round_id, resident_id, area_path, true FROM new_rows WHERE revoked_at IS NULL
   ORDER BY round_id, resident_id
  ON CONFLICT (round_id, resident_id) DO UPDATE SET exempt = true;
  RETURN NULL;
END $$;

CREATE FUNCTION sampling_exemptions_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sampling_roster ro SET exempt = false
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   WHERE o.revoked_at IS NULL AND n.revoked_at IS NOT NULL AND ro.round_id = n.round_id AND ro.resident_id = n.resident_id;
  RETURN NULL;
END $$;

CREATE TRIGGER sampling_bindings_roster_ins AFTER INSERT ON sampling_bindings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sampling_bindings_added();
CREATE TRIGGER sampling_bindings_roster_upd AFTER UPDATE ON sampling_bindings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sampling_bindings_removed();
CREATE TRIGGER sampling_results_roster_ins AFTER INSERT ON sampling_results REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sampling_results_added();
CREATE TRIGGER sampling_exemptions_roster_ins AFTER INSERT ON sampling_exemptions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sampling_exemptions_added();
CREATE TRIGGER sampling_exemptions_roster_upd AFTER UPDATE ON sampling_exemptions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sampling_exemptions_revoked();

-- ——— rounds made before this migration: their bindings and exemptions; the roster is taken at the next read ———
INSERT INTO sampling_roster (round_id, resident_id, area_path, sampled)
SELECT b.round_id, b.resident_id, min(b.area_path),
       count(*) FILTER (WHERE b.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid'))
  FROM sampling_bindings b GROUP BY b.round_id, b.resident_id;
INSERT INTO sampling_roster AS ro (round_id, resident_id, area_path, exempt)
SELECT DISTINCT ON (round_id, resident_id) round_id, resident_id, area_path, true FROM sampling_exemptions WHERE revoked_at IS NULL
 ORDER BY round_id, resident_id
ON CONFLICT (round_id, resident_id) DO UPDATE SET exempt = true;

-- ——— the peak's rows without per-row key checks ———
-- A result's tube, round, area and receiver and a flag's binding, tube, person, round and area are copied from rows
-- the same statement has just read (the tube found by its barcode, the binding joined by its tube); rounds, tubes
-- and bindings are never deleted. The per-row checks of these keys were most of a lab file's insert: 100,000
-- results made 400,000 key lookups (~60 % of the statement), 10,000 flags 60,000 (as 0014 did for follow-ups).
-- The same for the desk's bindings: round and tube from the tube row the statement locks, person and area from the
-- residents row it reads, the actor's own id; five key checks were ~12 % of a binding's cost.
ALTER TABLE sampling_bindings
  DROP CONSTRAINT sampling_bindings_round_id_fkey,
  DROP CONSTRAINT sampling_bindings_tube_id_fkey,
  DROP CONSTRAINT sampling_bindings_resident_id_fkey,
  DROP CONSTRAINT sampling_bindings_area_id_fkey,
  DROP CONSTRAINT sampling_bindings_bound_by_fkey,
  DROP CONSTRAINT sampling_bindings_removed_by_fkey;
ALTER TABLE sampling_results
  DROP CONSTRAINT sampling_results_tube_id_fkey,
  DROP CONSTRAINT sampling_results_round_id_fkey,
  DROP CONSTRAINT sampling_results_area_id_fkey,
  DROP CONSTRAINT sampling_results_received_by_fkey;
ALTER TABLE sampling_flags
  DROP CONSTRAINT sampling_flags_round_id_fkey,
  DROP CONSTRAINT sampling_flags_binding_id_fkey,
  DROP CONSTRAINT sampling_flags_tube_id_fkey,
  DROP CONSTRAINT sampling_flags_resident_id_fkey,
  DROP CONSTRAINT sampling_flags_area_id_fkey,
  DROP CONSTRAINT sampling_flags_retest_tube_id_fkey;
