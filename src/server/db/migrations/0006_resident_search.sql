-- Resident search at county scale (a million people). A search by name, full pinyin or initials reads
-- one index and never the table: the indexes hold only live records (merged duplicates never appear in
-- a search), are ordered by the searched text, then household and id — the order in which a text search
-- lists people, best match first — and carry the area path to apply the caller's scope. So the first
-- page of "ly" (18,000 people) is the first 20 entries of the index, and its total the first 1,001.
-- They replace the plain name, initials and pinyin indexes of 0004.
DROP INDEX residents_name_idx;
DROP INDEX residents_initials_idx;
DROP INDEX residents_pinyin_idx;
CREATE INDEX residents_name_search_idx ON residents (name text_pattern_ops, household_id, id)
  INCLUDE (area_path) WHERE merged_into IS NULL;
CREATE INDEX residents_initials_search_idx ON residents (name_initials text_pattern_ops, household_id, id)
  INCLUDE (area_path) WHERE merged_into IS NULL;
-- The initials too: letters find initials, then pinyin that is not also an initials match (zh finds
-- 张华 by both), so the two parts never overlap.
CREATE INDEX residents_pinyin_search_idx ON residents (name_pinyin text_pattern_ops, household_id, id)
  INCLUDE (area_path, name_initials) WHERE merged_into IS NULL;
