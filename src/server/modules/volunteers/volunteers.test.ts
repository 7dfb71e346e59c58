import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { readXlsx } from '../../testing/sheets';
import type { AreaRow } from '../areas';
import { form, newVolunteer, nextId, publicPost, setUp, today, type World } from './test-fixture';

let t: TestApp;
let admin: Agent;
let secretary: Agent;
let town: AreaRow;
let v1: AreaRow;
let v2: AreaRow;
let branch: World['branch'];
beforeAll(async () => {
  ({ t, admin, secretary, town, v1, v2, branch } = await setUp());
});
afterAll(() => t.close());

/** Enlistment to approval, organisations, links and deployments: one story, each step building on the last. */

describe('enlistment', () => {
  it('enlist → approve with an account → the volunteer signs in and sees the deployment', async () => {
    const formInfo = await t.app.inject({ method: 'GET', url: `/api/enlist/${branch.enlistToken}` });
    expect(formInfo.statusCode).toBe(200);
    expect(formInfo.json().org).toMatchObject({ name: '王隆集村党支部', areaName: '王隆集村' });

    const idNumber = nextId('19580315');
    const sent = await publicPost(`/api/enlist/${branch.enlistToken}`, form(idNumber));
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toEqual({ id: expect.any(Number), status: 'pending' });

    const queue = (await secretary.get('/api/enlistments?status=pending')).json();
    expect(queue.total).toBe(1);
    const app = queue.items[0];
    expect(app).toMatchObject({
      name: '王志愿',
      orgName: '王隆集村党支部',
      sex: 'M',
      // Part of the ID number: not shown beside the masked number.
      birthDate: null,
      phone: '139****5678',
      pledge: '疫情不退，我不退',
    });
    expect(app.idNumber).toBe(`411${'*'.repeat(11)}${idNumber.slice(-4)}`);
    expect(JSON.stringify(queue)).not.toContain(idNumber);

    const approved = await secretary.post(`/api/enlistments/${app.id}/approve`, { account: { username: 'wang_vol' } });
    expect(approved.statusCode, approved.body).toBe(200);
    const a = approved.json();
    expect(a.enlistment.status).toBe('approved');
    expect(a.volunteer).toMatchObject({ name: '王志愿', category: 'party_retired', areaName: '王隆集村', skills: ['driver', 'dialect'] });
    expect(a.account.initialPassword).toBeTruthy();

    const page = (await secretary.get(`/api/volunteers/${a.volunteer.id}`)).json();
    expect(page.memberships).toMatchObject([{ orgId: branch.id, kind: 'home', leftOn: null }]);
    expect(JSON.stringify(page)).not.toContain(idNumber);

    const dep = await secretary.post('/api/deployments', {
      volunteerId: a.volunteer.id,
      areaId: v1.id,
      place: '村口卡点',
      startsOn: today(),
      endsOn: today(),
      role: '测温登记',
    });
    expect(dep.statusCode, dep.body).toBe(201);

    const me = await login(t.app, 'wang_vol', a.account.initialPassword);
    // A password someone else chose: the volunteer sets their own before anything else.
    expect((await me.get('/api/me/assignments')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await me.post('/api/auth/password', { currentPassword: a.account.initialPassword, newPassword: 'Volunteer-Own-26' })).statusCode).toBe(200);
    const mine = await me.get('/api/me/assignments');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().volunteer.name).toBe('王志愿');
    expect(mine.json().deployments).toMatchObject([{ place: '村口卡点', role: '测温登记' }]);
    // The volunteer role sees their own work, not the registers.
    expect((await me.get('/api/volunteers')).statusCode).toBe(403);

    // Approved already: the form answers exactly as for anyone else (no oracle), and the new application waits beside the approved one.
    const again = await publicPost(`/api/enlist/${branch.enlistToken}`, form(idNumber));
    expect(again.statusCode).toBe(201);
    expect(Object.keys(again.json()).sort()).toEqual(['id', 'status']);
    expect(again.json().id).not.toBe(app.id);
    const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'enlistment' AND entity_id = $1 ORDER BY id", [
      String(app.id),
    ]);
    expect(audit.map((r) => r.action)).toEqual(['submit', 'approve']);
  });

  it('a second submission with the same ID number never overwrites the first: a new application beside it, the same answer for any number', async () => {
    const idNumber = nextId();
    const first = await publicPost(`/api/enlist/${branch.enlistToken}`, form(idNumber, { name: '李报到' }));
    expect(first.statusCode).toBe(201);
    // Someone else who knows the number sends other contact details.
    const second = await publicPost(
      `/api/enlist/${branch.enlistToken}`,
      form(idNumber.toLowerCase(), { name: '李报到', phone: '13600002222', skills: ['medical'] }),
    );
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().id).not.toBe(first.json().id);
    const list = (await secretary.get('/api/enlistments?status=pending&q=李报到')).json();
    expect(list.total).toBe(2);
    const byId = new Map(list.items.map((e: { id: number }) => [e.id, e]));
    // The first application is untouched; the secretary sees both, each flagged as sharing the number.
    expect(byId.get(first.json().id)).toMatchObject({ submitCount: 1, phone: '139****5678', sameIdCount: 1 });
    expect(byId.get(second.json().id)).toMatchObject({ submitCount: 1, phone: '136****2222', skills: ['medical'], sameIdCount: 1 });
    // Unknown, pending and approved numbers get answers of the same shape and status.
    const unknown = await publicPost(`/api/enlist/${branch.enlistToken}`, form(nextId(), { name: '周新人' }));
    for (const r of [first, second, unknown]) {
      expect(r.statusCode).toBe(201);
      expect(Object.keys(r.json()).sort()).toEqual(['id', 'status']);
    }
  });

  it('a refused application keeps its reason; it cannot be decided twice; bad input is a 400 in both languages', async () => {
    const sent = await publicPost(`/api/enlist/${branch.enlistToken}`, form(nextId(), { name: '赵拒绝' }));
    const id = sent.json().id;
    expect((await secretary.post(`/api/enlistments/${id}/refuse`, { reason: '' })).statusCode).toBe(400);
    const refused = await secretary.post(`/api/enlistments/${id}/refuse`, { reason: '不在本村居住，请到居住地报到' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', refusalReason: '不在本村居住，请到居住地报到', volunteerId: null });
    const twice = await secretary.post(`/api/enlistments/${id}/approve`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ENLIST_NOT_PENDING');

    const badId = form('411627195803151230');
    const zh = await publicPost(`/api/enlist/${branch.enlistToken}`, badId);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.fields.idNumber).toMatch(/校验位|格式/);
    const en = await publicPost(`/api/enlist/${branch.enlistToken}`, badId, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/not valid/);
    expect(en.json().error.fields.idNumber).toMatch(/check digit|format/);
    for (const body of [{}, { ...form(nextId()), phone: '12' }, { ...form(nextId()), category: 'boss' }, { ...form(nextId()), extra: 1 }, 'not json']) {
      const res = await publicPost(`/api/enlist/${branch.enlistToken}`, body, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toBeTruthy();
    }
    expect((await publicPost('/api/enlist/no-such-branch-token', form(nextId()))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/enlist/x' })).statusCode).toBe(400);
  });

  it('throttles submissions per client address, as many per window as the settings say', async () => {
    const small = await testApp({ ENLIST_MAX_PER_ADDRESS: 5, ENLIST_WINDOW_MINUTES: 30 });
    try {
      await makeUser(small.db, 'a2', ['admin'], small.root);
      const a2 = await login(small.app, 'a2');
      const org = (await a2.post('/api/party/orgs', { kind: 'branch', name: '支部', areaId: small.root.id })).json();
      const send = (ip: string) => small.app.inject({ method: 'POST', url: `/api/enlist/${org.enlistToken}`, payload: form(nextId()), remoteAddress: ip });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await send('10.0.0.7')).statusCode);
      expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
      const refused = await send('10.0.0.7');
      expect(refused.json().error.code).toBe('TOO_MANY_REQUESTS');
      // The wait named is the window's: 30 minutes here.
      expect(refused.json().error.message).toContain('30');
      expect((await send('10.0.0.8')).statusCode).toBe(201);
    } finally {
      await small.close();
    }
  });
});

describe('organisations', () => {
  it('a temporary branch: opened for a place, members drawn in with their home branch kept, closed', async () => {
    const m1 = await newVolunteer('张党员', v1);
    const m2 = await newVolunteer('刘党员', v2);
    await admin.post(`/api/party/orgs/${branch.id}/members`, { volunteerIds: [m1] });
    const noPlace = await admin.post('/api/party/orgs', { kind: 'temporary_branch', name: '卡点临时党支部', areaId: v1.id, startsOn: today() });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().error.fields.place).toBeTruthy();
    const temp = await admin.post('/api/party/orgs', {
      kind: 'temporary_branch',
      name: '卡点临时党支部',
      areaId: town.id,
      place: '高速路口健康服务站',
      startsOn: today(),
    });
    expect(temp.statusCode, temp.body).toBe(201);
    const tid = temp.json().id;
    const drawn = await admin.post(`/api/party/orgs/${tid}/members`, { volunteerIds: [m1, m2] });
    expect(drawn.json().added).toBe(2);
    expect((await admin.patch(`/api/party/orgs/${tid}`, { secretaryId: m1 })).json()).toMatchObject({ secretaryName: '张党员' });
    const p1 = (await admin.get(`/api/volunteers/${m1}`)).json();
    expect(p1.memberships.map((m: any) => [m.orgName, m.kind, m.leftOn])).toEqual([
      ['王隆集村党支部', 'home', null],
      ['卡点临时党支部', 'temporary', null],
    ]);
    // Someone without a home branch is drawn in temporarily and still has none.
    expect((await admin.get(`/api/volunteers/${m2}`)).json().memberships.map((m: any) => m.kind)).toEqual(['temporary']);

    const closed = await admin.post(`/api/party/orgs/${tid}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedAt).toBeTruthy();
    expect(closed.json().members.every((m: any) => m.leftOn === today())).toBe(true);
    const after = (await admin.get(`/api/volunteers/${m1}`)).json();
    expect(after.memberships.filter((m: any) => !m.leftOn).map((m: any) => m.orgName)).toEqual(['王隆集村党支部']);
    expect((await admin.post(`/api/party/orgs/${tid}/close`)).statusCode).toBe(422);
    expect((await admin.post(`/api/party/orgs/${tid}/members`, { volunteerIds: [m2] })).statusCode).toBe(422);
    expect((await t.app.inject({ method: 'GET', url: `/api/enlist/${closed.json().enlistToken}` })).statusCode).toBe(404);
    expect((await admin.get('/api/party/orgs')).json().items.map((o: any) => o.name)).not.toContain('卡点临时党支部');
    expect((await admin.get('/api/party/orgs?includeClosed=true')).json().items.map((o: any) => o.name)).toContain('卡点临时党支部');
    expect((await admin.post(`/api/party/orgs/${branch.id}/close`)).statusCode).toBe(422);
  });

  it('teams with sub-squads, posts, captains and group links show on the person page', async () => {
    const lead = await newVolunteer('突击队长', v1);
    const dep = await newVolunteer('副队长', v1);
    const squad = await admin.post('/api/teams', { kind: 'assault_squad', name: '青年突击队', areaId: v1.id, orgId: branch.id, leaderId: lead });
    expect(squad.statusCode, squad.body).toBe(201);
    const sub = await admin.post('/api/teams', { kind: 'assault_squad', name: '一分队', areaId: v1.id, parentId: squad.json().id });
    expect(sub.statusCode).toBe(201);
    expect((await admin.post('/api/teams', { kind: 'service_team', name: '错', areaId: v1.id, parentId: squad.json().id })).statusCode).toBe(400);
    const set = await admin.put(`/api/teams/${squad.json().id}/members`, {
      members: [
        { volunteerId: lead, role: 'leader' },
        { volunteerId: dep, role: 'deputy' },
      ],
    });
    expect(set.json()).toMatchObject({ leaderName: '突击队长', memberCount: 2, subTeams: [{ name: '一分队' }] });
    // A secretary of one village edits the list: people from elsewhere, whom they cannot see, stay.
    const outsider = await newVolunteer('外村队员', v2);
    await admin.put(`/api/teams/${squad.json().id}/members`, {
      members: [
        { volunteerId: lead, role: 'leader' },
        { volunteerId: dep, role: 'deputy' },
        { volunteerId: outsider, role: 'member' },
      ],
    });
    const bySecretary = await secretary.put(`/api/teams/${squad.json().id}/members`, {
      members: [
        { volunteerId: lead, role: 'leader' },
        { volunteerId: dep, role: 'deputy' },
      ],
    });
    expect(bySecretary.statusCode, bySecretary.body).toBe(200);
    expect(
      bySecretary
        .json()
        .members.map((m: any) => m.name)
        .sort(),
    ).toEqual(['副队长', '外村队员', '突击队长'].sort());
    expect((await secretary.put(`/api/teams/${squad.json().id}/members`, { members: [{ volunteerId: outsider, role: 'member' }] })).statusCode).toBe(400);
    expect((await admin.post('/api/posts', { kind: 'model_post', name: '党员先锋岗', place: '村口', areaId: v1.id, holderId: lead })).statusCode).toBe(201);
    const building = await makeArea(t.db, v1, '1号楼', 'building');
    expect((await admin.put('/api/captains', { areaId: building.id, kind: 'building', volunteerId: lead })).json().items).toMatchObject([
      { kind: 'building', volunteerName: '突击队长' },
    ]);
    expect((await admin.put('/api/captains', { areaId: building.id, kind: 'floor', volunteerId: dep })).statusCode).toBe(400);
    expect((await admin.put('/api/captains', { areaId: building.id, kind: 'floor', floor: '3', volunteerId: dep })).statusCode).toBe(200);
    expect((await admin.post('/api/group-links', { volunteerId: lead, areaId: v1.id, villageGroup: '三组' })).statusCode).toBe(200);
    const page = (await admin.get(`/api/volunteers/${lead}`)).json();
    expect(page.teams).toMatchObject([{ name: '青年突击队', role: 'leader' }]);
    expect(page.posts).toMatchObject([{ name: '党员先锋岗' }]);
    expect(page.captains).toMatchObject([{ kind: 'building', areaName: '1号楼' }]);
    expect(page.groups).toMatchObject([{ villageGroup: '三组' }]);
  });
});

describe('links and deployments', () => {
  it('splits the households of a building evenly among members, readable by household and by person', async () => {
    const building = await makeArea(t.db, v2, '2号楼', 'building');
    const hh: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const res = await admin.post('/api/households', { areaId: building.id, address: `2号楼 ${String(i).padStart(2, '0')}室` });
      hh.push(res.json().id);
    }
    const members = [await newVolunteer('联户甲', v2), await newVolunteer('联户乙', v2), await newVolunteer('联户丙', v2)];
    const split = await admin.post('/api/household-links/split', { areaId: building.id, volunteerIds: members });
    expect(split.statusCode, split.body).toBe(200);
    expect(split.json()).toMatchObject({ households: 11, linked: 11, members: 3, perMember: { min: 3, max: 4 } });
    const probe = await admin.get(`/api/household-links?volunteerId=${members[0]}`);
    expect(probe.statusCode, probe.body).toBe(200);
    const counts = await Promise.all(members.map(async (m) => (await admin.get(`/api/household-links?volunteerId=${m}`)).json().items.length));
    expect(counts.sort()).toEqual([3, 4, 4]);
    // Neighbours stay together: the first member has the first rooms.
    const first = (await admin.get(`/api/household-links?volunteerId=${members[0]}`)).json().items.map((i: any) => i.address);
    expect(first[0]).toBe('2号楼 01室');
    const byHousehold = (await admin.get(`/api/household-links?householdId=${hh[10]}`)).json().items;
    expect(byHousehold).toMatchObject([{ volunteerName: '联户丙', phone: '137****1234' }]);
    // Again with two members: replaced, not added to.
    const again = (await admin.post('/api/household-links/split', { areaId: building.id, volunteerIds: members.slice(0, 2) })).json();
    expect(again.perMember).toEqual({ min: 5, max: 6 });
    expect((await admin.get(`/api/household-links?under=${building.id}`)).json().items).toHaveLength(11);
    expect((await admin.post('/api/household-links/remove', { volunteerId: members[0], householdIds: [hh[0]] })).json().removed).toBe(1);
    expect((await admin.post('/api/household-links', { volunteerId: members[2], householdIds: [hh[0]] })).json().added).toBe(1);
    expect((await admin.post('/api/household-links/split', { areaId: building.id, volunteerIds: [members[0], members[0]] })).statusCode).toBe(400);
  });

  it('flags a person in two places at once, directly or through a team; hours and figures count them', async () => {
    const p = await newVolunteer('两头跑', v1, 'party_cadre');
    const team = (await admin.post('/api/teams', { kind: 'service_team', name: '消杀服务队', areaId: v2.id })).json();
    await admin.put(`/api/teams/${team.id}/members`, { members: [{ volunteerId: p, role: 'member' }] });
    const d = today();
    const a = await admin.post('/api/deployments', { volunteerId: p, areaId: v1.id, place: '核酸采样点', startsOn: d, endsOn: d, hoursPerDay: 6 });
    expect(a.json().conflicts).toEqual([]);
    const b = await admin.post('/api/deployments', { teamId: team.id, areaId: v2.id, place: '蒋店村消杀', startsOn: d, endsOn: d, hoursPerDay: 4 });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().conflicts).toMatchObject([{ volunteerName: '两头跑', place: '核酸采样点', deploymentId: a.json().id }]);
    const flagged = (await admin.get(`/api/deployments?conflictsOnly=true&volunteerId=${p}`)).json();
    expect(flagged.items.map((x: any) => x.id).sort()).toEqual([a.json().id, b.json().id].sort());
    // The same place twice is no conflict; a bad range is refused.
    const same = await admin.post('/api/deployments', { volunteerId: p, areaId: v1.id, place: '核酸采样点', startsOn: d, endsOn: d });
    expect(same.json().conflicts.map((c: any) => c.place)).toEqual(['蒋店村消杀']);
    expect((await admin.post('/api/deployments', { volunteerId: p, areaId: v1.id, place: 'x', startsOn: d, endsOn: '2000-01-01' })).statusCode).toBe(400);
    expect((await admin.post('/api/deployments', { volunteerId: p, teamId: team.id, areaId: v1.id, place: 'x', startsOn: d, endsOn: d })).statusCode).toBe(400);
    expect((await admin.post(`/api/deployments/${same.json().id}/cancel`)).statusCode).toBe(200);

    await admin.post('/api/service-records', { volunteerId: p, on: d, hours: 20, work: '入户排查' });
    const hours = (await admin.get(`/api/service/hours?from=${d}&to=${d}&volunteerId=${p}`)).json();
    expect(hours.items).toMatchObject([{ name: '两头跑', hours: 24, sources: ['deployment', 'record'] }]);
    const byTeam = (await admin.get(`/api/service/totals?from=${d}&to=${d}&by=team`)).json();
    expect(byTeam.items.find((i: any) => i.name === '消杀服务队')).toMatchObject({ people: 1, hours: 24 });
    const byCategory = (await admin.get(`/api/service/totals?from=${d}&to=${d}&by=category`)).json();
    expect(byCategory.items.find((i: any) => i.key === 'party_cadre')).toMatchObject({ name: '在职党员干部' });
    expect((await admin.get(`/api/service/hours?from=${d}&to=2000-01-01`)).statusCode).toBe(400);

    const fig = (await admin.get(`/api/volunteers/figures?under=${town.id}`)).json();
    expect(fig.totals.onDuty).toBeGreaterThanOrEqual(2);
    expect(fig.totals.enlisted).toBeGreaterThanOrEqual(3);
    expect(fig.totals.approved).toBe(1);
    expect(fig.totals).toMatchObject({ branches: 1, branchesReporting: 1 });
    expect(fig.byArea.map((r: any) => r.name).sort()).toEqual(['王隆集村', '蒋店村']);
    expect(fig.byBranch.find((r: any) => r.name === '王隆集村党支部').enlisted).toBeGreaterThanOrEqual(3);
    // No GET any more (the path then reads as a volunteer's id, which it is not).
    expect((await admin.get(`/api/volunteers/figures.xlsx?under=${town.id}`)).statusCode).toBe(400);
    expect((await admin.post(`/api/volunteers/figures.xlsx?under=${town.id}`, { purpose: ' ' })).statusCode).toBe(400);
    const xlsx = await admin.post(`/api/volunteers/figures.xlsx?under=${town.id}`, { purpose: '向镇党委汇报' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const book = await readXlsx(xlsx.rawPayload);
    expect(book['按区域'].at(-1)![0]).toContain('用途：向镇党委汇报');
    const audits = await t.db.query<{ after: { purpose: string } }>("SELECT after FROM audit_log WHERE action = 'export' AND entity = 'volunteer_figures'");
    expect(audits.map((a) => a.after.purpose)).toEqual(['向镇党委汇报']);
  });

  it('a standalone volunteer has the identity checks; a resident becomes a volunteer by reference; one ID one volunteer', async () => {
    const idNumber = nextId('19900101');
    const hh = (await admin.post('/api/households', { areaId: v2.id, address: '蒋店村 五组 1号' })).json().id;
    const res = await admin.post('/api/residents', { householdId: hh, name: '孙居民', idNumber, phone: '13512345678' });
    const linked = await admin.post('/api/volunteers', { residentId: res.json().id, category: 'league' });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ name: '孙居民', residentId: res.json().id, areaName: '蒋店村', phone: '135****5678' });
    const dup = await admin.post('/api/volunteers', { name: '孙某', areaId: v1.id, idNumber, category: 'volunteer' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('VOLUNTEER_TAKEN');
    const bad = await admin.request({
      method: 'POST',
      url: '/api/volunteers',
      payload: { name: '错号', areaId: v1.id, idNumber: '411627199001011111', category: 'volunteer' },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.idNumber).toMatch(/check digit/);
    const edited = await admin.patch(`/api/volunteers/${linked.json().id}`, { skills: ['data_entry'], healthStatus: 'healthy', status: 'inactive' });
    expect(edited.json()).toMatchObject({ skills: ['data_entry'], healthStatus: 'healthy', status: 'inactive' });
    expect((await admin.get('/api/volunteers?q=孙居民')).json().total).toBe(1);
    expect((await admin.get(`/api/volunteers?q=${idNumber.slice(-6)}`)).json().total).toBe(1);
  });
});
