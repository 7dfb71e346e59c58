-- Room on each page for the update in place that the peak makes of every row (issue 19). Two tables are written
-- whole and then updated row by row in columns no index holds:
--   - a round's roster, written when the round opens; each binding raises its person's `sampled`
--     (sampling_bindings_added, 0016, inside the desk's statement);
--   - a campaign's targets, written when the campaign is made; each visit counts its household's attempt.
-- Written with their pages full, such an update found no room beside its row and went to another page, with a new
-- entry in each of the table's indexes. With a fifth of each page left free it stays on its page (a heap-only
-- update: no index touched, no index bloat for vacuum to clear).
-- Measured on PostgreSQL (bench:sampling, 64 desks, 1,000,000 on the roster, alternated runs): heap-only updates of
-- the roster 62-67 % -> 100 % of the bindings' updates; the roster statement 2.64-3.79 ms per batch of ~30 bindings
-- before, 2.20-3.24 after (medians 2.87 / 2.64); bindings per second within the machine's noise. The targets that
-- bench:monitoring's visits update: heap-only 65 % of the time before, 100 % after.
-- The price is a quarter more pages for each (a 1,000,000-person roster: ~90 MB -> ~115 MB). Pages already written
-- keep their fill: the next round and the next campaign are written with the room.
ALTER TABLE sampling_roster SET (fillfactor = 80);
ALTER TABLE screening_targets SET (fillfactor = 80);
