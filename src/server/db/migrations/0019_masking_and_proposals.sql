-- Health groups (chronic illness, pregnancy, dialysis, disability, bedridden) behind their own permission:
-- the administrator (who already holds every registry permission),
-- the village doctor, cadres, grid workers and the command centre keep them; the sampling staff, branch
-- secretaries and volunteers see records without them.
UPDATE roles SET permissions = permissions || ARRAY['residents.health']
  WHERE code IN ('admin', 'command', 'cadre', 'grid_worker', 'doctor') AND NOT 'residents.health' = ANY(permissions);

-- Enlistment: a second submission with the same ID number is a new application beside the first (never
-- an overwrite of someone else's); the secretary sees both.
DROP INDEX IF EXISTS enlistments_pending_uq;
CREATE INDEX enlistments_id_number_idx ON enlistments (org_id, id_number);
