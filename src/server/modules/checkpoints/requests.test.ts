import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { login, makeArea, makeUser } from '../../testing/harness';
import { approvedLeave } from './requests-repo';
import { type CheckpointFixture, checkpointFixture, newPost, ok } from './test-fixture';

/** Swap and leave requests (issue 15, point 3): each transition and each refusal, through the API on a fresh database. */
let f: CheckpointFixture;
let postId: number;
let day: (n: number) => string;
beforeAll(async () => {
  f = await checkpointFixture();
  day = (n: number) => addDays(f.today, n);
  postId = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '请假测试卡点', staffing: { volunteer: 1 } })), 201)).id;
});
afterAll(() => f.t.close());

const R = '/api/checkpoints/roster/requests';

async function assign(userId: number, d: string, shiftCode = 'A'): Promise<number> {
  return (await ok(f.cadre.post('/api/checkpoints/assignments', { postId, day: d, shiftCode, userId, role: 'volunteer' }), 201)).id;
}
async function cell(d: string, shiftCode = 'A') {
  const board = await ok(f.cadre.get(`/api/checkpoints/roster?postId=${postId}&from=${d}&days=1`));
  return board.cells.find((c: any) => c.day === d && c.shiftCode === shiftCode);
}
async function openTasks(agent: typeof f.cadre, kind: string, id: number) {
  const { items } = await ok(agent.get('/api/tasks/mine?all=true'));
  return items.filter((t: any) => t.subject?.kind === kind && t.subject.id === id && t.status === 'open');
}
async function auditActions(id: number): Promise<string[]> {
  const rows = await f.t.db.query<{ action: string }>(
    "SELECT action FROM audit_log WHERE entity = 'checkpoint_roster_request' AND entity_id = $1 ORDER BY id",
    [String(id)],
  );
  return rows.map((r) => r.action);
}

describe('swap requests', () => {
  it('pending → accepted by the colleague → approved: the shift moves to the colleague, each step audited and in the inbox', async () => {
    const a = await assign(f.ids.volunteer, day(2));
    const req = await ok(f.volunteer.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.worker, reason: '家中有事' }), 201);
    expect(req).toMatchObject({ kind: 'swap', status: 'pending', colleagueId: f.ids.worker, areaId: f.village.id, reason: '家中有事', warnings: [] });
    expect(req.shifts).toEqual([expect.objectContaining({ assignmentId: a, postId, day: day(2), shiftCode: 'A', role: 'volunteer' })]);
    expect(await openTasks(f.worker, 'checkpoint_swap_ask', req.id)).toHaveLength(1);

    // The same shift again while this one is open: refused, nothing stored.
    const dup = await f.volunteer.post(R, { kind: 'leave', assignmentId: a, reason: '病假' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ROSTER_REQUEST_DUPLICATE');
    // The cadre cannot approve before the colleague accepts; the requester cannot accept for the colleague.
    expect((await f.cadre.post(`${R}/${req.id}/approve`, {})).json().error.code).toBe('ROSTER_REQUEST_STATE');
    expect((await f.volunteer.post(`${R}/${req.id}/accept`, {})).statusCode).toBe(404);

    const accepted = await ok(f.worker.post(`${R}/${req.id}/accept`, {}));
    expect(accepted.status).toBe('accepted_by_colleague');
    expect(await openTasks(f.worker, 'checkpoint_swap_ask', req.id)).toHaveLength(0);
    const approvals = await openTasks(f.cadre, 'checkpoint_roster_request', req.id);
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({ type: 'checkpoint_roster_request', titleKey: 'swapApprove' });
    // The board lists it among the open requests.
    const open = await ok(f.cadre.get(`${R}?under=${f.village.id}`));
    expect(open.items.map((r: any) => r.id)).toContain(req.id);
    expect((await f.worker.post(`${R}/${req.id}/accept`, {})).json().error.code).toBe('ROSTER_REQUEST_STATE');

    const approved = await ok(f.cadre.post(`${R}/${req.id}/approve`, { note: '同意' }));
    expect(approved).toMatchObject({ status: 'approved', decisionNote: '同意', decidedByName: expect.any(String) });
    const c = await cell(day(2));
    expect(c.people.map((p: any) => p.userId)).toEqual([f.ids.worker]);
    expect(c.gap).toBe(false);
    expect(await openTasks(f.cadre, 'checkpoint_roster_request', req.id)).toHaveLength(0);
    expect(await auditActions(req.id)).toEqual(['create', 'accept', 'approve']);
    // Decided: nothing more can happen to it.
    expect((await f.volunteer.post(`${R}/${req.id}/withdraw`, {})).json().error.code).toBe('ROSTER_REQUEST_STATE');
    expect((await ok(f.volunteer.get(`${R}/mine`))).made.map((r: any) => r.id)).toContain(req.id);
    expect((await ok(f.worker.get(`${R}/mine`))).asked.map((r: any) => r.id)).toContain(req.id);
  });

  it('declined by the colleague, refused by a cadre, withdrawn by the requester: the roster does not change', async () => {
    const a = await assign(f.ids.volunteer, day(3));
    const declined = await ok(f.volunteer.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.worker }), 201);
    expect((await ok(f.worker.post(`${R}/${declined.id}/decline`, { note: '那天也有事' }))).status).toBe('refused');

    const refused = await ok(f.volunteer.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.worker }), 201);
    await ok(f.worker.post(`${R}/${refused.id}/accept`, {}));
    expect((await ok(f.cadre.post(`${R}/${refused.id}/refuse`, { note: '人手不够' }))).status).toBe('refused');

    const withdrawn = await ok(f.volunteer.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.worker }), 201);
    expect((await f.worker.post(`${R}/${withdrawn.id}/withdraw`, {})).statusCode).toBe(404);
    expect((await ok(f.volunteer.post(`${R}/${withdrawn.id}/withdraw`, {}))).status).toBe('withdrawn');
    expect(await openTasks(f.worker, 'checkpoint_swap_ask', withdrawn.id)).toHaveLength(0);

    expect((await cell(day(3))).people.map((p: any) => p.userId)).toEqual([f.ids.volunteer]);
    expect(await auditActions(declined.id)).toEqual(['create', 'decline']);
    expect(await auditActions(refused.id)).toEqual(['create', 'accept', 'refuse']);
    expect(await auditActions(withdrawn.id)).toEqual(['create', 'withdraw']);
  });

  it('warns the rules the colleague would break, before and on approval', async () => {
    // The worker works the evening before (16:00–24:00): the morning after leaves 8 hours of rest, under the 10 asked.
    await assign(f.ids.worker, day(4), 'B');
    const a = await assign(f.ids.volunteer, day(5), 'A');
    const req = await ok(f.volunteer.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.worker }), 201);
    expect(req.warnings.map((w: any) => w.kind)).toContain('rest');
    await ok(f.worker.post(`${R}/${req.id}/accept`, {}));
    const approved = await ok(f.cadre.post(`${R}/${req.id}/approve`, {}));
    expect(approved.warnings.map((w: any) => w.kind)).toContain('rest');
    expect((await cell(day(5))).people.map((p: any) => p.userId)).toEqual([f.ids.worker]);
  });

  it('refuses a colleague in two places at once on approval, and bad requests with a field', async () => {
    const a = await assign(f.ids.volunteer, day(6), 'A');
    const other = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '另一卡点' })), 201)).id;
    await ok(f.cadre.post('/api/checkpoints/assignments', { postId: other, day: day(6), shiftCode: 'A', userId: f.ids.worker, role: 'volunteer' }), 201);
    const req = await ok(f.volunteer.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.worker }), 201);
    expect(req.warnings.map((w: any) => w.kind)).toContain('overlap');
    await ok(f.worker.post(`${R}/${req.id}/accept`, {}));
    const clash = await f.cadre.post(`${R}/${req.id}/approve`, {});
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('SHIFT_OVERLAP');
    // Nothing changed: still accepted, still the volunteer's.
    expect((await ok(f.cadre.get(`${R}?under=${f.village.id}`))).items.find((r: any) => r.id === req.id).status).toBe('accepted_by_colleague');
    expect((await cell(day(6))).people.map((p: any) => p.userId)).toEqual([f.ids.volunteer]);

    const missing = await f.volunteer.post(R, { kind: 'swap', assignmentId: a });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('colleagueId');
    expect((await f.volunteer.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.volunteer })).json().error.fields).toEqual({
      colleagueId: '不能换给自己',
    });
    // Another's shift looks like a missing one; a colleague outside the requester's scope too.
    expect((await f.worker.post(R, { kind: 'swap', assignmentId: a, colleagueId: f.ids.volunteer })).json().error.fields).toHaveProperty('assignmentId');
    const b = await assign(f.ids.volunteer, day(7), 'A');
    expect((await f.volunteer.post(R, { kind: 'swap', assignmentId: b, colleagueId: f.ids.stranger })).json().error.fields).toHaveProperty('colleagueId');
    expect((await f.volunteer.post(R, { kind: 'leave', fromDay: day(9), toDay: day(8) })).json().error.fields).toHaveProperty('toDay');
    // The colleagues offered for a swap: never me; only for my own shift.
    expect((await ok(f.volunteer.get(`${R}/colleagues?assignmentId=${b}`))).items.map((c: any) => c.userId)).not.toContain(f.ids.volunteer);
    expect((await f.worker.get(`${R}/colleagues?assignmentId=${b}`)).statusCode).toBe(400);
  });
});

describe('leave requests', () => {
  it('one shift: pending → approved frees it (a gap on the board); refused leaves it', async () => {
    const a = await assign(f.ids.volunteer, day(10));
    const req = await ok(f.volunteer.post(R, { kind: 'leave', assignmentId: a, reason: '病假' }), 201);
    expect(req).toMatchObject({ kind: 'leave', status: 'pending', colleagueId: null });
    expect((await f.worker.post(`${R}/${req.id}/accept`, {})).statusCode).toBe(404);
    expect(await openTasks(f.cadre, 'checkpoint_roster_request', req.id)).toEqual([expect.objectContaining({ titleKey: 'leaveApprove' })]);
    // A volunteer holds no approval permission.
    expect((await f.volunteer.post(`${R}/${req.id}/approve`, {})).statusCode).toBe(403);
    expect((await ok(f.cadre.post(`${R}/${req.id}/approve`, {}))).status).toBe('approved');
    const c = await cell(day(10));
    expect(c.people).toEqual([]);
    expect(c.gap).toBe(true);

    const b = await assign(f.ids.volunteer, day(11));
    const no = await ok(f.volunteer.post(R, { kind: 'leave', assignmentId: b }), 201);
    expect((await ok(f.cadre.post(`${R}/${no.id}/refuse`, { note: '无人可替' }))).status).toBe('refused');
    expect((await cell(day(11))).people.map((p: any) => p.userId)).toEqual([f.ids.volunteer]);
  });

  it('a range of days covers every shift of mine in it; an empty range is refused', async () => {
    await assign(f.ids.volunteer, day(13), 'A');
    await assign(f.ids.volunteer, day(14), 'B');
    const req = await ok(f.volunteer.post(R, { kind: 'leave', fromDay: day(12), toDay: day(15) }), 201);
    expect(req.shifts.map((s: any) => `${s.day}${s.shiftCode}`)).toEqual([`${day(13)}A`, `${day(14)}B`]);
    expect(req).toMatchObject({ fromDay: day(12), toDay: day(15) });
    await ok(f.cadre.post(`${R}/${req.id}/approve`, {}));
    expect((await cell(day(13), 'A')).people).toEqual([]);
    expect((await cell(day(14), 'B')).people).toEqual([]);
    // The approved leave covers its days, also those with no shift when it was asked: a fill of the days after
    // sees day 15 (no shift then) at its edge, where the rest rules look; days past its edge do not.
    const covering = async (from: string, to: string) =>
      (await approvedLeave(f.t.db, { userIds: [f.ids.volunteer], from, to })).filter((l) => l.from_day === day(12)).length;
    expect(await covering(day(16), day(20))).toBe(1);
    expect(await covering(day(18), day(19))).toBe(0);
    const none = await f.volunteer.post(R, { kind: 'leave', fromDay: day(20), toDay: day(21) });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('NO_SHIFTS_IN_RANGE');
  });

  it('refuses a shift already started, and a cadre approving their own request', async () => {
    const started = await assign(f.ids.volunteer, day(-1), 'C');
    const late = await f.volunteer.post(R, { kind: 'leave', assignmentId: started });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'SHIFT_STARTED', message: expect.stringContaining('已经开始') });

    const mine = await assign(f.ids.cadre, day(16));
    const own = await ok(f.cadre.post(R, { kind: 'leave', assignmentId: mine }), 201);
    const self = await f.cadre.post(`${R}/${own.id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('ROSTER_REQUEST_OWN');
    expect((await ok(f.command.post(`${R}/${own.id}/approve`, {}))).status).toBe('approved');
  });

  it('is out of reach of a cadre of another town', async () => {
    const a = await assign(f.ids.volunteer, day(17));
    const req = await ok(f.volunteer.post(R, { kind: 'leave', assignmentId: a }), 201);
    const elsewhere = await makeArea(f.t.db, f.t.root, '外镇', 'town');
    await makeUser(f.t.db, 'cadre_elsewhere', ['cadre'], elsewhere);
    const other = await login(f.t.app, 'cadre_elsewhere');
    expect((await other.post(`${R}/${req.id}/approve`, {})).statusCode).toBe(404);
    expect((await other.post(`${R}/${req.id}/refuse`, {})).statusCode).toBe(404);
    expect((await ok(other.get(`${R}?status=all`))).items).toEqual([]);
    expect((await ok(f.cadre.get(`${R}?status=all`))).items.map((r: any) => r.id)).toContain(req.id);
  });
});
