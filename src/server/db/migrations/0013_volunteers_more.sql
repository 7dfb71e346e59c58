-- Party organisations and volunteers, the rest of issue 4.

-- A member–household link (党员联户) carries its household's area_path. Moving an area rewrites every
-- path-carrying table by prefix (areas/repo.ts), links included; but the registry moving one household
-- to another area changes that household's area_id and path only. The link follows here, whatever code
-- moved the household (an edit, an import, a merge). An area move keeps area_id and is not seen here.
CREATE FUNCTION household_links_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE household_links SET area_path = NEW.area_path WHERE household_id = NEW.id AND area_path <> NEW.area_path;
  RETURN NULL;
END;
$$;
CREATE TRIGGER households_links_follow AFTER UPDATE OF area_id ON households
  FOR EACH ROW WHEN (OLD.area_id IS DISTINCT FROM NEW.area_id) EXECUTE FUNCTION household_links_follow();

-- Links made before this migration, of households moved before it.
UPDATE household_links l SET area_path = h.area_path FROM households h WHERE h.id = l.household_id AND l.area_path <> h.area_path;

-- A liaison group's note on how someone performs names the group that wrote it (e.g. 组织部第三联络组).
ALTER TABLE service_records ADD COLUMN liaison_group text CHECK (length(liaison_group) BETWEEN 1 AND 60);
CREATE INDEX service_records_notes_idx ON service_records (volunteer_id, on_date DESC) WHERE note IS NOT NULL;
