import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import type { Ctx } from '../../platform/context';
import { login, makeArea, makeUser } from '../../testing/harness';
import { getChain } from './chains';
import { ok, type TracingFixture, tracingFixture } from './test-fixture';

/**
 * Transmission chains (issue 16, point 5): two cases joined through a contact who became a case, a third case
 * apart; the snapshot, its list, one chain drawn whole and narrowed, and the people outside a caller's scope.
 */
let f: TracingFixture;
const cases: Record<string, number> = {};

beforeAll(async () => {
  f = await tracingFixture();
  const open = async (name: string, reportedOn = f.today) =>
    (cases[name] = (
      await ok(f.cadre.post('/api/tracing/cases', { residentId: f.people[name], classification: 'confirmed', reportedOn, foundBy: 'other' }), 201)
    ).id);
  const contacts = (caseName: string, rows: { name: string; level: string; on: string; via?: number }[]) =>
    ok(
      f.cadre.post(`/api/tracing/cases/${cases[caseName]}/contacts`, {
        contacts: rows.map((r) => ({
          residentId: f.people[r.name],
          level: r.level,
          lastExposureOn: r.on,
          exposureKind: 'household',
          certainty: 'high',
          viaContactId: r.via,
        })),
      }),
    );
  // 赵一 (case) met 赵二 and 钱一; 钱一 met 钱二. 钱一 then fell ill: their case met 孙一.
  await open('赵一', addDays(f.today, -6));
  const first = await contacts('赵一', [
    { name: '赵二', level: 'close', on: addDays(f.today, -7) },
    { name: '钱一', level: 'close', on: addDays(f.today, -7) },
  ]);
  const qian = first.items.find((i: { contact: { residentId: number } }) => i.contact.residentId === f.people.钱一).contact.id;
  // The rule set in force (the 20 measures) names no secondary contacts: the one 钱一 met is a close contact, via 钱一.
  await contacts('赵一', [{ name: '钱二', level: 'close', on: addDays(f.today, -5), via: qian }]);
  await open('钱一', addDays(f.today, -3));
  await contacts('钱一', [{ name: '孙一', level: 'close', on: addDays(f.today, -2) }]);
  // A case apart, with no contacts.
  await open('孙四');
});
afterAll(() => f.t.close());

describe('chains', () => {
  it('lists nothing before the first computation, then the chains with their figures, the latest first', async () => {
    // The cases and contacts written above each asked the background job for a computation: let it run first, so it
    // does not land between the removal below and the read (a busy machine picks jobs up seconds late).
    // Settled: a computation there, and no newer one for a second and a half (a second may have been queued).
    const computedAt = async () => (await ok(f.command.get('/api/tracing/chains'))).computedAt as string | null;
    for (let waited = 0, seen = await computedAt(); waited < 60_000; waited += 1500) {
      await new Promise((r) => setTimeout(r, 1500));
      const now = await computedAt();
      if (now !== null && now === seen) break;
      seen = now;
    }
    await f.t.db.query('DELETE FROM tracing_chain_snapshots');
    expect(await ok(f.command.get('/api/tracing/chains'))).toEqual({ computedAt: null, items: [], total: 0 });
    const done = await ok(f.cadre.post('/api/tracing/chains/recompute', {}));
    expect(done.tookMs).toBeGreaterThanOrEqual(0);
    const list = await ok(f.command.get('/api/tracing/chains'));
    expect(list.total).toBe(2);
    expect(list.items).toEqual([
      { chainId: cases.孙四, cases: 1, contacts: 0, firstOn: f.today, lastOn: f.today, active: true, indexName: '孙*' },
      { chainId: cases.赵一, cases: 2, contacts: 3, firstOn: addDays(f.today, -7), lastOn: addDays(f.today, -2), active: true, indexName: '赵*' },
    ]);
    // The chain of a case, found from any of its cases.
    expect((await ok(f.command.get(`/api/tracing/chains?caseId=${cases.钱一}`))).items.map((c: { chainId: number }) => c.chainId)).toEqual([cases.赵一]);
    expect((await ok(f.command.get(`/api/tracing/chains?to=${addDays(f.today, -8)}`))).total).toBe(0);
  });

  it('draws one chain: one node per person, the contact who became a case drawn as a case, generations from the first case', async () => {
    await ok(f.cadre.post('/api/tracing/chains/recompute', {}));
    const chain = await ok(f.cadre.get(`/api/tracing/chains/${cases.赵一}`));
    expect(chain.people).toBe(5);
    expect(chain.nodes).toHaveLength(5);
    const nodeOf = (name: string) => chain.nodes.find((n: { id: string }) => n.id === `p${f.people[name]}`);
    expect(nodeOf('赵一')).toMatchObject({ kind: 'case', generation: 0, caseId: cases.赵一, openCaseId: cases.赵一 });
    expect(nodeOf('钱一')).toMatchObject({ kind: 'case', generation: 1, caseId: cases.钱一 });
    expect(nodeOf('钱二')).toMatchObject({ kind: 'contact', level: 'close', generation: 2, openCaseId: cases.赵一 });
    expect(nodeOf('孙一')).toMatchObject({ kind: 'contact', level: 'close', generation: 2, placement: 'to_find' });
    expect(chain.edges).toHaveLength(4);
    expect(chain.edges).toContainEqual({
      from: `p${f.people.钱一}`,
      to: `p${f.people.钱二}`,
      level: 'close',
      exposedOn: addDays(f.today, -5),
      exposureKind: 'household',
    });
    // Names are masked, numbers never sent.
    expect(JSON.stringify(chain)).not.toContain('赵一');
  });

  it('narrows a chain by dates before drawing it, keeping the person each kept link starts from', async () => {
    const recent = await ok(f.cadre.get(`/api/tracing/chains/${cases.赵一}?from=${addDays(f.today, -3)}`));
    expect(recent.nodes.map((n: { id: string }) => n.id).sort()).toEqual([`p${f.people.钱一}`, `p${f.people.孙一}`].sort());
    expect(recent.edges).toHaveLength(1);
  });

  it('shows people outside the caller’s scope unnamed, and a chain with nobody in it not at all', async () => {
    const otherVillage = await makeArea(f.t.db, f.town, '邻村', 'village');
    await makeUser(f.t.db, 'grid_cadre', ['cadre'], f.grid2);
    await makeUser(f.t.db, 'neighbour', ['cadre'], otherVillage);
    const gridCadre = await login(f.t.app, 'grid_cadre');
    // Grid 2 holds 孙一 (a contact) and 孙四 (a case): the big chain is listed for 孙一's sake, its other people unnamed.
    const chain = await ok(gridCadre.get(`/api/tracing/chains/${cases.赵一}`));
    const named = chain.nodes.filter((n: { inScope: boolean }) => n.inScope);
    expect(named.map((n: { id: string }) => n.id)).toEqual([`p${f.people.孙一}`]);
    expect(
      chain.nodes.filter((n: { inScope: boolean }) => !n.inScope).every((n: { name: null; openCaseId: null }) => n.name === null && n.openCaseId === null),
    ).toBe(true);
    const neighbour = await login(f.t.app, 'neighbour');
    expect((await neighbour.get(`/api/tracing/chains/${cases.赵一}`)).statusCode).toBe(404);
    expect((await ok(neighbour.get('/api/tracing/chains'))).total).toBe(0);
  });

  it('refuses to draw a chain larger than one drawing carries, asking for a narrower window', async () => {
    const ctx = { db: f.t.db, actor: { scope: { areaId: f.t.root.id, path: f.t.root.path } }, today: f.today, lang: 'zh' } as Ctx;
    await expect(getChain(ctx, cases.赵一, {}, 4)).rejects.toMatchObject({ code: 'TRACING_CHAIN_TOO_LARGE', params: { count: 5, max: 4 } });
    // Narrowed to the last three days it fits.
    expect((await getChain(ctx, cases.赵一, { from: addDays(f.today, -3) }, 4)).nodes).toHaveLength(2);
  });
});

describe('the tracing panel of the overview', () => {
  it('measures contacts per case, placing within 24 hours, new cases already known as contacts, and active chains', async () => {
    await ok(f.cadre.post('/api/tracing/chains/recompute', {}));
    // One contact placed now (within 24 h of being named); another named 30 hours ago and still to find.
    const [first] = await f.t.db.query<{ id: number }>('SELECT id FROM tracing_contacts WHERE resident_id = $1', [f.people.赵二]);
    await ok(f.cadre.post(`/api/tracing/contacts/${first.id}/placement`, { state: 'placed' }));
    await f.t.db.query(`UPDATE tracing_contacts SET created_at = now() - interval '30 hours' WHERE resident_id = $1`, [f.people.孙一]);
    const o = await ok(f.command.get(`/api/overview?areaId=${f.town.id}`));
    // Cases 赵一, 钱一, 孙四; contacts 赵二, 钱一, 钱二 (of 赵一) and 孙一 (of 钱一); 钱一 was a contact before their case.
    expect(o.tracing).toEqual({
      cases: 3,
      newCases: 3,
      contactsPerCase: 1.3,
      placedWithin24hPct: 25,
      knownBeforePct: 33.3,
      toFind: 3,
      toFindLate: 1,
      activeChains: 2,
    });
  });
});
