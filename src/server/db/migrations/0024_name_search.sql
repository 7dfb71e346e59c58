-- People are found by any part of their names, with or without the spaces and dots written in them.
--
-- name_search_key: a name as it is compared — spaces (also no-break and ideographic) and the separators
-- of transcribed names (· • ・ ‧ ． . -) removed, Latin capitals in lower case (one translate: the
-- characters past the 26 letters have no counterpart and are dropped). The same rule is
-- nameSearchKey in src/domain/search-text.ts; the two must stay equal.
CREATE FUNCTION name_search_key(name text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(name, E'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n\r\f\v\u00a0\u3000·•・‧．.-', 'abcdefghijklmnopqrstuvwxyz')
$$;

-- The pairs of adjacent characters of a key from its second character on (the key's rule is written out
-- again: an index is built with only the system's functions in reach, not the one above). A text found
-- inside a name but not at its start lies wholly there, so every pair of the text is among these: a GIN
-- index over them finds 甲贝克 by 贝克 reading one short list, and leaves out the pairs at the start of
-- names (王伟 …), whose lists would be long — a name's start is served by the ordered index below.
CREATE FUNCTION name_inner_bigrams(name text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(k, i, 2)), '{}')
    FROM (SELECT translate(name, E'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n\r\f\v\u00a0\u3000·•・‧．.-', 'abcdefghijklmnopqrstuvwxyz') AS k) s,
         generate_series(2, length(k) - 1) AS i
$$;

-- Each person's key, kept beside the name (a stored column: the search's indexes then answer the page and
-- the count of a broad text from the index alone, which an index over the function's result cannot).
ALTER TABLE residents ADD COLUMN name_key text GENERATED ALWAYS AS (name_search_key(name)) STORED;

-- The start of a name (and so a whole name), in the order a search lists it, over the key instead of
-- the name as written (replaces the index of 0006 on the name).
DROP INDEX residents_name_search_idx;
CREATE INDEX residents_name_key_search_idx ON residents (name_key text_pattern_ops, household_id, id)
  INCLUDE (area_path) WHERE merged_into IS NULL;
CREATE INDEX residents_name_bigrams_idx ON residents USING gin (name_inner_bigrams(name_key)) WHERE merged_into IS NULL;
