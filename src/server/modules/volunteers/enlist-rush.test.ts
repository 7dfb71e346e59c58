import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enlistWriter } from './enlist-writer';
import { form, nextId, setUp, type World } from './test-fixture';

let w: World;
beforeAll(async () => {
  w = await setUp();
});
afterAll(() => w.t.close());

/** The public form when a branch's link goes round a group chat: many submissions at the same moment. */
describe('enlistment rush (group commit)', () => {
  it('each submission of a burst is its own application with its own audit row; an unknown link fails only itself', async () => {
    const before = { ...enlistWriter(w.t.db).stats };
    const sent = Array.from({ length: 40 }, (_, i) => ({
      i,
      idNumber: nextId(),
      token: i % 10 === 7 ? 'no-such-branch-token' : w.branch.enlistToken,
      ip: `10.1.0.${i + 1}`,
    }));
    const answers = await Promise.all(
      sent.map((s) =>
        w.t.app.inject({
          method: 'POST',
          url: `/api/enlist/${s.token}`,
          payload: form(s.idNumber, { name: `报到${s.i}`, phone: `1390000${String(s.i).padStart(4, '0')}` }),
          remoteAddress: s.ip,
        }),
      ),
    );
    const ids = new Set<number>();
    for (const [k, res] of answers.entries()) {
      if (sent[k].token !== w.branch.enlistToken) {
        expect(res.statusCode, res.body).toBe(404);
        continue;
      }
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('pending');
      ids.add(res.json().id);
    }
    expect(ids.size).toBe(36);

    // Each answer's id is that submission's own application, not a neighbour's.
    const rows = await w.t.db.query<{ id: number; name: string; id_number: string; phone: string; client_ip: string; skills: string[] }>(
      'SELECT id, name, id_number, phone, client_ip, skills FROM enlistments WHERE id = ANY($1::int[])',
      [[...ids]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [k, res] of answers.entries()) {
      if (res.statusCode !== 201) continue;
      const s = sent[k];
      expect(byId.get(res.json().id)).toMatchObject({
        name: `报到${s.i}`,
        id_number: s.idNumber,
        phone: `1390000${String(s.i).padStart(4, '0')}`,
        client_ip: s.ip,
        skills: ['driver', 'dialect'],
      });
    }

    // One audit row per application, carrying its own address, its name and ID number masked.
    const audit = await w.t.db.query<{ entity_id: string; client_ip: string; after: Record<string, unknown> }>(
      "SELECT entity_id, client_ip, after FROM audit_log WHERE entity = 'enlistment' AND action = 'submit' AND entity_id = ANY($1::text[])",
      [[...ids].map(String)],
    );
    expect(audit).toHaveLength(36);
    for (const a of audit) {
      const row = byId.get(Number(a.entity_id))!;
      expect(a.client_ip).toBe(row.client_ip);
      expect(a.after.orgId).toBe(w.branch.id);
      expect(a.after.name).not.toBe(row.name);
      expect(String(a.after.idNumber)).not.toContain(row.id_number.slice(6, 14));
      expect(JSON.stringify(a.after)).not.toContain(row.phone);
    }
    // Written together: fewer batches than submissions.
    const after = enlistWriter(w.t.db).stats;
    expect(after.items - before.items).toBe(40);
    expect(after.batches - before.batches).toBeLessThan(40);
  });
});
