-- Roster proposals are kept no longer than the visit that made them (the visits' class, 60 days by default): a
-- decided proposal past the period loses the person the visitor found (name, ID number, phone in its payload, and a
-- rejection's free-text reason) and its link to the visit, so the visit's month can be dropped (0061). What it was —
-- a person added or moved out, when, decided how and by whom — stays. A proposal still waiting for a cadre is kept
-- whole, whatever its age.
ALTER TABLE roster_proposals
  ALTER COLUMN visit_id DROP NOT NULL,
  ALTER COLUMN visit_at DROP NOT NULL,
  ADD COLUMN anonymised_at timestamptz,
  ADD CONSTRAINT roster_proposals_visit_at_with_id CHECK ((visit_id IS NULL) = (visit_at IS NULL)),
  ADD CONSTRAINT roster_proposals_visit_or_anonymised CHECK (visit_id IS NOT NULL OR anonymised_at IS NOT NULL);
