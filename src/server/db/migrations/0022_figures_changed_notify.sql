-- The command center's overview is live: any write to a table its figures come from tells every server
-- (NOTIFY is delivered after commit, once per transaction and channel), and each server tells its open
-- overview screens to read again (modules/overview/live.ts). Statement-level, so a bulk write costs one
-- notification. The desk's bindings are left out on purpose: at the peak they are hundreds a second, and
-- coverage on the overview follows the tubes closed instead.
CREATE FUNCTION figures_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('figures_changed', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON measures FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON follow_ups FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON fever_alerts FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON arrivals FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON screening_targets FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON sampling_tubes FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON sampling_flags FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON daily_reports FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
CREATE TRIGGER figures_changed AFTER INSERT OR UPDATE OR DELETE ON deployments FOR EACH STATEMENT EXECUTE FUNCTION figures_changed_notify();
