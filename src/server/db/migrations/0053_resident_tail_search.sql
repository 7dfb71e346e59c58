-- The ends of ID numbers and phones (the last 4 or 6 digits a caller reads out) are found from their own index
-- alone. A 4-digit phone tail matches ~100 people in a million and the search gathers them all to order them by
-- household: read from the table that was ~180 random row reads per search, the slowest kind of search by far
-- (p50 13 ms against 1–2 ms for names). Covering the columns the search reads (household, id, area, merged,
-- and the number itself, which the planner wants beside an index on its expression) makes it an index-only scan.
-- They replace the plain indexes on the same expressions, so a write maintains as many indexes as before.
DROP INDEX IF EXISTS residents_id_tail_idx;
DROP INDEX IF EXISTS residents_phone_tail_idx;
CREATE INDEX IF NOT EXISTS residents_id_tail_cover_idx ON residents (reverse(id_number) text_pattern_ops)
  INCLUDE (id_number, household_id, id, area_path, merged_into);
CREATE INDEX IF NOT EXISTS residents_phone_tail_cover_idx ON residents (reverse(phone) text_pattern_ops)
  INCLUDE (phone, id_number, household_id, id, area_path, merged_into);
