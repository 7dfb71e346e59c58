import { randomUUID } from 'node:crypto';
import { addDays } from '../../../domain/policy/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { ok, screeningFixture, upload } from './test-fixture';

let t: TestApp;
let admin: Agent;
let cadre: Agent;
let worker: Agent;
let member: Agent;
let today: string;
let grid1: AreaRow;
let hh: Record<'h1' | 'h2' | 'h3', number>;
let people: Record<string, number>;

beforeAll(async () => {
  ({ t, admin, cadre, worker, member, today, grid1, hh, people } = await screeningFixture());
});
afterAll(() => t.close());

describe('a screening campaign', () => {
  let campaign: any;

  it('creates one visit task per household: to the linked member, else the grid worker, else the grid-worker role', async () => {
    campaign = await ok(
      cadre.post('/api/screening/campaigns', {
        name: '第一轮敲门行动',
        areaId: (await t.db.query("SELECT id FROM areas WHERE name = '王隆集村'"))[0].id,
        startsOn: today,
        endsOn: today,
        lookbackDays: 14,
      }),
      201,
    );
    expect(campaign).toMatchObject({ households: 3, visited: 0, status: 'open' });
    const visitTasks = async (a: Agent) => (await ok(a.get('/api/tasks/mine?all=true'))).items.filter((x: any) => x.type === 'visit');
    expect((await visitTasks(member)).map((x: any) => x.title)).toEqual(['入户走访：王隆集村 1 组 1 号']);
    expect((await visitTasks(worker)).map((x: any) => x.title)).toEqual(['入户走访：王隆集村 1 组 2 号']);
    const h3 = await t.db.query<{ assignee_role: string | null; assignee_user_id: number | null }>(
      "SELECT t.assignee_role, t.assignee_user_id FROM tasks t JOIN screening_targets st ON t.subject_kind = 'screening_target' AND t.subject_id = st.id WHERE st.household_id = $1",
      [hh.h3],
    );
    expect(h3).toEqual([{ assignee_role: 'grid_worker', assignee_user_id: null }]);
    // The phone opens the household from its task.
    const [task] = await visitTasks(worker);
    const target = await ok(worker.get(`/api/screening/targets/${task.subject.id}`));
    expect(target).toMatchObject({ householdId: hh.h2, gridName: '一网格', campaign: { name: '第一轮敲门行动' } });
    expect(target.members.map((m: any) => m.name)).toEqual(['钱二', '钱小二']);
    expect((await worker.get(`/api/screening/targets/${(await visitTasks(member))[0].subject.id}`)).statusCode).toBe(200);
    const bad = await cadre.post('/api/screening/campaigns', { name: 'x', areaId: grid1.id, startsOn: today, endsOn: addDays(today, -1) });
    expect(bad.statusCode).toBe(400);
  });

  it('a visit is idempotent under concurrent retries: one visit, one arrival, one new person, one move — the same answer every time', async () => {
    await ok(upload(admin, 'now.csv', Buffer.from(`区划代码,风险等级,开始日期\n440305,中风险,${addDays(today, -5)}\n`)), 201);
    const body = {
      clientId: randomUUID(),
      campaignId: campaign.id,
      householdId: hh.h2,
      outcome: 'visited',
      rosterConfirmed: true,
      added: [{ name: '钱新来', relation: 'spouse', sex: 'F' }],
      movedOut: [{ residentId: people['钱小二'], reason: '外出务工' }],
      arrivals: [{ addedIndex: 0, originCode: '440305', arrivedOn: addDays(today, -2), transport: 'plane', transportNo: 'CZ3101', reason: '探亲' }],
      codeColour: 'green',
      symptoms: [],
      temperature: 36.5,
      testProof: '48 小时核酸阴性',
      needs: ['medicine'],
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => worker.post('/api/screening/visits', body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const v = answers[0].json();
    expect(v).toMatchObject({ outcome: 'visited', temperature: 36.5, needs: ['medicine'], rosterConfirmed: true, visitedByName: 'worker 显示名' });
    expect(v.arrivals).toEqual([expect.objectContaining({ originName: '广东省深圳市南山区', originRiskLevel: 'medium' })]);
    // A retry later still answers the first result.
    const late = await worker.post('/api/screening/visits', body);
    expect(late.statusCode).toBe(200);
    expect(late.body).toBe(answers[0].body);
    const count = async (sql: string, params: unknown[]) => (await t.db.query<{ n: number }>(sql, params))[0].n;
    expect(await count('SELECT count(*)::int AS n FROM screening_visits WHERE client_id = $1', [body.clientId])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM arrivals WHERE visit_id = $1', [v.id])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM residents WHERE name = '钱新来'", [])).toBe(1);
    expect(await count('SELECT attempts AS n FROM screening_targets WHERE campaign_id = $1 AND household_id = $2', [campaign.id, hh.h2])).toBe(1);
    // The same phone id for another household is refused, not silently answered.
    const reused = await worker.post('/api/screening/visits', { ...body, householdId: hh.h1 });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('VISIT_ID_REUSED');
    // The visit closed its task.
    expect((await ok(worker.get('/api/tasks/mine?all=true'))).items.filter((x: any) => x.type === 'visit')).toEqual([]);
  });

  it('the roster change flows into the registry as dated moves', async () => {
    const moved = await ok(cadre.get(`/api/residents/${people['钱小二']}`));
    expect(moved.status).toBe('moved_out');
    const [added] = await t.db.query<{ id: number; household_id: number; from_date: string; to_date: string | null }>(
      "SELECT r.id, r.household_id, to_char(s.from_date, 'YYYY-MM-DD') AS from_date, s.to_date FROM residents r JOIN resident_stays s ON s.resident_id = r.id WHERE r.name = '钱新来'",
    );
    expect(added).toMatchObject({ household_id: hh.h2, from_date: today, to_date: null });
    const [stay] = await t.db.query<{ to_date: string }>("SELECT to_char(to_date, 'YYYY-MM-DD') AS to_date FROM resident_stays WHERE resident_id = $1", [
      people['钱小二'],
    ]);
    expect(stay.to_date).toBe(today);
    const trail = await t.db.query<{ action: string; entity: string }>(
      "SELECT action, entity FROM audit_log WHERE entity IN ('resident', 'arrival', 'screening_visit') AND actor_id = $1 ORDER BY id",
      [worker.userId],
    );
    expect(trail.map((r) => `${r.entity}:${r.action}`)).toEqual(
      expect.arrayContaining(['screening_visit:visit', 'resident:create', 'resident:move', 'arrival:create']),
    );
    const arrivals = (await ok(cadre.get(`/api/arrivals?residentId=${added.id}`))).items;
    expect(arrivals).toEqual([expect.objectContaining({ originRiskLevel: 'medium', transportNo: 'CZ3101', visitId: expect.any(Number) })]);
    const roster = await ok(cadre.get(`/api/households/${hh.h2}`));
    expect(JSON.stringify(roster)).toContain('钱新来');
  });

  it('nobody home schedules a revisit; the revisit closes it; progress per grid and the 不漏一户 list with who answers', async () => {
    const first = await ok(
      cadre.post('/api/screening/visits', { clientId: randomUUID(), campaignId: campaign.id, householdId: hh.h3, outcome: 'nobody_home' }),
      201,
    );
    expect(first.revisitOn).toBe(addDays(today, 1));
    const [revisit] = await t.db.query<{ type: string; status: string; assignee_role: string; due: string }>(
      "SELECT type, status, assignee_role, to_char(due_at AT TIME ZONE $2, 'YYYY-MM-DD') AS due FROM tasks WHERE id = $1",
      [first.revisitTaskId, t.app.timeZone],
    );
    expect(revisit).toEqual({ type: 'revisit', status: 'open', assignee_role: 'grid_worker', due: addDays(today, 1) });
    let unvisited = (await ok(cadre.get(`/api/screening/campaigns/${campaign.id}/unvisited`))).items;
    expect(unvisited.map((u: any) => [u.address, u.lastOutcome, u.attempts, u.responsible.userName ?? u.responsible.role])).toEqual([
      ['王隆集村 1 组 1 号', null, 0, 'member 显示名'],
      ['王隆集村 2 组 9 号', 'nobody_home', 1, 'grid_worker'],
    ]);
    expect(
      (
        await cadre.post('/api/screening/visits', {
          clientId: randomUUID(),
          campaignId: campaign.id,
          householdId: hh.h3,
          outcome: 'nobody_home',
          arrivals: [{ residentId: people['孙三'], originCode: '440305', arrivedOn: today }],
        })
      ).statusCode,
    ).toBe(400);
    const second = await ok(
      cadre.post('/api/screening/visits', {
        clientId: randomUUID(),
        campaignId: campaign.id,
        householdId: hh.h3,
        outcome: 'visited',
        rosterConfirmed: true,
        temperature: 37.6,
        symptoms: ['cough'],
      }),
      201,
    );
    expect(second.revisitTaskId).toBeNull();
    expect((await t.db.query<{ status: string }>('SELECT status FROM tasks WHERE id = $1', [first.revisitTaskId]))[0].status).toBe('done');
    unvisited = (await ok(cadre.get(`/api/screening/campaigns/${campaign.id}/unvisited`))).items;
    expect(unvisited.map((u: any) => u.householdId)).toEqual([hh.h1]);
    const progress = await ok(cadre.get(`/api/screening/campaigns/${campaign.id}/progress?by=grid`));
    expect(progress.items.map((p: any) => [p.name, p.visited, p.households])).toEqual([
      ['一网格', 1, 2],
      ['二网格', 1, 1],
    ]);
    expect(progress.total).toEqual({ households: 3, visited: 2 });
    // A grid worker sees the village's campaign, counted for their grid only.
    expect((await ok(worker.get(`/api/screening/campaigns/${campaign.id}/progress`))).items.map((p: any) => p.name)).toEqual(['一网格']);
    expect((await ok(worker.get('/api/screening/campaigns'))).items[0]).toMatchObject({ id: campaign.id, households: 2, visited: 1 });
    expect((await ok(cadre.get(`/api/screening/visits?householdId=${hh.h3}`))).total).toBe(2);
  });

  it('refuses bad visit forms with 400 and zh/en messages', async () => {
    const base = { clientId: randomUUID(), campaignId: campaign.id, householdId: hh.h1, outcome: 'visited' };
    for (const body of [
      { ...base, temperature: 43.5 },
      { ...base, temperature: 36.55 },
      { ...base, clientId: 'abc' },
      { ...base, outcome: 'maybe' },
      { ...base, codeColour: 'blue' },
      { ...base, extra: 1 },
      { ...base, movedOut: [{ residentId: people['钱二'] }] },
      { ...base, arrivals: [{ residentId: people['赵一'], originCode: '440305', arrivedOn: addDays(today, 1) }] },
      { ...base, campaignId: 2_147_483_648 },
      { ...base, outcome: 'nobody_home', revisitOn: '2026-02-30' },
      { ...base, added: [{ name: '新人', birthDate: '0000-01-01' }] },
    ]) {
      const zh = await member.post('/api/screening/visits', body);
      expect(zh.statusCode, JSON.stringify(body)).toBe(400);
      expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await member.request({ method: 'POST', url: '/api/screening/visits', payload: body, headers: { 'accept-language': 'en' } });
      expect(en.json().error.message).toMatch(/^[\x20-\x7e]+$/);
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM screening_visits WHERE household_id = $1', [hh.h1]))[0].n).toBe(0);
    for (const url of ['/api/screening/campaigns/2147483648', '/api/screening/targets/0', '/api/risk-areas?on=2026-02-30', '/api/arrivals?from=0000-01-01']) {
      expect((await cadre.get(url)).statusCode, url).toBe(400);
    }
  });

  it('closing stores the coverage report and ends the open visit tasks; a closed campaign takes no visits', async () => {
    const closed = await ok(cadre.post(`/api/screening/campaigns/${campaign.id}/close`));
    expect(closed.status).toBe('closed');
    expect(closed.coverage).toMatchObject({
      households: 3,
      visited: 2,
      notTried: 1,
      coverage: 66.7,
      arrivals: 1,
      withSymptoms: 1,
      fever: 1,
      withNeeds: 1,
      peopleAdded: 1,
      peopleMovedOut: 1,
    });
    expect(closed.coverage.byGrid.map((g: any) => g.name)).toEqual(['一网格', '二网格']);
    expect((await ok(member.get('/api/tasks/mine?all=true'))).items).toEqual([]);
    const again = await cadre.post(`/api/screening/campaigns/${campaign.id}/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CAMPAIGN_CLOSED');
    const late = await member.post('/api/screening/visits', { clientId: randomUUID(), campaignId: campaign.id, householdId: hh.h1, outcome: 'visited' });
    expect(late.statusCode).toBe(409);
    // The stored figures do not move when the registry does.
    expect((await ok(cadre.get(`/api/screening/campaigns/${campaign.id}`))).coverage.households).toBe(3);
  });

  it('a refusal closes the task without a revisit and leaves the household on the unvisited list; a selection covers only its households', async () => {
    const second = await ok(
      cadre.post('/api/screening/campaigns', {
        name: '第二轮（补访）',
        areaId: grid1.id,
        startsOn: today,
        endsOn: today,
        target: 'selection',
        householdIds: [hh.h1],
      }),
      201,
    );
    expect(second.households).toBe(1);
    const outside = await cadre.post('/api/screening/campaigns', {
      name: 'x',
      areaId: grid1.id,
      startsOn: today,
      endsOn: today,
      target: 'selection',
      householdIds: [hh.h3],
    });
    expect(outside.statusCode).toBe(400);
    const [task] = (await ok(member.get('/api/tasks/mine?all=true'))).items;
    expect(task).toMatchObject({ type: 'visit', subject: { kind: 'screening_target' } });
    const refused = await ok(
      member.post('/api/screening/visits', {
        clientId: randomUUID(),
        campaignId: second.id,
        householdId: hh.h1,
        outcome: 'refused',
        note: '户主不在，家属拒绝开门',
      }),
      201,
    );
    expect(refused).toMatchObject({ outcome: 'refused', revisitOn: null, revisitTaskId: null, note: '户主不在，家属拒绝开门' });
    expect((await ok(member.get('/api/tasks/mine?all=true'))).items).toEqual([]);
    const [left] = (await ok(cadre.get(`/api/screening/campaigns/${second.id}/unvisited`))).items;
    expect(left).toMatchObject({ householdId: hh.h1, lastOutcome: 'refused', attempts: 1, responsible: { userName: 'member 显示名' } });
  });
});
