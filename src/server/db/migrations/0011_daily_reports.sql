-- Issue 5: the village daily report (日报). Its figures are computed from the records by day; these indexes let
-- a county's day be read by ranges of the day instead of whole tables (follow_ups_due_idx covers only the
-- scheduled ones; visits had no time index). The report's permissions go to the built-in roles.
CREATE INDEX follow_ups_due_at_idx ON follow_ups (due_at);
CREATE INDEX screening_visits_visited_at_idx ON screening_visits (visited_at);
CREATE INDEX measures_starts_on_idx ON measures (starts_on) WHERE state IN ('active', 'release_check', 'released');
CREATE INDEX daily_reports_day_idx ON daily_reports (day, area_path text_pattern_ops);
-- The sweep: live measures past their end, scheduled follow-ups past their window.
CREATE INDEX measures_active_end_idx ON measures (ends_on) WHERE state = 'active';
CREATE INDEX follow_ups_window_idx ON follow_ups (window_ends_at) WHERE status = 'scheduled';

UPDATE roles SET permissions = permissions || ARRAY['reports.read','reports.submit','reports.reopen'] WHERE code IN ('admin', 'command', 'cadre');
UPDATE roles SET permissions = permissions || ARRAY['reports.read'] WHERE code IN ('grid_worker', 'doctor');
