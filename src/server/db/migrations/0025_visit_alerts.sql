-- The screening loop closed: a door-to-door visit that finds a fever or an alerting symptom raises the same
-- fever alert as a follow-up. A visit's reading belongs to a household (the visitor may name the person),
-- so an alert names a resident or, failing that, the household; `visit_id` ties it to the visit that raised
-- it, once. And how soon an alert must be acted on is policy data beside the fever threshold (30 minutes in
-- every seeded edition), so an alert's tasks are due then rather than overdue the moment they are made.
ALTER TABLE policy_sets ADD COLUMN alert_due_minutes integer NOT NULL DEFAULT 30 CHECK (alert_due_minutes BETWEEN 1 AND 1440);

ALTER TABLE fever_alerts ALTER COLUMN resident_id DROP NOT NULL;
ALTER TABLE fever_alerts ADD COLUMN household_id integer REFERENCES households (id);
ALTER TABLE fever_alerts ADD COLUMN visit_id integer REFERENCES screening_visits (id);
ALTER TABLE fever_alerts ADD CONSTRAINT fever_alerts_names_someone CHECK (resident_id IS NOT NULL OR household_id IS NOT NULL);
CREATE UNIQUE INDEX fever_alerts_visit_uq ON fever_alerts (visit_id) WHERE visit_id IS NOT NULL;
