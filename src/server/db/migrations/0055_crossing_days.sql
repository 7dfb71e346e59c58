-- Crossings counted per post and local day as they are written. The daily report and its series summed the
-- crossings themselves: at county scale (1,200 posts, hundreds of thousands of crossings a day) a 14-day series
-- read millions of rows — 45 s on a 1,000,000-resident county — where these counters are a few thousand rows.
-- Crossings are only ever inserted (an area moved rewrites the area path here as on every table that carries one),
-- so one statement-level trigger keeps the counters exact whichever path writes them (the group-committed batch, a
-- single crossing), in the same transaction.
CREATE TABLE checkpoint_crossing_days (
  post_id integer NOT NULL REFERENCES checkpoint_posts (id),
  day date NOT NULL,
  -- The crossings' own area path (the post's when they were written): what the report's scope reads.
  area_path text NOT NULL,
  crossings integer NOT NULL DEFAULT 0,
  -- People checked (a bus of 40 is 40), people turned back, and vehicles turned back: the report's three figures.
  checked integer NOT NULL DEFAULT 0,
  turned_back integer NOT NULL DEFAULT 0,
  vehicles_turned_back integer NOT NULL DEFAULT 0,
  PRIMARY KEY (post_id, day)
);
CREATE INDEX checkpoint_crossing_days_area_idx ON checkpoint_crossing_days (area_path text_pattern_ops, day);

INSERT INTO checkpoint_crossing_days (post_id, day, area_path, crossings, checked, turned_back, vehicles_turned_back)
SELECT post_id, day, min(area_path), count(*), sum(people), COALESCE(sum(people) FILTER (WHERE decision = 'turned_back'), 0),
       count(*) FILTER (WHERE vehicle AND decision = 'turned_back')
  FROM checkpoint_crossings GROUP BY post_id, day;

CREATE FUNCTION checkpoint_crossing_days_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO checkpoint_crossing_days AS d (post_id, day, area_path, crossings, checked, turned_back, vehicles_turned_back)
  SELECT post_id, day, min(area_path), count(*), sum(people), COALESCE(sum(people) FILTER (WHERE decision = 'turned_back'), 0),
         count(*) FILTER (WHERE vehicle AND decision = 'turned_back')
    FROM written GROUP BY post_id, day
  ON CONFLICT (post_id, day) DO UPDATE SET
    crossings = d.crossings + excluded.crossings,
    checked = d.checked + excluded.checked,
    turned_back = d.turned_back + excluded.turned_back,
    vehicles_turned_back = d.vehicles_turned_back + excluded.vehicles_turned_back;
  RETURN NULL;
END $$;
CREATE TRIGGER checkpoint_crossing_days_add AFTER INSERT ON checkpoint_crossings
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION checkpoint_crossing_days_add();
