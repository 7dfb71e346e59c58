import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, login, makeUser } from '../../testing/harness';
import { type TracingFixture, ok, tracingFixture } from './test-fixture';

/**
 * The contacts board (issue 16 point 8) and assist requests (协查, point 3): contacts across cases by state, bulk
 * actions all or none (the assist sheets: assist.test.ts).
 */
let f: TracingFixture;
let gridCadre: Agent;
let ids: Record<string, number>;
let worker1Id: number;
let caseId: number;

beforeAll(async () => {
  f = await tracingFixture();
  // A cadre of the other grid: the case (of grid 1) is out of their scope.
  await makeUser(f.t.db, 'cadre_g2', ['cadre'], f.grid2);
  gridCadre = await login(f.t.app, 'cadre_g2');
  [{ id: worker1Id }] = await f.t.db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'worker1'`);
  const p = f.people;
  caseId = (await ok(f.cadre.post('/api/tracing/cases', { residentId: p.赵一, classification: 'confirmed', reportedOn: f.today, foundBy: 'other' }), 201)).id;
  const added = await ok(
    f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
      contacts: ['赵二', '钱一', '钱二', '孙一', '孙二'].map((n) => ({
        residentId: p[n],
        level: 'close',
        lastExposureOn: f.today,
        exposureKind: 'meal',
        certainty: 'high',
      })),
    }),
  );
  ids = Object.fromEntries(added.items.map((x: any) => [Object.keys(p).find((n) => p[n] === x.contact.residentId), x.contact.id]));
  await ok(f.cadre.post(`/api/tracing/contacts/${ids.赵二}/placement`, { state: 'placed' }));
});
afterAll(() => f.t.close());

describe('the contacts board', () => {
  it('lists contacts across cases by state with counts, names masked', async () => {
    const all = await ok(f.cadre.get('/api/tracing/contacts'));
    expect(all.counts).toEqual({ to_find: 4, placed: 0, under_measure: 1, elsewhere: 0 });
    expect(all.total).toBe(5);
    const toFind = await ok(f.cadre.get('/api/tracing/contacts?state=to_find'));
    expect(toFind.items).toHaveLength(4);
    expect(toFind.items.every((x: any) => x.name.includes('*') && x.caseName === '赵*')).toBe(true);
    expect((await f.cadre.get('/api/tracing/contacts?state=lost')).statusCode).toBe(400);
  });

  it('assigns the open tasks to a worker of their area; a contact outside the worker’s area is skipped and said why', async () => {
    const res = await ok(f.cadre.post('/api/tracing/contacts/bulk', { action: 'assign', contactIds: [ids.钱一, ids.孙一, ids.赵二], userId: worker1Id }));
    expect(res.updated).toBe(1);
    expect(res.skipped).toEqual(
      expect.arrayContaining([
        { contactId: ids.孙一, reason: 'outside_worker_area' },
        { contactId: ids.赵二, reason: 'no_open_task' },
      ]),
    );
    const [task] = await f.t.db.query(`SELECT t.assignee_user_id FROM tasks t JOIN tracing_contacts k ON k.task_id = t.id WHERE k.id = $1`, [ids.钱一]);
    expect(task).toEqual({ assignee_user_id: worker1Id });
  });

  it('marks contacts not found (their tasks stay open) and never touches a measure', async () => {
    const before = await f.t.db.query(`SELECT id, kind, state FROM measures ORDER BY id`);
    const res = await ok(f.cadre.post('/api/tracing/contacts/bulk', { action: 'not_found', contactIds: [ids.钱二, ids.赵二], note: '电话未接' }));
    expect(res).toEqual({ updated: 1, skipped: [{ contactId: ids.赵二, reason: 'already_placed' }] });
    const row = (await ok(f.cadre.get(`/api/tracing/cases/${caseId}`))).contacts.find((k: any) => k.id === ids.钱二);
    expect(row).toMatchObject({ placement: 'not_found', taskStatus: 'open' });
    expect(await f.t.db.query(`SELECT id, kind, state FROM measures ORDER BY id`)).toEqual(before);
  });

  it('places contacts found: their tasks done, their confirmed measures started with follow-ups, a proposal left for its confirmation', async () => {
    const measureOf = async (contactId: number) =>
      (await f.t.db.query<{ measure_id: number }>('SELECT measure_id FROM tracing_contacts WHERE id = $1', [contactId]))[0].measure_id;
    const confirmed = await measureOf(ids.钱一);
    await ok(f.cadre.post(`/api/measures/${confirmed}/confirm`, {}));
    const res = await ok(f.cadre.post('/api/tracing/contacts/bulk', { action: 'placed', contactIds: [ids.钱一, ids.孙一, ids.赵二] }));
    expect(res).toEqual({ updated: 2, skipped: [{ contactId: ids.赵二, reason: 'already_placed' }], measuresStarted: 1 });
    expect(await ok(f.cadre.get(`/api/measures/${confirmed}`))).toMatchObject({ state: 'active' });
    const [{ n }] = await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM follow_ups WHERE measure_id = $1 AND status = 'scheduled'`, [confirmed]);
    expect(n).toBeGreaterThan(0);
    expect(await ok(f.cadre.get(`/api/measures/${await measureOf(ids.孙一)}`))).toMatchObject({ state: 'proposed' });
    const tasks = await f.t.db.query<{ status: string }>(
      `SELECT t.status FROM tasks t JOIN tracing_contacts k ON k.task_id = t.id WHERE k.id = ANY($1::int[])`,
      [[ids.钱一, ids.孙一]],
    );
    expect(tasks.map((x) => x.status)).toEqual(['done', 'done']);
    // Placed again: nothing twice (no second start, no second follow-up).
    expect(await ok(f.cadre.post('/api/tracing/contacts/bulk', { action: 'placed', contactIds: [ids.钱一] }))).toMatchObject({
      updated: 0,
      measuresStarted: 0,
    });
  });

  it('is all or none across areas: a contact of a case out of scope refuses the request, nothing changes', async () => {
    const res = await gridCadre.post('/api/tracing/contacts/bulk', { action: 'not_found', contactIds: [ids.孙二] });
    expect(res.statusCode).toBe(404);
    expect((await ok(gridCadre.get('/api/tracing/contacts'))).total).toBe(0);
    expect((await f.worker1.get('/api/tracing/contacts')).statusCode).toBe(403);
  });
});
