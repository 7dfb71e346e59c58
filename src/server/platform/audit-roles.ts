import type { Db } from '../db/engine';

/**
 * Two database roles on PostgreSQL, so the audit trail holds even against the app itself: migrations run as the
 * OWNER of the tables (DATABASE_OWNER_URL); the app connects as another role (DATABASE_URL) that may read and
 * write the tables but may only read and append to `audit_log` (and its months) — it cannot UPDATE, DELETE or TRUNCATE it, and,
 * not owning it, cannot ALTER it or switch its triggers off. The one UPDATE it may make is the lifecycle's redaction
 * of a row's details (migration 0030): granted on those columns only, and let through by the table's trigger only
 * as a redaction the chain records (everything the hash covers unchanged). Both roles are made by the database's
 * administrator; this grants the app's role its rights after every migration (new tables included).
 * With one URL the app owns everything, as before, and says so at start.
 */
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function currentRole(db: Db): Promise<string> {
  const [{ r }] = await db.query<{ r: string }>('SELECT current_user AS r');
  return r;
}

export async function grantAppRole(owner: Db, appRole: string): Promise<void> {
  const [{ s }] = await owner.query<{ s: string }>('SELECT current_schema() AS s');
  const schema = ident(s);
  const role = ident(appRole);
  await owner.exec(`
    GRANT USAGE ON SCHEMA ${schema} TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role};
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${schema}.audit_log FROM ${role};
    GRANT SELECT, INSERT ON ${schema}.audit_log TO ${role};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${schema}.audit_archives FROM ${role};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${schema}.audit_chain_head FROM ${role};
    GRANT UPDATE (before, after, redacted_by) ON ${schema}.audit_log TO ${role};
    DO $grants$
    DECLARE r record;
    BEGIN
      -- The trail's months (migration 0067) were granted above like any table: named directly, they are only read
      -- (rows are appended through the trail, whose statement keeps the chain's head). Its head and its archived
      -- months' record (audit_chain_head, audit_archives) are read-only to the app.
      FOR r IN SELECT i.inhrelid::regclass AS part FROM pg_inherits i WHERE i.inhparent = '${schema}.audit_log'::regclass LOOP
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM %s', r.part, '${role.replace(/'/g, "''")}');
      END LOOP;
    END $grants$;`);
}

/** Whether the connected role owns `audit_log` (then it could rewrite the trail): the single-URL setup. */
export async function ownsAuditLog(db: Db): Promise<boolean> {
  const [row] = await db.query<{ owns: boolean }>(
    `SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS owns FROM pg_class c WHERE c.oid = to_regclass('audit_log')`,
  );
  return row?.owns ?? false;
}
