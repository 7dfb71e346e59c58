import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../testing/harness';
import { audit, auditMany } from './audit';
import { verifyAuditChain } from './audit-chain';

/** The audit trail's hash chain (migration 0017) and its verifier, on PGlite and (TEST_DATABASE_URL) PostgreSQL. */
let t: TestApp;
const who = { actorId: null, actorName: 'chain-test', requestId: 'req-chain', clientIp: '127.0.0.1' };

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** Tampering as the table's owner can: the append-only trigger switched off for one statement. */
async function asOwner(sql: string, params: unknown[] = []) {
  await t.db.tx(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  });
}

describe('audit hash chain', () => {
  it('chains every row, single and set-based, and holds under concurrent writers', async () => {
    await t.db.tx((tx) => audit(tx, who, { entity: 'area', action: 'create', entityId: 1, after: { name: '链镇', note: '第一行' } }));
    await t.db.tx((tx) =>
      auditMany(tx, who, [
        { entity: 'resident', action: 'import', entityId: 2, before: { phone: '13800138000' }, after: { phone: '13912345678' } },
        { entity: 'resident', action: 'import', entityId: 3, after: { emergencyPhone: '13700001111', birthDate: '1990-03-07' } },
      ]),
    );
    // Twenty transactions appending at once (truly concurrent on PostgreSQL): none may fork the chain.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.tx(async (tx) => {
          await audit(tx, who, { entity: 'task', action: 'create', entityId: i, after: { i } });
          await audit(tx, who, { entity: 'task', action: 'start', entityId: i });
        }),
      ),
    );
    // A row rolled back to a savepoint takes its place in the chain back with it.
    await t.db.tx(async (tx) => {
      await audit(tx, who, { entity: 'task', action: 'create', entityId: 100 });
      await tx.query('SAVEPOINT undone');
      await audit(tx, who, { entity: 'task', action: 'fail', entityId: 100 });
      await tx.query('ROLLBACK TO SAVEPOINT undone');
      await audit(tx, who, { entity: 'task', action: 'complete', entityId: 100 });
    });
    const rows = await t.db.query<{ seq: number }>('SELECT seq FROM audit_log ORDER BY seq');
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const r = await verifyAuditChain(t.db, 7); // small pages: the walk crosses page ends
    expect(r).toMatchObject({ ok: true, rows: rows.length, lastSeq: rows.length });
  });

  it('masks personal fields of the rows it chains', async () => {
    const [row] = await t.db.query<{ before: any; after: any }>("SELECT before, after FROM audit_log WHERE entity = 'resident' AND entity_id = '3'");
    expect(row.after).toEqual({ emergencyPhone: '137****1111', birthDate: '1990-**-**' });
  });

  it('names an edited row, and holds again once it is put back', async () => {
    const [victim] = await t.db.query<{ id: number; after: unknown }>(
      "SELECT id, after FROM audit_log WHERE entity = 'task' AND action = 'create' ORDER BY seq LIMIT 1 OFFSET 5",
    );
    await asOwner(`UPDATE audit_log SET after = '{"i": 999}'::jsonb WHERE id = $1`, [victim.id]);
    const broken = await verifyAuditChain(t.db);
    expect(broken).toMatchObject({ ok: false, problem: 'changed', id: Number(victim.id) });
    expect(broken.ok || broken.message).toContain(`id ${victim.id}`);
    await asOwner('UPDATE audit_log SET after = $2::jsonb WHERE id = $1', [victim.id, JSON.stringify(victim.after)]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('names a deleted row by its place in the chain and its neighbours', async () => {
    const [gone] = await t.db.query<{ id: number; seq: number }>('SELECT id, seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 10');
    const [before] = await t.db.query<{ id: number }>('SELECT id FROM audit_log WHERE seq = $1', [Number(gone.seq) - 1]);
    await asOwner('DELETE FROM audit_log WHERE id = $1', [gone.id]);
    const broken = await verifyAuditChain(t.db);
    expect(broken).toMatchObject({ ok: false, problem: 'missing', seq: Number(gone.seq), afterId: Number(before.id) });
  });
});
