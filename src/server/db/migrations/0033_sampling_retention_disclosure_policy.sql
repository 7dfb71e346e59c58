-- Two parts of issue 14 (trust). First, the data lifecycle for mass testing (point 12): once a round has been closed
-- longer than the `sampling` class's period (policy data), its people are made anonymous — while every figure counted
-- from the round stays.
--
-- A person is kept apart from everyone else in the round, but by a stand-in instead of their resident id: per
-- (round, person) one negative number from `sampling_stand_ins`, written in one statement over the round's roster
-- row, bindings, positive-pool flags and exemptions (modules/sampling/retention.ts). The coverage counters
-- (migration 0016) are kept by triggers that react to a binding's removal, an exemption's revocation and a roster
-- row's flags — not to its person — so the swap moves no count, and the joins the figures make (a roster row to its
-- bindings: the hourly chart) still meet. A stand-in leads to no one: it is new per round and per person, drawn at
-- the run, and nothing records which resident it replaced.
CREATE SEQUENCE sampling_stand_ins;

ALTER TABLE sampling_bindings ADD COLUMN anonymised_at timestamptz;
ALTER TABLE sampling_flags ADD COLUMN anonymised_at timestamptz;
-- The exemption's person key is the one left (0016 dropped the others for speed): a stand-in is no resident.
ALTER TABLE sampling_exemptions ADD COLUMN anonymised_at timestamptz, DROP CONSTRAINT sampling_exemptions_resident_id_fkey;
-- Set when a run made any of the round's people anonymous: its roster no longer follows the registry (a later
-- registry change would add the person again beside their stand-in, counted twice).
ALTER TABLE sampling_rounds ADD COLUMN anonymised_at timestamptz;

-- Default: two months after the close, like the other health records (0027).
INSERT INTO retention_policy (data_class, period_days) VALUES ('sampling', 60) ON CONFLICT (data_class) DO NOTHING;

-- ——— the disclosures threshold gets its screen (issue 14, point 9) ———
-- audit_policy (0017) is policy data now edited by an administrator: who changed it last, and when. Its new
-- permission is the administrator's only: the threshold decides when someone's reveals are looked at.
ALTER TABLE audit_policy ADD COLUMN updated_by integer REFERENCES users (id), ADD COLUMN updated_at timestamptz;
UPDATE roles SET permissions = permissions || ARRAY['audit.manage'] WHERE code = 'admin' AND NOT 'audit.manage' = ANY(permissions);
