import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { testConfig } from '../../config';
import { type Db, openDb } from '../../db/engine';
import { audit } from '../../platform/audit';
import { verifyAuditChain } from '../../platform/audit-chain';
import { redactAuditDetails } from '../../platform/audit-redact';
import { grantAppRole, ownsAuditLog } from '../../platform/audit-roles';
import { dropMonthsBefore, ensureMonths, listMonthPartitions } from '../../platform/month-partitions';
import { freshDb, login, makeUser } from '../../testing/harness';
import { areaRepo } from '../areas';

/**
 * The two-role setup on PostgreSQL (PGlite has no roles): the tables migrated by their owner, the app connected
 * as a role granted its rights by grantAppRole — it works, and cannot change, remove or unprotect audit rows.
 */
const url = process.env.TEST_DATABASE_URL;
const role = `wg_app_${randomBytes(4).toString('hex')}`;
let owner: Db;
let app: Db;
let schema: string;

describe.skipIf(!url)('audit trail against the app’s own role (PostgreSQL)', () => {
  beforeAll(async () => {
    owner = await freshDb();
    [{ s: schema }] = await owner.query<{ s: string }>('SELECT current_schema() AS s');
    const [{ db }] = await owner.query<{ db: string }>('SELECT current_database() AS db');
    await owner.exec(`CREATE ROLE ${role} LOGIN PASSWORD 'app-pass'; GRANT CREATE ON DATABASE "${db}" TO ${role}`);
    await grantAppRole(owner, role);
    const u = new URL(url!);
    u.username = role;
    u.password = 'app-pass';
    u.searchParams.set('options', `-c search_path=${schema}`);
    app = await openDb({ databaseUrl: u.toString(), poolSize: 2 });
  });
  afterAll(async () => {
    await app?.close();
    if (owner) {
      const [{ db }] = await owner.query<{ db: string }>('SELECT current_database() AS db');
      await owner.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE;`);
      await owner.exec(`REVOKE CREATE ON DATABASE "${db}" FROM ${role}; DROP OWNED BY ${role}; DROP ROLE ${role}`);
      await owner.close();
    }
  });

  it('the app works as its role and appends to the trail', async () => {
    expect(await ownsAuditLog(owner)).toBe(true);
    expect(await ownsAuditLog(app)).toBe(false);
    const server = await buildApp({ config: testConfig(), db: app });
    await server.ready();
    try {
      const root = await owner.tx((tx) =>
        areaRepo.insertRootUnscoped(tx, { name: '角色县', kind: 'county', divisionCode: null, pinyin: 'juesexian', pinyinInitials: 'jsx' }),
      );
      await makeUser(owner, 'role_admin', ['admin'], root);
      const admin = await login(server, 'role_admin');
      expect((await admin.post('/api/areas', { parentId: root.id, name: '角色镇', kind: 'town' })).statusCode).toBe(201);
    } finally {
      await server.close();
    }
    await app.tx((tx) => audit(tx, { actorId: null, actorName: 'role-test', requestId: null, clientIp: null }, { entity: 'area', action: 'update' }));
    const rows = await app.query<{ entity: string; action: string }>('SELECT entity, action FROM audit_log ORDER BY seq');
    expect(rows).toEqual(
      expect.arrayContaining([
        { entity: 'session', action: 'login' },
        { entity: 'area', action: 'create' },
        { entity: 'area', action: 'update' },
      ]),
    );
    expect((await verifyAuditChain(app)).ok).toBe(true);
  });

  it('may redact the details of rows as the data lifecycle does (migration 0030), and the chain holds', async () => {
    const who = { actorId: null, actorName: 'role-test', requestId: null, clientIp: null };
    await app.tx((tx) => audit(tx, who, { entity: 'enlistment', action: 'submit', entityId: 987, after: { name: '角色测试', phone: '13800001111' } }));
    expect(await app.tx((tx) => redactAuditDetails(tx, who, { entity: 'enlistment', entityIds: [987], reason: 'enlistments' }))).toBe(1);
    const [row] = await app.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE entity = 'enlistment' AND entity_id = '987'`);
    expect(row.after).toEqual({ name: null, phone: null });
    expect((await verifyAuditChain(app)).ok).toBe(true);
    // The column grant reaches the details only, and the trigger lets through only a recorded redaction.
    await expect(app.query(`UPDATE audit_log SET after = '{}'::jsonb WHERE entity = 'area'`)).rejects.toThrow(/append-only/);
  });

  it('cannot update, delete, truncate, alter or unprotect audit_log', async () => {
    await expect(app.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update')).rejects.toThrow(/must be owner/);
    await expect(app.query('ALTER TABLE audit_log DROP COLUMN hash')).rejects.toThrow(/must be owner/);
    await expect(app.query('DROP TABLE audit_log')).rejects.toThrow(/must be owner/);
    await expect(app.query('DROP TRIGGER audit_log_chain ON audit_log')).rejects.toThrow(/must be owner/);
    await expect(app.query('CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$')).rejects.toThrow(
      /must be owner|permission denied/,
    );
    expect((await verifyAuditChain(app)).ok).toBe(true);
  });

  it("makes and drops a split table's months through the owner's functions (migration 0066), never a month of the trail", async () => {
    const zone = 'Asia/Shanghai';
    const march = new Date('2030-03-15T00:00:00+08:00');
    // The app's role owns no table, yet keeps the months ahead made, and reads one by its name as retention does.
    expect((await ensureMonths(app, { table: 'screening_visits', timeZone: zone, ahead: 0, now: march })).created).toEqual(['screening_visits_y2030m03']);
    expect(await app.query('SELECT count(*)::int AS n FROM screening_visits_y2030m03')).toEqual([{ n: 0 }]);
    const dropped = await app.tx((tx) =>
      dropMonthsBefore(tx, {
        table: 'screening_visits',
        cutoff: new Date('2030-05-01T00:00:00+08:00'),
        keep: async (name) => name !== 'screening_visits_y2030m03',
      }),
    );
    expect(dropped).toEqual([{ partition: 'screening_visits_y2030m03', rows: 0 }]);
    await expect(app.query(`SELECT month_partition_drop('screening_visits', 'residents')`)).rejects.toThrow(/not a month/);

    // The trail's months, old and new: read by name, appended to through the trail, never changed, removed or dropped.
    expect((await ensureMonths(app, { table: 'audit_log', timeZone: zone, ahead: 0, now: march })).created).toEqual(['audit_log_y2030m03']);
    const trailMonths = (await listMonthPartitions(app, 'audit_log')).filter((m) => !m.isDefault).map((m) => m.name);
    expect(trailMonths.length).toBeGreaterThanOrEqual(3);
    for (const month of trailMonths) {
      await expect(app.query(`DELETE FROM ${month}`)).rejects.toThrow(/permission denied/);
      // Appended to only through the trail, whose statement keeps the chain's head.
      await expect(app.query(`INSERT INTO ${month} (action, entity, seq, hash) VALUES ('x', 'y', 1, 'h')`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`UPDATE ${month} SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`SELECT month_partition_drop('audit_log', '${month}')`)).rejects.toThrow(/archived by its owner/);
      await expect(app.query(`ALTER TABLE audit_log DETACH PARTITION ${month}`)).rejects.toThrow(/must be owner/);
    }
    await expect(app.query('DELETE FROM audit_archives')).rejects.toThrow(/permission denied/);
    await expect(app.query('UPDATE audit_chain_head SET seq = 1')).rejects.toThrow(/permission denied/);
    expect((await verifyAuditChain(app)).ok).toBe(true);
  });
});
