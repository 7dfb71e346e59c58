-- Resident search at county scale (a million people). A search by name, full pinyin or initials reads
-- one index and never the table: the indexes hold only live records (merged duplicates never appear in
-- a search) and carry what the search needs besides the key — the id and household to sort and page
-- by, and the area path to apply the caller's scope. A broad prefix such as "ly" (10,000 people) is
-- then counted, scoped and sorted from the index alone, and only the page of 20 is read from the table.
-- They replace the plain name, initials and pinyin indexes of 0004.
DROP INDEX residents_name_idx;
DROP INDEX residents_initials_idx;
DROP INDEX residents_pinyin_idx;
CREATE INDEX residents_name_search_idx ON residents (name text_pattern_ops)
  INCLUDE (id, household_id, area_path) WHERE merged_into IS NULL;
CREATE INDEX residents_initials_search_idx ON residents (name_initials text_pattern_ops)
  INCLUDE (id, household_id, area_path) WHERE merged_into IS NULL;
-- The initials too: a search for letters reads initials, then pinyin that is not also an initials match
-- (zh finds 张华 by both), so the two parts never overlap and need no de-duplication.
CREATE INDEX residents_pinyin_search_idx ON residents (name_pinyin text_pattern_ops)
  INCLUDE (id, household_id, area_path, name_initials) WHERE merged_into IS NULL;
