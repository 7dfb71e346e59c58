import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { multipartBody, residentIdFor, xlsxBuffer } from '../../testing/sheets';
import type { AreaRow } from '../areas';

let t: TestApp;
let admin: Agent;
let townAdmin: Agent;
let cadre: Agent;
let worker: Agent;
let member: Agent;
let today: string;
let grid1: AreaRow;
let grid2: AreaRow;
const hh: Record<'h1' | 'h2' | 'h3', number> = { h1: 0, h2: 0, h3: 0 };
const people: Record<string, number> = {};

beforeAll(async () => {
  t = await testApp();
  today = todayIn(t.app.timeZone);
  await t.db.query("UPDATE areas SET division_code = '411627000000' WHERE id = $1", [t.root.id]);
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  grid1 = await makeArea(t.db, village, '一网格', 'grid');
  grid2 = await makeArea(t.db, village, '二网格', 'grid');
  await makeUser(t.db, 'admin', ['admin'], t.root);
  await makeUser(t.db, 'townadmin', ['admin'], town);
  await makeUser(t.db, 'cadre', ['cadre'], village);
  await makeUser(t.db, 'worker', ['grid_worker'], grid1);
  const memberId = await makeUser(t.db, 'member', ['volunteer'], grid1);
  [admin, townAdmin, cadre, worker, member] = await Promise.all(['admin', 'townadmin', 'cadre', 'worker', 'member'].map((u) => login(t.app, u)));
  const household = async (areaId: number, address: string) => (await ok(cadre.post('/api/households', { areaId, address }), 201)).id as number;
  hh.h1 = await household(grid1.id, '王隆集村 1 组 1 号');
  hh.h2 = await household(grid1.id, '王隆集村 1 组 2 号');
  hh.h3 = await household(grid2.id, '王隆集村 2 组 9 号');
  const person = async (householdId: number, name: string, relation: string) =>
    (people[name] = (await ok(cadre.post('/api/residents', { householdId, name, relation, idType: 'none', movedInOn: '2024-01-01' }), 201)).id);
  await person(hh.h1, '赵一', 'head');
  await person(hh.h2, '钱二', 'head');
  await person(hh.h2, '钱小二', 'child');
  await person(hh.h3, '孙三', 'head');
  // h1 is looked after by a party member with an account (包户): its visit goes to them.
  const volunteerId = (
    await ok(
      admin.post('/api/volunteers', {
        name: '党员甲',
        areaId: grid1.id,
        idNumber: residentIdFor('411627', '19800101', '123'),
        phone: '13912345678',
        category: 'party_rural',
      }),
      201,
    )
  ).id;
  await t.db.query('UPDATE volunteers SET user_id = $2 WHERE id = $1', [volunteerId, memberId]);
  await ok(admin.post('/api/household-links', { volunteerId, householdIds: [hh.h1] }));
});
afterAll(() => t.close());

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

function upload(agent: Agent, fileName: string, data: Buffer, lang = 'zh') {
  const file = multipartBody(fileName, data);
  return agent.request({ method: 'POST', url: '/api/risk-areas/import', payload: file.payload, headers: { ...file.headers, 'accept-language': lang } });
}

describe('the risk-area list', () => {
  it('imports csv (UTF-8) and keeps history: a later import adds rows, the level of a day is looked up by date and longest code', async () => {
    const csv = [
      '区划代码,地区名称,风险等级,开始日期,结束日期',
      '420106,,高风险,2022-08-01,2022-08-10',
      '420106001,,中风险区,2022-08-05,',
      '420100,,低风险,2022/8/1,2022-08-31',
    ].join('\n');
    const res = await ok(upload(admin, '名单.csv', Buffer.from(csv)), 201);
    expect(res).toMatchObject({ imported: 3, levels: { high: 1, medium: 1, low: 1 } });
    const level = async (code: string, on: string) => (await ok(worker.get(`/api/risk-areas/level?code=${code}&on=${on}`))).level;
    expect(await level('420106001001', '2022-08-06')).toBe('medium'); // the town's row is the longest code
    expect(await level('420106002', '2022-08-06')).toBe('high');
    expect(await level('420106002', '2022-08-20')).toBe('low'); // the county's row ended; the city's still covers it
    expect(await level('420106', '2022-07-31')).toBe('none');
    expect(await level('411627', '2022-08-06')).toBe('none');
    // A later list lowers the county from 8 August: the earlier row stays (history), the newer one decides from then on.
    await ok(upload(admin, '名单2.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,低,2022-08-08\n')), 201);
    expect(await level('420106002', '2022-08-03')).toBe('high');
    expect(await level('420106002', '2022-08-09')).toBe('low');
    const listed = await ok(cadre.get('/api/risk-areas?on=2022-08-09'));
    expect(listed.items.map((r: any) => `${r.divisionCode}:${r.level}`).sort()).toEqual(['420106001:medium', '420106:high', '420106:low', '4201:low']);
    expect(listed.items.find((r: any) => r.divisionCode === '420106001').name).toBe('湖北省武汉市武昌区积玉桥街道');
    expect((await ok(cadre.get('/api/risk-areas'))).total).toBe(4);
  });

  it('reads GBK csv and xlsx with a title row above the headers', async () => {
    const gbk = iconv.encode('地区代码,等级,起,止\r\n110105,封控区,2022-11-01,2022-11-20\r\n', 'gbk');
    expect(await ok(upload(admin, 'gbk.csv', gbk), 201)).toMatchObject({ imported: 1, levels: { lockdown: 1 } });
    const xlsx = await xlsxBuffer({
      风险地区: [
        ['2022 年 11 月风险区域名单'],
        [],
        ['名称', '区划代码', '风险等级', '开始日期', '结束日期'],
        ['', '310115', '管控区', new Date(Date.UTC(2022, 10, 2)), null],
      ],
    });
    expect(await ok(upload(admin, 'list.xlsx', xlsx), 201)).toMatchObject({ imported: 1, levels: { control: 1 } });
    expect((await ok(worker.get('/api/risk-areas/level?code=310115000000&on=2022-11-05'))).level).toBe('control');
    // A place of this deployment named without a code (an estate declared at risk) is kept with its area.
    expect(await ok(upload(admin, 'estate.csv', Buffer.from('地区名称,风险等级,开始日期\n王隆集村,封控区,2022-12-01\n')), 201)).toMatchObject({ imported: 1 });
    const [estate] = (await ok(cadre.get('/api/risk-areas?on=2022-12-02&level=lockdown'))).items;
    expect(estate).toMatchObject({ name: '王隆集村', divisionCode: null, areaId: expect.any(Number) });
  });

  it('refuses broken files and bad rows with the row numbers, in zh and en, never a 500, and writes nothing', async () => {
    const before = (await ok(cadre.get('/api/risk-areas'))).total;
    const bad = [
      '代码,名称,风险等级,开始日期,结束日期',
      '420106,,极高,2022-08-01,',
      '12345,,高,2022-08-01,',
      ',,高,2022-08-01,',
      '420106,,高,,',
      '420106,,高,2022-08-10,2022-08-01',
      '999999,,高,2022-08-01,',
      ',不存在的小区,中,2022-08-01,',
    ].join('\n');
    const zh = await upload(admin, 'bad.csv', Buffer.from(bad));
    expect(zh.statusCode).toBe(422);
    const err = zh.json().error;
    expect(err.code).toBe('RISK_IMPORT_ROWS');
    expect(err.message).toContain('7 行有误');
    expect(Object.keys(err.fields)).toEqual(['row 2', 'row 3', 'row 4', 'row 5', 'row 6', 'row 7', 'row 8']);
    expect(err.fields['row 2']).toContain('极高');
    expect(err.fields['row 8']).toContain('不存在的小区');
    const en = (await upload(admin, 'bad.csv', Buffer.from(bad), 'en')).json().error;
    expect(en.fields['row 3']).toBe('division code "12345" must be 2, 4, 6, 9 or 12 digits');
    expect(en.fields['row 5']).toBe('the start date is empty');

    const xlsxBytes = await xlsxBuffer({
      s: [
        ['code', 'level', 'from'],
        ['420106', 'high', '2022-01-01'],
      ],
    });
    for (const [name, data, code] of [
      ['empty.csv', Buffer.alloc(0), 'IMPORT_EMPTY'],
      ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]), 'IMPORT_NOT_SPREADSHEET'],
      ['cut.xlsx', xlsxBytes.subarray(0, Math.floor(xlsxBytes.length / 2)), 'IMPORT_BROKEN'],
      ['headers.csv', Buffer.from('甲,乙\n1,2\n'), 'RISK_IMPORT_HEADERS'],
      ['only-headers.csv', Buffer.from('区划代码,风险等级,开始日期\n'), 'IMPORT_NO_DATA'],
    ] as const) {
      const res = await upload(admin, name, data);
      expect(res.statusCode, `${name}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, name).toBeLessThan(500);
      expect(res.json().error.code, name).toBe(code);
    }
    const notMultipart = await admin.post('/api/risk-areas/import', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    // Only a root-scoped user with riskareas.manage imports.
    const town = await upload(townAdmin, 'ok.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,高,2022-08-01\n'));
    expect(town.statusCode).toBe(403);
    expect(town.json().error.code).toBe('RISK_IMPORT_ROOT');
    expect((await upload(worker, 'ok.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,高,2022-08-01\n'))).statusCode).toBe(403);
    expect((await ok(cadre.get('/api/risk-areas'))).total).toBe(before);
  });
});

describe('arrivals', () => {
  it('looks the origin level up for the arrival date, never from the request, and proposes a measure from the arrival', async () => {
    const arrival = await ok(
      worker.post('/api/arrivals', {
        residentId: people['钱二'],
        originCode: '420106002',
        arrivedOn: '2022-08-03',
        transport: 'train',
        transportNo: 'G502',
        reason: '返乡',
      }),
      201,
    );
    expect(arrival).toMatchObject({
      originName: '湖北省武汉市武昌区杨园街道',
      originScope: 'other_province',
      originRiskLevel: 'high',
      arrivedOn: '2022-08-03',
    });
    const later = await ok(worker.post('/api/arrivals', { residentId: people['钱小二'], originCode: '420106002', arrivedOn: '2022-08-09' }), 201);
    expect(later.originRiskLevel).toBe('low');
    const local = await ok(cadre.post('/api/arrivals', { residentId: people['孙三'], originCode: '411627101', arrivedOn: today }), 201);
    expect(local).toMatchObject({ originScope: 'local', originRiskLevel: 'none' });
    expect(
      (await worker.post('/api/arrivals', { residentId: people['钱二'], originCode: '420106002', arrivedOn: '2022-08-03', originRiskLevel: 'low' })).statusCode,
    ).toBe(400);
    expect((await worker.post('/api/arrivals', { residentId: people['钱二'], originCode: '999999', arrivedOn: '2022-08-03' })).json().error.fields).toEqual({
      originCode: expect.any(String),
    });
    expect((await worker.post('/api/arrivals', { residentId: people['钱二'], originCode: '4201', arrivedOn: '2022-08-03' })).statusCode).toBe(400);
    const abroad = await ok(worker.post('/api/arrivals', { residentId: people['赵一'], abroad: true, originName: '新加坡', arrivedOn: today }), 201);
    expect(abroad).toMatchObject({ originScope: 'abroad', originCode: null });
    expect((await ok(cadre.get(`/api/arrivals?under=${grid1.id}`))).total).toBe(3);
    expect((await ok(worker.get('/api/arrivals'))).items.map((a: any) => a.residentName).sort()).toEqual(['赵一', '钱二', '钱小二']);

    const proposed = await ok(cadre.post(`/api/arrivals/${arrival.id}/propose`, { on: '2022-08-05' }), 201);
    expect(proposed.decision).toMatchObject({ set: { code: 'nhc-9' }, rule: { code: 'high-risk' } });
    expect(proposed.measure).toMatchObject({
      residentId: people['钱二'],
      arrivalId: arrival.id,
      kind: 'central_isolation',
      situation: { originRiskLevel: 'high', originScope: 'other_province', arrivedOn: '2022-08-03' },
    });
    expect((await worker.post(`/api/arrivals/${arrival.id}/propose`, {})).statusCode).toBe(403);
    await ok(cadre.post(`/api/measures/${proposed.measure.id}/cancel`, { reason: '测试' }));
  });
});

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
    ]) {
      const zh = await member.post('/api/screening/visits', body);
      expect(zh.statusCode, JSON.stringify(body)).toBe(400);
      expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await member.request({ method: 'POST', url: '/api/screening/visits', payload: body, headers: { 'accept-language': 'en' } });
      expect(en.json().error.message).toMatch(/^[\x20-\x7e]+$/);
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM screening_visits WHERE household_id = $1', [hh.h1]))[0].n).toBe(0);
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
