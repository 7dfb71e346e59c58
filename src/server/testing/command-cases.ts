import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { login } from './harness';

/**
 * Cross-area cases of the command center's standing bodies (issue 18 point 6). A's records are groups at A's village
 * named with the marker, with A's user as their lead. B tries to read, change and staff them, and to put A's user
 * into a group of its own.
 */
let k = 0;
const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

export async function groupInA(e: CrossEnv): Promise<number> {
  const agent = await a(e);
  const r = await agent.post('/api/command-groups', { kind: 'task_force', name: `${MARK}专班${++k}`, areaId: e.a.village.id, startsOn: '2026-01-01' });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.json().id as number;
  await agent.put(`/api/command-groups/${id}/members`, { members: [{ userId: e.a.userId, role: 'lead' }] });
  return id;
}

/**
 * A task of A's village addressed to a fresh group of A (A's user its lead), titled with the marker: in A's inbox
 * through the group, never in B's.
 */
export async function groupTaskInA(e: CrossEnv): Promise<{ taskId: number; groupId: number }> {
  const groupId = await groupInA(e);
  const r = await (await a(e)).post('/api/tasks', { title: `${MARK}专班任务${++k}`, areaId: e.a.village.id, assigneeGroupId: groupId });
  if (r.statusCode !== 201) throw new Error(r.body);
  return { taskId: r.json().id as number, groupId };
}

async function groupInB(e: CrossEnv): Promise<number> {
  const r = await (await login(e.t.app, 'admin_b')).post('/api/command-groups', {
    kind: 'work',
    name: `乙组${++k}`,
    areaId: e.b.village.id,
    startsOn: '2026-01-01',
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json().id as number;
}

export const COMMAND_CASES: Record<string, CrossCase> = {
  'GET /api/command-groups': async (e) => {
    await groupInA(e);
    return [
      { url: '/api/command-groups', expect: 'no-leak', control: 'marker' },
      { url: `/api/command-groups?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/command-groups': async (e) => [
    { url: '/api/command-groups', body: { kind: 'work', name: '越权组', areaId: e.a.village.id, startsOn: '2026-01-01' }, expect: 'denied' },
  ],
  'GET /api/command-groups/:id': async (e) => [{ url: `/api/command-groups/${await groupInA(e)}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/command-groups/:id': async (e) => [{ url: `/api/command-groups/${await groupInA(e)}`, body: { duties: '越权' }, expect: 'denied' }],
  'PUT /api/command-groups/:id/members': async (e) => [
    { url: `/api/command-groups/${await groupInA(e)}/members`, body: { members: [] }, expect: 'denied' },
    // B's own group may not take A's user.
    { url: `/api/command-groups/${await groupInB(e)}/members`, body: { members: [{ userId: e.a.userId, role: 'member' }] }, expect: 'denied', control: 'none' },
  ],
};
