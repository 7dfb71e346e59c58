-- The daily report's figures of arrivals, measures and follow-ups, counted as the records are written (as the
-- checkpoint crossings are in 0055). The report summed the records themselves: at county scale a day's report
-- read every arrival ever (200,000 for the "in total" figures), every measure running or released since
-- (150,000) and the day's follow-ups (hundreds of thousands), where these counters are a few thousand rows.
--
-- Each counter row is keyed by exactly what the report compares, so the report's arithmetic over the counters is
-- the same as over the records for any time zone (its days are local days, converted in the report's SQL):
--   arrivals   by area, day of arrival and origin risk level (a day is a date), plus the all-time total per area
--              and level, so "in total up to a day" is the total less the days after it, not a sum over history;
--   measures   running, awaiting release or released, by area, kind, start day and release time cut to 15
--              minutes ('infinity' while not released) — every local midnight is a multiple of 15 minutes in
--              UTC, so "released before the end of the day" reads the same from the cut time;
--   follow-ups not cancelled, by area, due time, end of window and status (due times are a measure's fixed
--              times of day, so a few per area and day); "missed" stays "scheduled and its window is over".
-- Unlike crossings these records change: a follow-up is recorded (scheduled → done) or cancelled, a measure is
-- released, a record moves area, retention anonymises (an update leaving the counted columns) — so each table
-- has statement-level triggers on INSERT, UPDATE and DELETE that add the new rows' keys and take away the old
-- rows' (an update that leaves the keys as they were nets to nothing and writes nothing), and TRUNCATE empties
-- the counters. One function serves every table: its arguments name the counter table, its key columns, the
-- expressions of those keys over a record, and which records count.
CREATE TABLE report_arrival_days (
  area_id integer NOT NULL REFERENCES areas (id),
  day date NOT NULL,
  level text NOT NULL,
  area_path text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (area_id, day, level)
);
CREATE INDEX report_arrival_days_day_idx ON report_arrival_days (day);

CREATE TABLE report_arrival_totals (
  area_id integer NOT NULL REFERENCES areas (id),
  level text NOT NULL,
  area_path text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (area_id, level)
);

CREATE TABLE report_measure_counts (
  area_id integer NOT NULL REFERENCES areas (id),
  kind text NOT NULL,
  starts_on date NOT NULL,
  -- The release time cut to 15 minutes; 'infinity' while the measure runs.
  released_at timestamptz NOT NULL,
  area_path text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (area_id, kind, starts_on, released_at)
);
CREATE INDEX report_measure_counts_released_idx ON report_measure_counts (released_at);

CREATE TABLE report_follow_up_counts (
  area_id integer NOT NULL REFERENCES areas (id),
  due_at timestamptz NOT NULL,
  window_ends_at timestamptz NOT NULL,
  status text NOT NULL,
  area_path text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (area_id, due_at, window_ends_at, status)
);
CREATE INDEX report_follow_up_counts_due_idx ON report_follow_up_counts (due_at);

-- TG_ARGV: 0 counter table, 1 its key columns, 2 the keys' expressions over a record, 3 which records count.
-- Keys are written in their order, so two transactions counting the same keys wait for each other, never deadlock.
CREATE FUNCTION report_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS delta FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS delta FROM old_rows'
    ELSE 'SELECT *, 1 AS delta FROM new_rows UNION ALL SELECT *, -1 FROM old_rows' END;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('DELETE FROM %I', TG_ARGV[0]);
    RETURN NULL;
  END IF;
  EXECUTE format(
    'INSERT INTO %1$I AS c (%2$s, area_path, n)
     SELECT %3$s, min(area_path), sum(delta) FROM (%5$s) x WHERE %4$s GROUP BY %3$s HAVING sum(delta) <> 0 ORDER BY %3$s
     ON CONFLICT (%2$s) DO UPDATE SET n = c.n + excluded.n',
    TG_ARGV[0], TG_ARGV[1], TG_ARGV[2], TG_ARGV[3], changed);
  RETURN NULL;
END $$;

DO $$
DECLARE
  spec record;
  args text;
BEGIN
  FOR spec IN SELECT * FROM (VALUES
    ('arrivals', 'report_arrival_days', 'area_id, day, level', 'area_id, arrived_on, COALESCE(origin_risk_level, ''none'')', 'true'),
    ('arrivals', 'report_arrival_totals', 'area_id, level', 'area_id, COALESCE(origin_risk_level, ''none'')', 'true'),
    ('measures', 'report_measure_counts', 'area_id, kind, starts_on, released_at',
     'area_id, kind, starts_on, COALESCE(date_bin(''15 minutes'', released_at, timestamptz ''2000-01-01 00:00+00''), ''infinity'')',
     'state IN (''active'', ''release_check'', ''released'')'),
    ('follow_ups', 'report_follow_up_counts', 'area_id, due_at, window_ends_at, status', 'area_id, due_at, window_ends_at, status', 'status <> ''cancelled''')
  ) AS s(source, counter, keys, exprs, counted) LOOP
    args := format('%L, %L, %L, %L', spec.counter, spec.keys, spec.exprs, spec.counted);
    EXECUTE format('INSERT INTO %I (%s, area_path, n) SELECT %s, min(area_path), count(*) FROM %I WHERE %s GROUP BY %s',
      spec.counter, spec.keys, spec.exprs, spec.source, spec.counted, spec.exprs);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counts_apply(%s)',
      spec.counter || '_insert', spec.source, args);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counts_apply(%s)',
      spec.counter || '_update', spec.source, args);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_counts_apply(%s)',
      spec.counter || '_delete', spec.source, args);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION report_counts_apply(%s)',
      spec.counter || '_truncate', spec.source, args);
  END LOOP;
END $$;

-- Writing a county's follow-ups ahead (100,000 people: 300,000–400,000 rows in one statement) spent its time per
-- row, not in the statement: measured by the server's CPU, the follow-ups' foreign key to their measure (a lookup
-- and a row lock on the measure for every follow-up) was a fifth of it, and noting how far each measure is
-- written (`measures.follow_ups_until`) rewrote every measure — a wide row under eight indexes, and now under the
-- counters' update trigger — for one date. Both become set-based:
--   * the foreign key is checked once per statement (the same error, 23503): new or changed follow-ups name
--     measures that exist, and a measure still named by follow-ups is not deleted. Follow-ups are written by
--     INSERT … SELECT from the measures themselves, and measures are never deleted by the application (retention
--     anonymises them in place), so the row lock that guarded a concurrent delete guarded nothing;
--   * the horizon moves to a narrow table of its own (one row per measure, one index), written by one upsert.
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_measure_id_fkey;

CREATE FUNCTION follow_ups_measure_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing integer;
BEGIN
  IF TG_TABLE_NAME = 'follow_ups' THEN
    SELECT n.measure_id INTO missing FROM new_rows n
     WHERE n.measure_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM measures m WHERE m.id = n.measure_id) LIMIT 1;
  ELSE
    SELECT o.id INTO missing FROM old_rows o WHERE EXISTS (SELECT 1 FROM follow_ups f WHERE f.measure_id = o.id) LIMIT 1;
  END IF;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = format('follow_ups.measure_id %s: no such measure, or still named', missing);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER follow_ups_measure_exists_insert AFTER INSERT ON follow_ups REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION follow_ups_measure_exists();
CREATE TRIGGER follow_ups_measure_exists_update AFTER UPDATE ON follow_ups REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION follow_ups_measure_exists();
CREATE TRIGGER follow_ups_measure_exists_delete AFTER DELETE ON measures REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION follow_ups_measure_exists();

-- How far each measure's follow-ups are written (what the sweep tops up to the horizon).
CREATE TABLE follow_up_horizons (
  measure_id integer PRIMARY KEY,
  written_until date NOT NULL
);
INSERT INTO follow_up_horizons (measure_id, written_until) SELECT id, follow_ups_until FROM measures WHERE follow_ups_until IS NOT NULL;
ALTER TABLE measures DROP COLUMN follow_ups_until;
