-- A crossing's plate and pass number name the vehicle's keeper: retention now clears them with the crossing's people
-- (60 days after the crossing), where before they stayed on the row until its whole month was dropped. A vehicle's
-- crossing may then have no plate; `anonymised_at` says why.
ALTER TABLE checkpoint_crossings ADD COLUMN anonymised_at timestamptz;
ALTER TABLE checkpoint_crossings DROP CONSTRAINT checkpoint_crossings_check;
ALTER TABLE checkpoint_crossings ADD CONSTRAINT checkpoint_crossings_check
  CHECK (vehicle = (plate IS NOT NULL) OR (anonymised_at IS NOT NULL AND plate IS NULL));
