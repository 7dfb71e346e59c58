-- Any change to the area tree, by any process or a hand-run SQL session, tells every server to drop its
-- cached copy of the tree (see modules/areas/tree-cache.ts). NOTIFY is delivered after commit.
CREATE FUNCTION areas_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('areas_changed', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER areas_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION areas_changed_notify();
