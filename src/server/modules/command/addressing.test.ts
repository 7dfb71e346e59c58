import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, login, makeArea, makeUser, type TestApp, testApp } from '../../testing/harness';
import { uploadPhoto } from '../../testing/photos';
import type { AreaRow } from '../areas';

/**
 * Work addressed to a command group (issue 18 point 6): a task, a rectification order and a help transfer reach the
 * inboxes of the group's members (within each member's scope), a member acts on it, and the group's page shows it.
 */
let t: TestApp;
let command: Agent;
let lead: Agent;
let member: Agent;
let outsider: Agent;
let otherTown: Agent;
let town: AreaRow;
let village: AreaRow;
let village2: AreaRow;
let farVillage: AreaRow;
let groupId: number;

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
}
const mineIds = async (a: Agent) => (await ok(a.get('/api/tasks/mine?all=true'))).items.map((x: { id: number }) => x.id);
const fieldsOf = async (res: Promise<{ statusCode: number; json(): any }>) => {
  const r = await res;
  expect(r.statusCode).toBe(400);
  return r.json().error.fields;
};

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '甲镇', 'town');
  const town2 = await makeArea(t.db, t.root, '乙镇', 'town');
  village = await makeArea(t.db, town, '甲一村', 'village');
  village2 = await makeArea(t.db, town, '甲二村', 'village');
  farVillage = await makeArea(t.db, town2, '乙一村', 'village');
  await makeUser(t.db, 'ga_command', ['command'], t.root);
  const leadId = await makeUser(t.db, 'ga_lead', ['cadre'], town);
  const memberId = await makeUser(t.db, 'ga_member', ['cadre'], village);
  await makeUser(t.db, 'ga_outsider', ['cadre'], village);
  await makeUser(t.db, 'ga_other', ['cadre'], town2);
  [command, lead, member, outsider, otherTown] = await Promise.all(
    ['ga_command', 'ga_lead', 'ga_member', 'ga_outsider', 'ga_other'].map((u) => login(t.app, u)),
  );
  const g = await ok(command.post('/api/command-groups', { kind: 'task_force', name: '甲镇工作专班', areaId: town.id, startsOn: '2026-01-01' }), 201);
  groupId = g.id;
  await ok(
    command.put(`/api/command-groups/${groupId}/members`, {
      members: [
        { userId: leadId, role: 'lead' },
        { userId: memberId, role: 'member' },
      ],
    }),
  );
});
afterAll(() => t.close());

describe('a task addressed to a command group', () => {
  it('is in each member’s inbox within their scope, not in a colleague’s outside the group; a member closes it', async () => {
    const task = await ok(command.post('/api/tasks', { title: '核查甲一村返乡人员', areaId: village.id, assigneeGroupId: groupId }), 201);
    expect(task.assignee).toMatchObject({ groupId, groupName: '甲镇工作专班', userId: null, role: null });
    expect(await mineIds(member)).toContain(task.id);
    expect(await mineIds(lead)).toContain(task.id);
    // A cadre of the same village who is not a member does not get it.
    expect(await mineIds(outsider)).not.toContain(task.id);
    // A task of the second village is the lead's (town scope), not the village member's.
    const t2 = await ok(command.post('/api/tasks', { title: '甲二村消杀', areaId: village2.id, assigneeGroupId: groupId }), 201);
    expect(await mineIds(lead)).toContain(t2.id);
    expect(await mineIds(member)).not.toContain(t2.id);

    const page = await ok(lead.get(`/api/command-groups/${groupId}`));
    expect(page.openTasks.filter((x: { toGroup: boolean }) => x.toGroup).map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([task.id, t2.id]));
    await ok(member.post(`/api/tasks/${task.id}/start`));
    const done = await ok(member.post(`/api/tasks/${task.id}/done`, { note: '已核查' }));
    expect(done.status).toBe('done');
    expect((await outsider.post(`/api/tasks/${t2.id}/done`, {})).statusCode).toBe(404);

    const [row] = await t.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE entity = 'task' AND action = 'create' AND entity_id = $1`,
      [String(task.id)],
    );
    expect(row.after.assigneeGroupId).toBe(groupId);
    const listed = await ok(command.get(`/api/tasks?assigneeGroupId=${groupId}`));
    expect(listed.items.map((x: { id: number }) => x.id).sort()).toEqual([task.id, t2.id].sort());
  });

  it('refuses work outside the group’s area, a stood-down group and one out of reach; reassigns open tasks to a group', async () => {
    expect(await fieldsOf(command.post('/api/tasks', { title: '乙一村', areaId: farVillage.id, assigneeGroupId: groupId }))).toEqual({
      assigneeGroupId: '不在该工作组负责的区域内',
    });
    const old = await ok(
      command.post('/api/command-groups', { kind: 'work', name: '已撤销组', areaId: town.id, startsOn: '2026-01-01', endsOn: '2026-01-02' }),
      201,
    );
    const stood = await command.post('/api/tasks', { title: '甲一村', areaId: village.id, assigneeGroupId: old.id });
    expect(stood.json().error).toMatchObject({ code: 'COMMAND_GROUP_STOOD_DOWN', fields: { assigneeGroupId: '该工作组已撤销' } });
    expect((await command.post('/api/tasks', { title: 'x', areaId: village.id, assigneeGroupId: groupId, assigneeRole: 'cadre' })).statusCode).toBe(400);

    const plain = await ok(command.post('/api/tasks', { title: '送药', areaId: village.id, assigneeRole: 'doctor' }), 201);
    expect(await mineIds(member)).not.toContain(plain.id);
    expect((await ok(command.post('/api/tasks/reassign', { taskIds: [plain.id], assigneeGroupId: groupId }))).updated).toBe(1);
    expect(await mineIds(member)).toContain(plain.id);
    const far = await ok(command.post('/api/tasks', { title: '乙一村', areaId: farVillage.id, assigneeRole: 'cadre' }), 201);
    expect(await fieldsOf(command.post('/api/tasks/reassign', { taskIds: [far.id], assigneeGroupId: groupId }))).toEqual({
      assigneeGroupId: '不在该工作组负责的区域内',
    });
    // Another town's cadre cannot see the group at all.
    expect((await otherTown.get(`/api/command-groups/${groupId}`)).statusCode).toBe(404);
  });
});

describe('a rectification order whose responsible unit is a group', () => {
  it('puts the rectify task in the member’s inbox; the member reports it done', async () => {
    const target = (await ok(lead.post('/api/inspections/targets', { kind: 'village', areaId: village.id }), 201)).id;
    const results = ['duty', 'roster', 'checkpoint', 'publicity', 'disinfection', 'gathering'].map((code) =>
      code === 'publicity' ? { code, passed: false, note: '标语缺失', photoIds: [] as number[] } : { code, passed: true },
    );
    results[3].photoIds = [await uploadPhoto(lead)];
    const body = { mode: 'unannounced', targetId: target, results, responsible: { groupId } };
    const insp = await ok(lead.post('/api/inspections/inspections', body), 201);
    const order = insp.orders[0];
    expect(order).toMatchObject({ unitGroupId: groupId, unitGroupName: '甲镇工作专班', unitAreaId: village.id, unitRole: null });
    const [task] = await t.db.query<{ id: number; assignee_group_id: number }>(
      `SELECT id, assignee_group_id FROM tasks WHERE subject_kind = 'inspection_rectification' AND subject_id = $1`,
      [order.id],
    );
    expect(task.assignee_group_id).toBe(groupId);
    expect(await mineIds(member)).toContain(task.id);
    expect(await mineIds(outsider)).not.toContain(task.id);
    const reported = await ok(member.post(`/api/inspections/rectifications/${order.id}/report`, { note: '已补贴', photoIds: [await uploadPhoto(member)] }));
    expect(reported.status).toBe('reported');

    // A group whose area does not hold the target, or a group with a user as well, is refused on its field.
    const farTarget = (await ok(command.post('/api/inspections/targets', { kind: 'village', areaId: farVillage.id }), 201)).id;
    const far = await command.post('/api/inspections/inspections', { ...body, targetId: farTarget, results: results.map((r) => ({ ...r, passed: true })) });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields).toEqual({ 'responsible.groupId': '不在该工作组负责的区域内' });
    const both = await lead.post('/api/inspections/inspections', { ...body, responsible: { groupId, role: 'cadre' } });
    expect(both.statusCode).toBe(400);
  });
});

describe('a help request transferred to a group', () => {
  it('the receiving office’s task goes to the group; a member accepts it', async () => {
    const rec = await ok(
      command.post('/api/help/requests', { kind: 'daily_goods', need: '代买蔬菜', channel: 'phone', areaId: village2.id, phone: '13300005555' }),
      201,
    );
    const id = rec.request.id;
    const out = await command.post(`/api/help/requests/${id}/transfer`, { areaId: farVillage.id, groupId, reason: '专班处理' });
    expect(out.json().error.fields).toEqual({ groupId: '不在该工作组负责的区域内' });
    const moved = await ok(command.post(`/api/help/requests/${id}/transfer`, { areaId: village.id, groupId, reason: '由专班在甲一村办理' }));
    expect(moved.transfer).toMatchObject({ areaId: village.id, groupId, groupName: '甲镇工作专班' });
    const [task] = await t.db.query<{ id: number; assignee_group_id: number; assignee_role: string | null }>(
      `SELECT id, assignee_group_id, assignee_role FROM tasks WHERE subject_kind = 'help_transfer' AND subject_id = $1`,
      [id],
    );
    expect(task).toMatchObject({ assignee_group_id: groupId, assignee_role: null });
    expect(await mineIds(member)).toContain(task.id);
    expect(await mineIds(outsider)).not.toContain(task.id);
    const accepted = await ok(member.post(`/api/help/requests/${id}/transfer/accept`));
    expect(accepted).toMatchObject({ areaId: village.id, transfer: null });
    const [audit] = await t.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE entity = 'help_request' AND action = 'transfer' AND entity_id = $1`,
      [String(id)],
    );
    expect(audit.after.toGroupId).toBe(groupId);
  });
});
