-- Follow-ups are the largest table of health monitoring (two a day for everyone under a measure) and
-- are inserted in bulk: generating them for 100,000 people spent more than half its time in the
-- per-row foreign-key triggers on resident, area and doctor. Those three columns are copied from the
-- follow-up's measure, whose own foreign keys already guarantee them, and residents, areas and users are
-- never deleted (merged, archived, disabled), so the checks are redundant. The key to the measure stays.
ALTER TABLE follow_ups
  DROP CONSTRAINT IF EXISTS follow_ups_resident_id_fkey,
  DROP CONSTRAINT IF EXISTS follow_ups_area_id_fkey,
  DROP CONSTRAINT IF EXISTS follow_ups_doctor_id_fkey;

-- Follow-ups are written a few days ahead (FOLLOW_UP_HORIZON_DAYS), not for a measure's whole length: the
-- sweep writes each next day's. This is how far each measure's follow-ups are written (null: not yet).
ALTER TABLE measures ADD COLUMN follow_ups_until date;
-- Measures started before this were written to their end.
UPDATE measures m SET follow_ups_until = m.ends_on
 WHERE m.state = 'active' AND EXISTS (SELECT 1 FROM follow_ups f WHERE f.measure_id = m.id);
CREATE INDEX measures_active_horizon_idx ON measures (follow_ups_until) WHERE state = 'active';

-- 0011 added a full index on due_at for the daily report's day ranges; the partial one of 0009 (scheduled
-- only) answers nothing the full one does not, and every follow-up written paid for both.
DROP INDEX IF EXISTS follow_ups_due_idx;
