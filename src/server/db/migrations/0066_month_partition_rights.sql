-- Making and dropping a month of a split table, by the app's own role (issue 19, item 6). Only a table's owner may
-- add or remove its partitions. With two roles (DATABASE_OWNER_URL; platform/audit-roles.ts) the app is not the
-- owner: its daily job could not make the coming months (every write then landed in the default partition), and
-- retention could not drop a month. These two functions run as their owner (the migrations' role) and do exactly
-- those two things, for the split tables only; dropping a month of the audit trail is refused, so the app still
-- cannot remove audit rows (archiving the trail's months is the owner's tool, `npm run audit:archive`).
-- `SET search_path FROM CURRENT`: the functions resolve names in the schema they were made in, whoever calls them.

-- A new partition is reachable through its parent with the parent's rights; the retention reads one by its name
-- (is a row of the month held?), so it is given the parent's table rights too, grantee by grantee. A month of the
-- audit trail is only read by its name: its rows are appended through the trail, whose statement keeps the chain's
-- head (0067).
CREATE FUNCTION month_partition_grants(parent regclass, part regclass) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE g record;
BEGIN
  FOR g IN SELECT a.grantee, a.privilege_type FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
            WHERE c.oid = parent AND a.grantee <> c.relowner
              AND (c.relname <> 'audit_log' OR a.privilege_type = 'SELECT') LOOP
    EXECUTE format('GRANT %s ON %s TO %s', g.privilege_type, part,
                   CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END);
  END LOOP;
END $$;

-- The month [y-m-01, next month's first) in the zone, named <parent>_yYYYYmMM, or with `m` null the DEFAULT
-- partition <parent>_default; nothing when it exists. PostgreSQL's own refusals (rows of the month already in the
-- default: 23514; a range overlapping a month made in another zone: 42P17) reach the caller, which skips the month.
CREATE FUNCTION month_partition_make(parent text, y integer, m integer, zone text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  rel regclass := to_regclass(parent);
  name text := CASE WHEN m IS NULL THEN parent || '_default' ELSE format('%s_y%s', parent, to_char(make_date(y, m, 1), 'YYYY"m"MM')) END;
  -- The next month by the calendar, not by adding a month to a time (that would count in the session's zone).
  next date := CASE WHEN m IS NULL THEN NULL ELSE make_date(y, m, 1) + interval '1 month' END;
BEGIN
  IF rel IS NULL OR NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = rel) THEN
    RAISE EXCEPTION 'not a split table: %', parent;
  END IF;
  IF to_regclass(name) IS NOT NULL THEN RETURN false; END IF;
  IF m IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF %s DEFAULT', name, rel);
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', name, rel,
                   make_timestamptz(y, m, 1, 0, 0, 0, zone),
                   make_timestamptz(extract(year FROM next)::int, extract(month FROM next)::int, 1, 0, 0, 0, zone));
  END IF;
  PERFORM month_partition_grants(rel, to_regclass(name));
  RETURN true;
END $$;

-- Detaches and drops one month of a split table (the retention's transaction has decided it may go). Refused for
-- the audit trail, for the default partition and for anything that is not a month of the table.
CREATE FUNCTION month_partition_drop(parent text, part text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE rel regclass := to_regclass(parent); p regclass := to_regclass(part);
BEGIN
  IF parent = 'audit_log' THEN
    RAISE EXCEPTION 'the audit trail''s months are archived by its owner, not dropped by the app';
  END IF;
  IF rel IS NULL OR p IS NULL OR part !~ ('^' || parent || '_y[0-9]{4}m[0-9]{2}$')
     OR NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = p AND inhparent = rel) THEN
    RAISE EXCEPTION 'not a month of %: %', parent, part;
  END IF;
  EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', rel, p);
  EXECUTE format('DROP TABLE %s', p);
END $$;
