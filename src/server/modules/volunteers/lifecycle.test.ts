import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, makeArea } from '../../testing/harness';
import { readXlsx } from '../../testing/sheets';
import type { AreaRow } from '../areas';
import { form, newVolunteer, nextId, publicPost, setUp, today, type World } from './test-fixture';

/** An export of personal data states its purpose (issue 14, point 10). */
const EXPORT_PURPOSE = { purpose: '核对名单（测试）' };

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

/** Records over time: links follow moves, teams disband, posts close, organisations move; the roster export; liaison notes. */

describe('the rest of issue 4', () => {
  const plusDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const linkPaths = (householdId: number) => t.db.query<{ area_path: string }>('SELECT area_path FROM household_links WHERE household_id = $1', [householdId]);

  it('a member–household link follows its household to another area, and along an area move', async () => {
    const b1 = await makeArea(t.db, v1, '迁出楼', 'building');
    const b2 = await makeArea(t.db, v2, '迁入楼', 'building');
    const hh = (await admin.post('/api/households', { areaId: b1.id, address: '迁出楼 101室' })).json().id as number;
    const m = await newVolunteer('联户迁移', v1);
    expect((await admin.post('/api/household-links', { volunteerId: m, householdIds: [hh] })).json().added).toBe(1);
    expect(await linkPaths(hh)).toEqual([{ area_path: b1.path }]);
    // The registry moves the household to another village: the link's path follows.
    const moved = await admin.patch(`/api/households/${hh}`, { areaId: b2.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await linkPaths(hh)).toEqual([{ area_path: b2.path }]);
    // v1's secretary no longer sees it; a roll-up under v2 finds it by the link's own path.
    expect((await secretary.get(`/api/household-links?volunteerId=${m}`)).json().items).toEqual([]);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM household_links WHERE area_path LIKE $1', [v2.path + '%']);
    expect(n).toBeGreaterThanOrEqual(1);
    // An area move re-paths the subtree, links included (areas/repo.ts rewrites every path-carrying table).
    const estate = await makeArea(t.db, v2, '新小区', 'estate');
    const res = await admin.post(`/api/areas/${b2.id}/move`, { parentId: estate.id });
    expect(res.statusCode, res.body).toBe(200);
    const [{ path }] = await t.db.query<{ path: string }>('SELECT path FROM areas WHERE id = $1', [b2.id]);
    expect(path.startsWith(estate.path)).toBe(true);
    expect(await linkPaths(hh)).toEqual([{ area_path: path }]);
    const [h] = await t.db.query<{ area_path: string }>('SELECT area_path FROM households WHERE id = $1', [hh]);
    expect(h.area_path).toBe(path);
  });

  it('disbanding a team takes its sub-squads and stops their deployments; a team made by mistake is deleted', async () => {
    const p = await newVolunteer('解散队员', v1);
    const squad = (await admin.post('/api/teams', { kind: 'assault_squad', name: '临时突击队', areaId: v1.id, leaderId: p })).json();
    const sub = (await admin.post('/api/teams', { kind: 'assault_squad', name: '临时一分队', areaId: v1.id, parentId: squad.id })).json();
    const ongoing = (await admin.post('/api/deployments', { teamId: squad.id, areaId: v1.id, place: '卡点', startsOn: today(), endsOn: plusDays(5) })).json();
    const future = (
      await admin.post('/api/deployments', { teamId: sub.id, areaId: v1.id, place: '采样点', startsOn: plusDays(2), endsOn: plusDays(3) })
    ).json();
    const done = await admin.patch(`/api/teams/${squad.id}`, { disbanded: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().disbandedAt).toBeTruthy();
    expect((await admin.get(`/api/teams/${sub.id}`)).json().disbandedAt).toBeTruthy();
    expect((await admin.get('/api/teams')).json().items.map((x: any) => x.id)).not.toContain(squad.id);
    const deps = (await admin.get(`/api/deployments?teamId=${squad.id}`)).json().items;
    expect(deps).toMatchObject([{ id: ongoing.id, endsOn: today() }]);
    expect((await admin.get(`/api/deployments?teamId=${sub.id}`)).json().items).toEqual([]);
    const [row] = await t.db.query<{ cancelled_at: Date | null }>('SELECT cancelled_at FROM deployments WHERE id = $1', [future.id]);
    expect(row.cancelled_at).toBeTruthy();
    const [trail] = await t.db.query<{ action: string; after: any }>(
      "SELECT action, after FROM audit_log WHERE entity = 'team' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
      [String(squad.id)],
    );
    expect(trail.action).toBe('disband');
    expect(trail.after).toMatchObject({ subTeamsDisbanded: [sub.id], deploymentsCancelled: [future.id], deploymentsEndedToday: [ongoing.id] });
    // With a history it cannot be deleted, only disbanded.
    const refused = await admin.request({ method: 'DELETE', url: `/api/teams/${squad.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('TEAM_IN_USE');

    const mistake = (await admin.post('/api/teams', { kind: 'service_team', name: '建错的队', areaId: v1.id, leaderId: p })).json();
    const del = await admin.request({ method: 'DELETE', url: `/api/teams/${mistake.id}` });
    expect(del.statusCode, del.body).toBe(200);
    expect((await admin.get(`/api/teams/${mistake.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/volunteers/${p}`)).json().teams.map((x: any) => x.name)).not.toContain('建错的队');
    const [del1] = await t.db.query<{ before: any }>("SELECT before FROM audit_log WHERE entity = 'team' AND action = 'delete' AND entity_id = $1", [
      String(mistake.id),
    ]);
    expect(del1.before).toMatchObject({ name: '建错的队', members: [{ volunteerId: p, role: 'leader' }] });
    // Another village's team is out of the secretary's reach.
    const elsewhere = (await admin.post('/api/teams', { kind: 'service_team', name: '外村队', areaId: v2.id })).json();
    expect((await secretary.request({ method: 'DELETE', url: `/api/teams/${elsewhere.id}` })).statusCode).toBe(404);
  });

  it('a post or responsibility area is closed, or deleted when made by mistake', async () => {
    const post = (await secretary.post('/api/posts', { kind: 'responsibility_area', name: '三组责任区', areaId: v1.id })).json();
    const closed = await secretary.patch(`/api/posts/${post.id}`, { closed: true });
    expect(closed.json().closedAt).toBeTruthy();
    expect((await secretary.get('/api/posts')).json().items.map((x: any) => x.id)).not.toContain(post.id);
    const wrong = (await secretary.post('/api/posts', { kind: 'model_post', name: '错岗', areaId: v1.id })).json();
    expect((await secretary.request({ method: 'DELETE', url: `/api/posts/${wrong.id}` })).statusCode).toBe(200);
    expect((await secretary.request({ method: 'DELETE', url: `/api/posts/${wrong.id}` })).statusCode).toBe(404);
    const [trail] = await t.db.query<{ before: any }>("SELECT before FROM audit_log WHERE entity = 'post' AND action = 'delete' AND entity_id = $1", [
      String(wrong.id),
    ]);
    expect(trail.before).toMatchObject({ name: '错岗', kind: 'model_post' });
    const outside = (await admin.post('/api/posts', { kind: 'model_post', name: '外村岗', areaId: v2.id })).json();
    expect((await secretary.request({ method: 'DELETE', url: `/api/posts/${outside.id}` })).statusCode).toBe(404);
  });

  it('moves an organisation with its subtree under another committee, and to another area', async () => {
    const org = async (body: Record<string, unknown>) => {
      const res = await admin.post('/api/party/orgs', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number };
    };
    const c1 = await org({ kind: 'committee', name: '镇党委甲', areaId: town.id });
    const c2 = await org({ kind: 'committee', name: '镇党委乙', areaId: town.id });
    const general = await org({ kind: 'committee', name: '村党总支', areaId: v1.id, parentId: c1.id });
    const br = await org({ kind: 'branch', name: '一组党支部', areaId: v1.id, parentId: general.id });
    const refusal = async (agent: Agent, id: number, body: unknown) =>
      (await agent.request({ method: 'POST', url: `/api/party/orgs/${id}/move`, payload: body as any, headers: { 'accept-language': 'en' } })).json().error
        .fields;
    const moved = await admin.post(`/api/party/orgs/${general.id}/move`, { parentId: c2.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().parentId).toBe(c2.id);
    const all = (await admin.get('/api/party/orgs')).json().items;
    expect(all.find((o: any) => o.id === br.id).parentId).toBe(general.id);
    // Not under itself or its own subtree; only a committee can be a parent.
    expect(await refusal(admin, c2.id, { parentId: general.id })).toEqual({ parentId: 'cannot go under itself or its own subtree' });
    expect(await refusal(admin, general.id, { parentId: general.id })).toEqual({ parentId: 'cannot go under itself or its own subtree' });
    expect(await refusal(admin, general.id, { parentId: br.id })).toEqual({ parentId: 'cannot go under itself or its own subtree' });
    expect(await refusal(admin, general.id, { parentId: branch.id })).toEqual({ parentId: 'the parent must be a committee' });
    // Children must stay within its area.
    expect(await refusal(admin, general.id, { parentId: c2.id, areaId: v2.id })).toEqual({ areaId: "its sub-organisations' areas lie outside this area" });
    // A branch bound to another village: its memberships and applications carry the new path.
    const member = await newVolunteer('随支部迁移', v1);
    await admin.post(`/api/party/orgs/${br.id}/members`, { volunteerIds: [member] });
    const [{ enlist_token }] = await t.db.query<{ enlist_token: string }>('SELECT enlist_token FROM party_orgs WHERE id = $1', [br.id]);
    expect((await publicPost(`/api/enlist/${enlist_token}`, form(nextId()))).statusCode).toBe(201);
    const rebound = await admin.post(`/api/party/orgs/${br.id}/move`, { parentId: c2.id, areaId: v2.id });
    expect(rebound.statusCode, rebound.body).toBe(200);
    expect(rebound.json()).toMatchObject({ parentId: c2.id, areaName: '蒋店村', areaPath: v2.path });
    const paths = await t.db.query<{ p: string }>(
      'SELECT area_path AS p FROM party_memberships WHERE org_id = $1 UNION ALL SELECT area_path FROM enlistments WHERE org_id = $1',
      [br.id],
    );
    expect(paths.length).toBe(2);
    expect(paths.every((r) => r.p === v2.path)).toBe(true);
    const [trail] = await t.db.query<{ before: any; after: any }>(
      "SELECT before, after FROM audit_log WHERE entity = 'party_org' AND action = 'move' AND entity_id = $1",
      [String(br.id)],
    );
    expect(trail).toMatchObject({
      before: { parentId: general.id, areaId: v1.id },
      after: { parentId: c2.id, areaId: v2.id, membershipsMoved: 1, enlistmentsMoved: 1 },
    });
    // The village secretary cannot reach the town's committees, nor move a branch out of the village.
    const own = (await secretary.post('/api/party/orgs', { kind: 'branch', name: '村二支部', areaId: v1.id })).json();
    expect(await refusal(secretary, own.id, { parentId: c1.id })).toEqual({ parentId: 'not found, or no access' });
    expect(await refusal(secretary, own.id, { parentId: null, areaId: v2.id })).toEqual({ areaId: 'not found, or no access' });
    expect((await secretary.post(`/api/party/orgs/${br.id}/move`, { parentId: null })).statusCode).toBe(404);
    expect((await secretary.post(`/api/party/orgs/${own.id}/move`, { parentId: null })).statusCode).toBe(200);
    // A village organisation under the town's committee stays there: the village cannot detach it.
    const underTown = await org({ kind: 'committee', name: '村党委', areaId: v1.id, parentId: c1.id });
    const detached = await secretary.post(`/api/party/orgs/${underTown.id}/move`, { parentId: null });
    expect(detached.statusCode).toBe(422);
    expect(detached.json().error.code).toBe('ORG_PARENT_OUTSIDE');
    expect((await secretary.post(`/api/party/orgs/${own.id}/move`, { parentId: underTown.id })).statusCode).toBe(200);
  });

  it('exports the volunteer list as .xlsx, masked unless the caller may reveal, audited with the row count', async () => {
    const idNumber = nextId('19800202');
    const v = (
      await admin.post('/api/volunteers', {
        name: '导出志愿者',
        areaId: v1.id,
        idNumber,
        phone: '13911112222',
        category: 'medical',
        skills: ['medical', 'driver'],
        availability: { days: ['sat', 'sun'], from: '08:00', to: '12:00' },
        notes: '=1+1',
      })
    ).json();
    expect(v.id).toBeTruthy();
    const masked = await secretary.post('/api/volunteers/export.xlsx?q=导出志愿者', EXPORT_PURPOSE);
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.headers['content-disposition']).toContain('filename*=UTF-8');
    const sheet = (await readXlsx(masked.rawPayload))['志愿者名册'];
    expect(sheet[0].slice(0, 3)).toEqual(['姓名', '证件类型', '证件号码']);
    // One person, and the stamp line under the rows.
    expect(sheet).toHaveLength(3);
    expect(sheet[2][0]).toContain('用途：核对名单（测试）');
    const row = sheet[1];
    expect(row[0]).toBe('导出志愿者');
    expect(row[2]).toBe(`411${'*'.repeat(11)}${idNumber.slice(-4)}`);
    expect(row[6]).toBe('139****2222');
    expect(row.join('|')).toContain('医务人员');
    expect(row.join('|')).toContain('医疗、驾驶（有车）');
    expect(row.join('|')).toContain('周六、日 08:00–12:00');
    expect(row[16]).toBe("'=1+1");
    // The secretary may not reveal; the administrator may, and does.
    expect((await secretary.post('/api/volunteers/export.xlsx?reveal=true', EXPORT_PURPOSE)).statusCode).toBe(403);
    const full = await admin.post(`/api/volunteers/export.xlsx?reveal=true&under=${v1.id}&category=medical`, EXPORT_PURPOSE);
    const rows = (await readXlsx(full.rawPayload))['志愿者名册'];
    expect(rows.find((r) => r[0] === '导出志愿者')![2]).toBe(idNumber);
    expect(rows.find((r) => r[0] === '导出志愿者')![6]).toBe('13911112222');
    // Scoped: the secretary's whole list holds nobody from the other village.
    const mine = (await readXlsx((await secretary.post('/api/volunteers/export.xlsx', EXPORT_PURPOSE)).rawPayload))['志愿者名册'];
    const [{ inV1 }] = await t.db.query<{ inV1: number }>('SELECT count(*)::int AS "inV1" FROM volunteers WHERE area_path LIKE $1', [v1.path + '%']);
    expect(mine.length - 2).toBe(inV1);
    const trail = await t.db.query<{ after: any }>("SELECT after FROM audit_log WHERE entity = 'volunteer' AND action = 'export' ORDER BY id");
    expect(trail.map((r) => [r.after.rows, r.after.revealed])).toEqual([
      [1, false],
      [rows.length - 2, true],
      [inV1, false],
    ]);
    expect((await admin.post(`/api/volunteers/export.xlsx?under=${v2.id}`, EXPORT_PURPOSE)).statusCode).toBe(200);
    expect((await secretary.post(`/api/volunteers/export.xlsx?under=${v2.id}`, EXPORT_PURPOSE)).statusCode).toBe(400);
  });

  it('liaison groups note how people perform; the notes are read by person, scoped', async () => {
    const p = await newVolunteer('表现突出', v2);
    const note = await admin.post('/api/service-records', {
      volunteerId: p,
      on: today(),
      note: '连续三天坚守卡点，群众评价好',
      liaisonGroup: '组织部第三联络组',
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ volunteerName: '表现突出', note: '连续三天坚守卡点，群众评价好', liaisonGroup: '组织部第三联络组', hours: 0 });
    await admin.post('/api/service-records', { volunteerId: p, on: plusDays(-1), hours: 3, work: '入户排查' });
    const list = (await admin.get(`/api/service-records?volunteerId=${p}`)).json();
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ on: today(), liaisonGroup: '组织部第三联络组', recordedBy: expect.any(String) });
    expect(list.items[1]).toMatchObject({ work: '入户排查', hours: 3, note: null });
    const notes = (await admin.get(`/api/service-records?volunteerId=${p}&notesOnly=true`)).json();
    expect(notes.items.map((i: any) => i.note)).toEqual(['连续三天坚守卡点，群众评价好']);
    expect((await admin.get(`/api/service-records?under=${v2.id}&from=${today()}&to=${today()}`)).json().items.some((i: any) => i.volunteerId === p)).toBe(
      true,
    );
    // Another village's secretary sees none of it.
    expect((await secretary.get(`/api/service-records?volunteerId=${p}`)).json()).toEqual({ items: [], total: 0 });
    expect((await admin.get(`/api/service-records?from=${today()}&to=${plusDays(-3)}`)).statusCode).toBe(400);
    expect((await admin.post('/api/service-records', { volunteerId: p, on: today(), liaisonGroup: 'x'.repeat(61) })).statusCode).toBe(400);
  });
});
