import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excelJs } from '../../platform/exceljs';
import { makeUser } from '../../testing/harness';
import { type CheckpointFixture, checkpointFixture, newPost, ok } from './test-fixture';

/**
 * Filling the week (issue 15, point 3) on a small fixture: one village post, three 8-hour shifts a day, one
 * volunteer a shift, four volunteers living in the village, three days. The optimiser gets two seconds.
 */
let f: CheckpointFixture;
let postId: number;
const FROM = '2026-12-07';
beforeAll(async () => {
  f = await checkpointFixture({ ROSTER_FILL_SECONDS: 2 });
  for (const name of ['v2', 'v3', 'v4']) await makeUser(f.t.db, name, ['volunteer'], f.village);
  postId = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { staffing: { volunteer: 1 } })), 201)).id;
});
afterAll(() => f.t.close());

async function finished(id: number) {
  const until = Date.now() + 60_000;
  for (;;) {
    const fill = await ok(f.cadre.get(`/api/checkpoints/roster/fills/${id}`));
    if (fill.status !== 'running') return fill;
    if (Date.now() > until) throw new Error(`fill still ${fill.phase}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const board = () => ok(f.cadre.get(`/api/checkpoints/roster?under=${f.village.id}&from=${FROM}&days=3`));

describe('filling the week', () => {
  it('fills every shift the people allow without breaking a rule, and refuses a second fill of the area while one runs', async () => {
    const [a, b] = await Promise.all([
      f.cadre.post('/api/checkpoints/roster/fill', { areaId: f.village.id, from: FROM, days: 3 }),
      f.cadre.post('/api/checkpoints/roster/fill', { areaId: f.village.id, from: FROM, days: 3 }),
    ]);
    const [started, refused] = a.statusCode === 202 ? [a, b] : [b, a];
    expect(started.statusCode, started.body).toBe(202);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'ROSTER_FILL_RUNNING', message: expect.stringContaining('王隆集村') });
    const fill = await finished(started.json().id);
    expect(fill).toMatchObject({ status: 'done', phase: 'done', feasible: true, unfilled: 0, assigned: 9 });
    expect(fill.lowerBound).toBeLessThanOrEqual(fill.objective);
    const r = await board();
    expect(r.cells).toHaveLength(9);
    expect(r.cells.filter((c: any) => c.gap)).toEqual([]);
    // One shift a day each, as the rules say.
    const perDay = new Map<string, number>();
    for (const c of r.cells) for (const p of c.people) perDay.set(`${p.userId}|${c.day}`, (perDay.get(`${p.userId}|${c.day}`) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(1);
    const audits = await f.t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'checkpoint_roster' AND action = 'fill'");
    // The fill that started is audited once (as asked); the refused one wrote nothing.
    expect(audits[0].n).toBe(1);
    // A volunteer may see the board but not fill it.
    expect((await f.volunteer.post('/api/checkpoints/roster/fill', { areaId: f.village.id, from: FROM })).statusCode).toBe(403);
  });

  it('keeps hand-made and checked-in assignments when the week is filled again, and replaces the rest', async () => {
    const before = await board();
    const cellOf = (day: string, code: string) => before.cells.find((c: any) => c.day === day && c.shiftCode === code);
    const checked = cellOf(FROM, 'A').people[0];
    await f.t.db.execute('UPDATE checkpoint_assignments SET checked_in_at = starts_at WHERE id = $1', [checked.assignmentId]);
    // A hand edit: a second volunteer on the last evening (the post needs one; two is allowed).
    const lastDay = '2026-12-09';
    const other = cellOf(lastDay, 'B').people[0].userId;
    const anyone = [f.ids.volunteer, ...(await f.t.db.query<{ id: number }>("SELECT id FROM users WHERE username IN ('v2','v3','v4')")).map((u) => u.id)];
    const free = anyone.find((u) => u !== other && !before.cells.some((c: any) => c.day === lastDay && c.people.some((p: any) => p.userId === u)));
    const hand = await ok(f.cadre.post('/api/checkpoints/assignments', { postId, day: lastDay, shiftCode: 'B', userId: free, role: 'volunteer' }), 201);
    const fill = await ok(f.cadre.post('/api/checkpoints/roster/fill', { areaId: f.village.id, from: FROM, days: 3 }), 202);
    expect(await finished(fill.id)).toMatchObject({ status: 'done', feasible: true, unfilled: 0 });
    const after = await board();
    const ids = after.cells.flatMap((c: any) => c.people.map((p: any) => p.assignmentId));
    expect(ids).toContain(checked.assignmentId);
    expect(ids).toContain(hand.id);
    const old = new Set(before.cells.flatMap((c: any) => c.people.map((p: any) => p.assignmentId)));
    // Everything else the first fill made was replaced by the second.
    expect(ids.filter((id: number) => old.has(id))).toEqual([checked.assignmentId]);
    expect(after.cells.filter((c: any) => c.gap)).toEqual([]);
  });

  it('saves a hand edit that breaks the rules and answers its warnings', async () => {
    const day = '2026-12-14';
    await ok(f.cadre.post('/api/checkpoints/assignments', { postId, day, shiftCode: 'A', userId: f.ids.volunteer, role: 'volunteer' }), 201);
    const second = await f.cadre.post('/api/checkpoints/assignments', { postId, day, shiftCode: 'B', userId: f.ids.volunteer, role: 'police' });
    expect(second.statusCode, second.body).toBe(201);
    const kinds = second
      .json()
      .warnings.map((w: any) => w.kind)
      .sort();
    // 08–16 then 16–24: no rest, two shifts in a day, and put on as police where the post needs none.
    expect(kinds).toEqual(['rest', 'shiftsPerDay', 'unknownRole']);
    expect(second.json().warnings.find((w: any) => w.kind === 'rest').params).toEqual({ hours: 10 });
    const fine = await ok(
      f.cadre.post('/api/checkpoints/assignments', { postId, day: '2026-12-16', shiftCode: 'A', userId: f.ids.volunteer, role: 'volunteer' }),
      201,
    );
    expect(fine.warnings).toEqual([]);
  });

  it('lists who a hand edit may choose from: volunteers under the area, not the grid worker', async () => {
    const r = await ok(f.cadre.get(`/api/checkpoints/roster/people?under=${f.village.id}`));
    expect(r.items).toContainEqual({ userId: f.ids.volunteer, name: expect.any(String), roles: ['volunteer'] });
    expect(r.items.map((p: any) => p.userId)).not.toContain(f.ids.worker);
    expect(r.items).toHaveLength(4);
  });

  it('does not let a fill whose process was lost hold the area for ever', async () => {
    await f.t.db.execute(
      `INSERT INTO checkpoint_roster_fills (area_id, area_path, from_day, days, policy_version, started_at)
       VALUES ($1, $2, '2026-12-21', 7, 1, now() - interval '1 hour')`,
      [f.village.id, f.village.path],
    );
    const fill = await ok(f.cadre.post('/api/checkpoints/roster/fill', { areaId: f.village.id, from: '2026-12-21', days: 1 }), 202);
    expect(await finished(fill.id)).toMatchObject({ status: 'done' });
  });

  it('shows the rules and weights in force', async () => {
    const p = await ok(f.volunteer.get('/api/checkpoints/roster/policy'));
    expect(p).toMatchObject({ version: 1, restHours: 10, weeklyHourCap: 40, weights: { unfilled: 100 } });
  });

  it('exports the week as .xlsx, one sheet per post, only for a stated purpose, with an audit row', async () => {
    const url = `/api/checkpoints/roster/export.xlsx?under=${f.village.id}&from=${FROM}&days=3`;
    expect((await f.cadre.post(url, {})).statusCode).toBe(400);
    const res = await f.cadre.post(url, { purpose: '张贴值班表' });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new (excelJs().Workbook)();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['王隆集村东口']);
    const text = wb.worksheets[0].getSheetValues().flat().join(' ');
    expect(text).toContain('2026-12-07（一）');
    expect(text).toContain('（志愿者）');
    expect(text).toContain('用途：张贴值班表');
    const [row] = await f.t.db.query<{ after: { purpose: string; posts: number } }>(
      "SELECT after FROM audit_log WHERE entity = 'checkpoint_roster' AND action = 'export' ORDER BY id DESC LIMIT 1",
    );
    expect(row.after).toMatchObject({ purpose: '张贴值班表', posts: 1 });
  });
});
