import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { audit } from '../../platform/audit';
import { verifyAuditChain } from '../../platform/audit-chain';
import { residentIdNumber } from '../../testing/factories';
import { type TestApp, login, makeArea, testApp, makeUser } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { runRetention } from './runs';

/**
 * Audit details purged with their subject (issue 14; migration 0030): a retention run that anonymises a person's
 * arrival and deletes their refused enlistment also redacts the audit rows about them — the masked name, ID number
 * and phone, the health details — while the hash chain still verifies; a tampered row still fails.
 */
const D = '2025-03-10';
const CLOCK = new Date(`${addDays(D, 100)}T12:00:00+08:00`);
const ID = residentIdNumber('411627', '19800102', '123');
const PHONE = '13812345678';
const who = { actorId: null, actorName: 'redaction-test', requestId: 'req-redact', clientIp: null };

let t: TestApp;
let village: AreaRow;
const ids: Record<string, number> = {};
const masked: string[] = [];

const one = async (sql: string, params: unknown[] = []) => (await t.db.query<{ id: number }>(`${sql} RETURNING id`, params))[0].id;
const detailsOf = async (entity: string, id: number) =>
  (
    await t.db.query<{ before: unknown; after: unknown; redacted_by: string | null }>(
      `SELECT before, after, redacted_by FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq`,
      [entity, String(id)],
    )
  )[0];

/** Tampering as the table's owner can: the append-only trigger switched off for one statement. */
async function asOwner(sql: string, params: unknown[] = []) {
  await t.db.tx(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  });
}

beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '红岭镇', 'town');
  village = await makeArea(t.db, town, '东岭村', 'village');
  await makeUser(t.db, 'rd_admin', ['admin'], t.root);
  const admin = await login(t.app, 'rd_admin');
  const hh = (await admin.post('/api/households', { areaId: village.id, address: '东岭村 3 号' })).json().id;
  const person = await admin.post('/api/residents', {
    householdId: hh,
    name: '欧阳明月',
    idType: 'resident_id',
    idNumber: ID,
    phone: PHONE,
    movedInOn: '2024-01-01',
  });
  expect(person.statusCode, person.body).toBe(201);
  ids.resident = person.json().id;
  // An arrival on D (expired at the clock) and one on D+99 (not yet), each with the audit row its service writes.
  const arrival = (day: string) =>
    one(
      `INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, origin_risk_level, arrived_on, transport_no) VALUES ($1, $2, $3, '某市', 'high', $4, 'G123')`,
      [ids.resident, village.id, village.path, day],
    );
  ids.arrOld = await arrival(D);
  ids.arrNew = await arrival(addDays(D, 99));
  for (const id of [ids.arrOld, ids.arrNew]) {
    await t.db.tx((tx) =>
      audit(tx, who, {
        entity: 'arrival',
        action: 'create',
        entityId: id,
        areaPath: village.path,
        after: {
          residentId: ids.resident,
          residentName: '欧阳明月',
          idNumber: ID,
          phone: PHONE,
          originName: '某市',
          symptoms: ['cough'],
          contactType: 'close',
        },
      }),
    );
  }
  // A refused enlistment of the same person, decided long ago (deleted at the clock), and its audit row.
  const org = await one(`INSERT INTO party_orgs (kind, name, area_id, area_path, enlist_token) VALUES ('branch', '东岭支部', $1, $2, 'tok-rd')`, [
    village.id,
    village.path,
  ]);
  ids.enlistment = await one(
    `INSERT INTO enlistments (org_id, area_path, status, name, id_type, id_number, phone, category, submitted_at, decided_at)
     VALUES ($1, $2, 'refused', '欧阳明月', 'resident_id', $3, $4, 'party_cadre', $5, $5)`,
    [org, village.path, ID, PHONE, `${addDays(D, -10)}T09:00:00+08:00`],
  );
  await t.db.tx((tx) =>
    audit(tx, who, {
      entity: 'enlistment',
      action: 'submit',
      entityId: ids.enlistment,
      areaPath: village.path,
      after: { name: '欧阳明月', idNumber: ID, phone: PHONE },
    }),
  );
  // What the trail kept of the person before the run: the masked forms (never the whole numbers).
  const kept = (await detailsOf('enlistment', ids.enlistment)).after as Record<string, string>;
  masked.push(kept.name, kept.idNumber, kept.phone);
  expect(masked.every((m) => typeof m === 'string' && m.length > 1)).toBe(true);
  expect(JSON.stringify((await detailsOf('arrival', ids.arrOld)).after)).toContain(kept.idNumber);
});
afterAll(() => t.close());

describe('audit details purged with their subject', () => {
  it('a run redacts the audit rows of what it anonymised or deleted, and the chain still verifies', async () => {
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: false }));

    for (const [entity, id] of [
      ['arrival', ids.arrOld],
      ['enlistment', ids.enlistment],
    ] as const) {
      const row = await detailsOf(entity, id);
      const text = JSON.stringify(row);
      for (const m of [...masked, '某市', 'cough', 'close']) expect(text, `${entity} still holds ${m}`).not.toContain(m);
      expect(row.redacted_by).not.toBeNull();
    }
    // The arrival's row keeps its shape (which keys were written), not their values; the link to the person goes.
    expect((await detailsOf('arrival', ids.arrOld)).after).toMatchObject({ residentId: null, residentName: null, idNumber: null, symptoms: [null] });
    // The arrival not yet past its period keeps its row as it was.
    const young = await detailsOf('arrival', ids.arrNew);
    expect(young.redacted_by).toBeNull();
    expect(JSON.stringify(young.after)).toContain(masked[1]);
    // The redaction is on the record, chained, and names the rows it redacted.
    const redactions = await t.db.query<{ after: { entity: string; ids: number[] } }>(
      `SELECT after FROM audit_log WHERE entity = 'audit_log' AND action = 'redact'`,
    );
    expect(redactions.map((r) => r.after.entity).sort()).toEqual(['arrival', 'enlistment']);
    const [run] = await t.db.query<{ after: { auditRowsRedacted: number } }>(
      `SELECT after FROM audit_log WHERE entity = 'retention_run' ORDER BY seq DESC LIMIT 1`,
    );
    expect(run.after.auditRowsRedacted).toBe(2);
    expect(await verifyAuditChain(t.db, 3)).toMatchObject({ ok: true });
    // A second run finds nothing more to redact.
    await t.db.tx((tx) => runRetention(tx, { now: CLOCK, kind: 'scheduled', dryRun: false }));
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE entity = 'audit_log' AND action = 'redact'`)).length).toBe(2);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('a tampered row still fails: changed details, or a row marked redacted without a redaction on record', async () => {
    const [victim] = await t.db.query<{ id: string; after: unknown }>(`SELECT id, after FROM audit_log WHERE entity = 'arrival' AND entity_id = $1`, [
      String(ids.arrNew),
    ]);
    await asOwner(`UPDATE audit_log SET after = '{"originName": "别处"}'::jsonb WHERE id = $1`, [victim.id]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, problem: 'changed', id: Number(victim.id) });
    await asOwner(`UPDATE audit_log SET after = $2::jsonb WHERE id = $1`, [victim.id, JSON.stringify(victim.after)]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    // Marked as redacted, pointing at a row that does not list it (the last retention run's row).
    const [{ seq }] = await t.db.query<{ seq: string }>(`SELECT max(seq)::text AS seq FROM audit_log`);
    await asOwner(`UPDATE audit_log SET after = '{}'::jsonb, redacted_by = $2 WHERE id = $1`, [victim.id, seq]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, problem: 'changed', id: Number(victim.id) });
    await asOwner(`UPDATE audit_log SET after = $2::jsonb, redacted_by = NULL WHERE id = $1`, [victim.id, JSON.stringify(victim.after)]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('the table lets through a redaction only when asked for, and only of the details', async () => {
    const [row] = await t.db.query<{ id: string; seq: string }>(`SELECT id, seq FROM audit_log WHERE entity = 'arrival' AND entity_id = $1`, [
      String(ids.arrNew),
    ]);
    const [{ last }] = await t.db.query<{ last: string }>(`SELECT max(seq)::text AS last FROM audit_log`);
    await expect(t.db.query(`UPDATE audit_log SET after = '{}'::jsonb, redacted_by = $2 WHERE id = $1`, [row.id, last])).rejects.toThrow(/append-only/);
    await expect(
      t.db.tx(async (tx) => {
        await tx.query(`SELECT set_config('wangge.audit_redaction', 'on', true)`);
        await tx.query(`UPDATE audit_log SET action = 'x', redacted_by = $2 WHERE id = $1`, [row.id, last]);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
