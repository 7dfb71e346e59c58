import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, login, makeArea, makeUser, type TestApp, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/** The command center's standing bodies (issue 18 point 6): a register of groups with members, and a group's open work. */
let t: TestApp;
let command: Agent;
let townCadre: Agent;
let other: Agent;
let villageUser: number;
let otherUser: number;
let town: AreaRow;
let village: AreaRow;

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json();
}

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '甲镇', 'town');
  const otherTown = await makeArea(t.db, t.root, '乙镇', 'town');
  village = await makeArea(t.db, town, '甲一村', 'village');
  await makeUser(t.db, 'cg_command', ['command'], t.root);
  await makeUser(t.db, 'cg_town', ['cadre'], town);
  villageUser = await makeUser(t.db, 'cg_village', ['cadre'], village);
  otherUser = await makeUser(t.db, 'cg_other', ['cadre'], otherTown);
  command = await login(t.app, 'cg_command');
  townCadre = await login(t.app, 'cg_town');
  other = await login(t.app, 'cg_other');
});
afterAll(() => t.close());

describe('command groups', () => {
  it('a task force for a town with its members; its page shows their open tasks under its area', async () => {
    const g = await ok(
      command.post('/api/command-groups', {
        kind: 'task_force',
        name: '甲镇疫情防控工作专班',
        duties: '统筹全镇排查、管控',
        areaId: town.id,
        startsOn: '2026-01-01',
      }),
      201,
    );
    expect(g).toMatchObject({ kind: 'task_force', areaName: '甲镇', memberCount: 0, openTaskCount: 0, endsOn: null });
    const withMembers = await ok(
      command.put(`/api/command-groups/${g.id}/members`, {
        members: [
          { userId: villageUser, role: 'member', duty: '甲一村排查' },
          { userId: command.userId, role: 'lead', duty: '总指挥' },
        ],
      }),
    );
    expect(withMembers.members.map((m: { role: string }) => m.role)).toEqual(['lead', 'member']);
    expect(withMembers.leadName).toBe('cg_command 显示名');
    // A member of a sibling town is refused, naming the row.
    const sibling = await command.put(`/api/command-groups/${g.id}/members`, { members: [{ userId: otherUser, role: 'member' }] });
    expect(sibling.statusCode).toBe(400);
    expect(Object.keys(sibling.json().error.fields)).toEqual(['members.0.userId']);

    const task = await ok(command.post('/api/tasks', { title: '核查返乡人员', areaId: village.id, assigneeUserId: villageUser }), 201);
    const page = await ok(townCadre.get(`/api/command-groups/${g.id}`));
    expect(page.openTaskCount).toBe(1);
    expect(page.openTasks[0]).toMatchObject({ id: task.id, title: '核查返乡人员', assigneeName: 'cg_village 显示名' });

    // Stood down: no longer active, still listed when asked for.
    await ok(command.patch(`/api/command-groups/${g.id}`, { endsOn: '2026-01-31' }));
    const active = await ok(command.get('/api/command-groups?active=true'));
    expect(active.items.map((x: { id: number }) => x.id)).not.toContain(g.id);
    expect((await ok(command.get('/api/command-groups?active=false'))).items.map((x: { id: number }) => x.id)).toContain(g.id);
    const before = await command.patch(`/api/command-groups/${g.id}`, { endsOn: '2025-12-31' });
    expect(before.statusCode).toBe(400);
  });

  it('another town sees nothing of it; a cadre may read but not set up groups', async () => {
    const g = await ok(command.post('/api/command-groups', { kind: 'supervision', name: '防控督导组', areaId: town.id, startsOn: '2026-01-01' }), 201);
    expect((await other.get(`/api/command-groups/${g.id}`)).statusCode).toBe(404);
    expect((await ok(other.get('/api/command-groups'))).items).toEqual([]);
    expect((await townCadre.post('/api/command-groups', { kind: 'work', name: '物资保障组', areaId: town.id, startsOn: '2026-01-01' })).statusCode).toBe(403);
    const list = await ok(townCadre.get('/api/command-groups'));
    expect(list.items.map((x: { id: number }) => x.id)).toContain(g.id);
  });
});
