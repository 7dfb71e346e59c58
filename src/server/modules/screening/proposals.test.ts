import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdNumber } from '../../testing/factories';
import { type Agent, type TestApp, login } from '../../testing/harness';
import { ok, screeningFixture } from './test-fixture';

/** A visit by someone without the registry's write permission proposes roster changes; a cadre decides them. */
let t: TestApp;
let cadre: Agent;
let member: Agent;
let today: string;
let hh: Record<'h1' | 'h2' | 'h3', number>;
let people: Record<string, number>;

beforeAll(async () => {
  ({ t, cadre, member, today, hh, people } = await screeningFixture());
});
afterAll(() => t.close());

const residentRow = async (id: number) => (await t.db.query<{ status: string }>('SELECT status FROM residents WHERE id = $1', [id]))[0];
const membersOf = async (householdId: number) =>
  (await t.db.query<{ name: string }>('SELECT name FROM residents WHERE household_id = $1 ORDER BY id', [householdId])).map((r) => r.name);

describe('roster proposals', () => {
  it('a volunteer cannot change the registry through a visit: their additions and moves wait, and only a cadre’s confirmation applies them', async () => {
    const campaign = await ok(
      cadre.post('/api/screening/campaigns', {
        name: '敲门',
        areaId: (await t.db.query<{ id: number }>("SELECT id FROM areas WHERE name = '王隆集村'"))[0].id,
        startsOn: today,
        endsOn: today,
      }),
      201,
    );
    // The registry refuses the volunteer directly …
    expect((await member.post(`/api/residents/${people['赵一']}/move`, { kind: 'out', on: today })).statusCode).toBe(403);
    // … and a visit only proposes.
    const idNumber = residentIdNumber('411627', '19900512', '321');
    const visit = await ok(
      member.post('/api/screening/visits', {
        clientId: randomUUID(),
        campaignId: campaign.id,
        householdId: hh.h1,
        outcome: 'visited',
        added: [{ name: '赵新来', relation: 'spouse', idNumber, phone: '13900001111' }],
        movedOut: [{ residentId: people['赵一'], reason: '外出务工' }],
      }),
      201,
    );
    expect(visit.added).toEqual([]);
    expect(visit.movedOut).toEqual([]);
    expect(visit.proposed.map((p: { kind: string; name: string }) => `${p.kind}:${p.name}`)).toEqual(['add:赵新来', 'move_out:赵一']);
    expect(await membersOf(hh.h1)).toEqual(['赵一']);
    expect((await residentRow(people['赵一'])).status).toBe('present');

    // The volunteer may not decide them.
    expect((await member.get('/api/screening/roster-proposals')).statusCode).toBe(403);
    const list = await ok(cadre.get('/api/screening/roster-proposals?status=pending'));
    expect(list.total).toBe(2);
    expect(JSON.stringify(list)).not.toContain(idNumber);
    const add = list.items.find((p: { kind: string }) => p.kind === 'add');
    const out = list.items.find((p: { kind: string }) => p.kind === 'move_out');
    expect(add).toMatchObject({
      name: '赵新来',
      idNumber: `411***********${idNumber.slice(-4)}`,
      phone: '139****1111',
      status: 'pending',
      proposedByName: 'member 显示名',
    });
    expect(out).toMatchObject({ residentId: people['赵一'], name: '赵一', reason: '外出务工', on: today });

    const confirmed = await ok(cadre.post(`/api/screening/roster-proposals/${add.id}/confirm`));
    expect(confirmed).toMatchObject({ status: 'confirmed', decidedByName: 'cadre 显示名', residentId: expect.any(Number) });
    expect(await membersOf(hh.h1)).toEqual(['赵一', '赵新来']);
    const [created] = await t.db.query<{ id_number: string }>('SELECT id_number FROM residents WHERE id = $1', [confirmed.residentId]);
    expect(created.id_number).toBe(idNumber);

    expect((await cadre.post(`/api/screening/roster-proposals/${out.id}/reject`, { reason: '' })).statusCode).toBe(400);
    const rejected = await ok(cadre.post(`/api/screening/roster-proposals/${out.id}/reject`, { reason: '只是短期外出' }));
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '只是短期外出' });
    expect((await residentRow(people['赵一'])).status).toBe('present');
    // Decided once.
    const again = await cadre.post(`/api/screening/roster-proposals/${out.id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PROPOSAL_DECIDED');

    // The numbers a proposal carried are not kept once decided; the decisions are in the trail.
    const [stored] = await t.db.query<{ payload: Record<string, unknown> }>('SELECT payload FROM roster_proposals WHERE id = $1', [add.id]);
    expect(stored.payload.idNumber).toBeUndefined();
    const trail = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'roster_proposal' ORDER BY id");
    expect(trail.map((r) => r.action)).toEqual(['confirm', 'reject']);
  });

  it('a grid worker with the registry permission still changes it directly', async () => {
    const [{ id: campaignId }] = await t.db.query<{ id: number }>("SELECT id FROM screening_campaigns WHERE name = '敲门'");
    const worker = await login(t.app, 'worker');
    const visit = await ok(
      worker.post('/api/screening/visits', {
        clientId: randomUUID(),
        campaignId,
        householdId: hh.h2,
        outcome: 'visited',
        movedOut: [{ residentId: people['钱小二'] }],
      }),
      201,
    );
    expect(visit.proposed).toEqual([]);
    expect(visit.movedOut).toMatchObject([{ residentId: people['钱小二'] }]);
    expect((await residentRow(people['钱小二'])).status).toBe('moved_out');
  });
});
