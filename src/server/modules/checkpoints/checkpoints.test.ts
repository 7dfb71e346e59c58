import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClock } from './local-time';
import { raiseUnderstaffed } from './staffing';
import { type CheckpointFixture, checkpointFixture, newPost, ok } from './test-fixture';

let f: CheckpointFixture;
beforeAll(async () => {
  f = await checkpointFixture();
});
afterAll(() => f.t.close());

/** "HH:MM" of an instant in the deployment's time zone. */
function hhmm(at: Date): string {
  const m = localClock(f.t.app.timeZone, at).minute;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

describe('posts', () => {
  it('sets up a post with the three-shift template, edits it and refuses bad input with a field', async () => {
    const post = await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { staffing: { volunteer: 2, police: 1 } })), 201);
    expect(post).toMatchObject({ kind: 'village_entrance', shiftKind: 'three_8', minimum: 3, open: true, areaName: '王隆集村' });
    expect(post.shifts.map((s: any) => s.code)).toEqual(['A', 'B', 'C']);
    expect(post.staffing).toEqual({ party_member: 0, police: 1, medical: 0, volunteer: 2 });
    const edited = await ok(f.cadre.patch(`/api/checkpoints/posts/${post.id}`, { lanes: 2, place: '省道 S213 东侧', closesOn: '2030-01-01' }));
    expect(edited).toMatchObject({ lanes: 2, place: '省道 S213 东侧', closesOn: '2030-01-01', name: '王隆集村东口' });
    expect((await ok(f.volunteer.get(`/api/checkpoints/posts?under=${f.village.id}`))).items.map((p: any) => p.id)).toContain(post.id);

    expect((await f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { kind: 'airport' }))).statusCode).toBe(400);
    const backwards = await f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { opensOn: '2026-02-01', closesOn: '2026-01-01' }));
    expect(backwards.json().error.fields).toHaveProperty('closesOn');
    expect((await f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { opensAt: '08:00' }))).json().error.fields).toHaveProperty('closesAt');
    expect((await f.volunteer.post('/api/checkpoints/posts', newPost(f.village.id))).statusCode).toBe(403);
    expect((await f.cadre.post('/api/checkpoints/posts', newPost(f.t.root.id))).json().error.fields).toEqual({ areaId: expect.any(String) });
  });

  it('checks that a post open around the clock is covered 24 hours', async () => {
    const gap = await f.cadre.post(
      '/api/checkpoints/posts',
      newPost(f.village.id, {
        shiftKind: 'custom',
        shifts: [
          { code: 'D', name: '白班', start: '07:00', end: '19:00' },
          { code: 'E', name: '晚班', start: '19:00', end: '23:00' },
        ],
      }),
    );
    expect(gap.statusCode).toBe(422);
    expect(gap.json().error).toMatchObject({ code: 'SHIFTS_NOT_COVERED', message: expect.stringContaining('23:00–07:00') });
    // With opening hours the post closes at night: the same shifts are fine.
    const dayPost = await ok(
      f.cadre.post(
        '/api/checkpoints/posts',
        newPost(f.village.id, {
          opensAt: '07:00',
          closesAt: '23:00',
          shiftKind: 'custom',
          shifts: [{ code: 'D', name: '白班', start: '07:00', end: '23:00' }],
        }),
      ),
      201,
    );
    expect(dayPost.opensAt).toBe('07:00');
    const post = await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id)), 201);
    const twelve = await ok(f.cadre.put(`/api/checkpoints/posts/${post.id}/shifts`, { shiftKind: 'two_12', handoverMinutes: 30 }));
    expect(twelve).toMatchObject({ shiftKind: 'two_12', handoverMinutes: 30 });
    expect(twelve.shifts.map((s: any) => [s.start, s.end])).toEqual([
      ['08:00', '20:00'],
      ['20:00', '08:00'],
    ]);
    const short = await f.cadre.put(`/api/checkpoints/posts/${post.id}/shifts`, {
      shiftKind: 'custom',
      shifts: [{ code: 'X', name: '白班', start: '08:00', end: '20:00' }],
    });
    expect(short.statusCode).toBe(422);
    const twice = await f.cadre.put(`/api/checkpoints/posts/${post.id}/shifts`, {
      shiftKind: 'custom',
      shifts: [
        { code: 'X', name: '白班', start: '08:00', end: '20:00' },
        { code: 'X', name: '夜班', start: '20:00', end: '08:00' },
      ],
    });
    expect(twice.json().error.code).toBe('SHIFT_CODE_TWICE');
  });
});

describe('the roster by hand', () => {
  it('assigns and unassigns, refuses one person in two places at once (409), people outside the scope and closed days', async () => {
    const east = await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '东口' })), 201);
    const west = await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '西口', shiftKind: 'two_12' })), 201);
    const day = '2026-06-01';
    const a = await ok(f.cadre.post('/api/checkpoints/assignments', { postId: east.id, day, shiftCode: 'A', userId: f.ids.volunteer, role: 'volunteer' }), 201);
    expect(a).toMatchObject({ postName: '东口', shiftName: '早班', role: 'volunteer', checkedInAt: null });
    expect(new Date(a.endsAt).getTime() - new Date(a.startsAt).getTime()).toBe(8 * 3600_000);
    // The next shift at the same post is back to back, not overlapping.
    await ok(f.cadre.post('/api/checkpoints/assignments', { postId: east.id, day, shiftCode: 'B', userId: f.ids.volunteer, role: 'volunteer' }), 201);
    // West's day shift (08:00–20:00) overlaps both.
    const clash = await f.cadre.post('/api/checkpoints/assignments', { postId: west.id, day, shiftCode: 'D', userId: f.ids.volunteer, role: 'volunteer' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'SHIFT_OVERLAP', message: expect.stringContaining('东口') });
    // Racing requests for overlapping shifts: exactly one wins.
    const race = await Promise.all(
      ['D', 'N'].map((code) =>
        f.cadre.post('/api/checkpoints/assignments', { postId: west.id, day: '2026-06-03', shiftCode: code, userId: f.ids.worker, role: 'volunteer' }),
      ),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 201]);
    const race2 = await Promise.all(
      [east.id, west.id].map((postId) =>
        f.cadre.post('/api/checkpoints/assignments', {
          postId,
          day: '2026-06-05',
          shiftCode: postId === east.id ? 'A' : 'D',
          userId: f.ids.worker,
          role: 'volunteer',
        }),
      ),
    );
    expect(race2.map((r) => r.statusCode).sort()).toEqual([201, 409]);

    const outside = await f.cadre.post('/api/checkpoints/assignments', { postId: east.id, day, shiftCode: 'C', userId: f.ids.stranger, role: 'volunteer' });
    expect(outside.json().error.fields).toEqual({ userId: expect.any(String) });
    const before = await f.cadre.post('/api/checkpoints/assignments', {
      postId: east.id,
      day: '2025-12-31',
      shiftCode: 'A',
      userId: f.ids.worker,
      role: 'volunteer',
    });
    expect(before.json().error.code).toBe('POST_CLOSED');
    expect(
      (await f.cadre.post('/api/checkpoints/assignments', { postId: east.id, day, shiftCode: 'Z', userId: f.ids.worker, role: 'volunteer' })).statusCode,
    ).toBe(400);
    expect(
      (await f.volunteer.post('/api/checkpoints/assignments', { postId: east.id, day, shiftCode: 'C', userId: f.ids.worker, role: 'volunteer' })).statusCode,
    ).toBe(403);

    const board = await ok(f.cadre.get(`/api/checkpoints/roster?postId=${east.id}&from=${day}&days=2`));
    expect(board.days).toEqual([day, '2026-06-02']);
    const cell = (d: string, s: string) => board.cells.find((c: any) => c.day === d && c.shiftCode === s);
    expect(cell(day, 'A')).toMatchObject({ gap: false, people: [{ userId: f.ids.volunteer, role: 'volunteer' }] });
    expect(cell(day, 'C')).toMatchObject({ gap: true, short: ['volunteer'], people: [] });

    await ok(f.cadre.request({ method: 'DELETE', url: `/api/checkpoints/assignments/${a.id}` }));
    await ok(
      f.cadre.post('/api/checkpoints/assignments', { postId: west.id, day: '2026-06-02', shiftCode: 'N', userId: f.ids.volunteer, role: 'volunteer' }),
      201,
    );
    expect((await f.cadre.request({ method: 'DELETE', url: `/api/checkpoints/assignments/${a.id}` })).statusCode).toBe(404);
  });

  it('checks in by the post’s QR code (late shown), shows the absent, and lists my shifts', async () => {
    const now = new Date();
    // A shift that started 30 minutes ago; the post keeps hours so it needs no 24-hour cover.
    const start = new Date(now.getTime() - 30 * 60_000);
    const end = new Date(now.getTime() + 4 * 3600_000);
    const [s, e] = [hhmm(start), hhmm(end)];
    const day = localClock(f.t.app.timeZone, start).day;
    const post = await ok(
      f.cadre.post(
        '/api/checkpoints/posts',
        newPost(f.village.id, { name: '南口', opensAt: s, closesAt: e, shiftKind: 'custom', shifts: [{ code: 'S', name: '值守', start: s, end: e }] }),
      ),
      201,
    );
    await ok(f.cadre.post('/api/checkpoints/assignments', { postId: post.id, day, shiftCode: 'S', userId: f.ids.volunteer, role: 'volunteer' }), 201);
    await ok(f.cadre.post('/api/checkpoints/assignments', { postId: post.id, day, shiftCode: 'S', userId: f.ids.cadre, role: 'party_member' }), 201);
    const mine = await ok(f.volunteer.get('/api/checkpoints/my-shifts'));
    expect(mine.items.map((x: any) => x.postName)).toContain('南口');

    const { text } = await ok(f.cadre.get(`/api/checkpoints/posts/${post.id}/qr`));
    expect((await f.command.post('/api/checkpoints/check-in', { code: text })).json().error.code).toBe('NO_SHIFT_NOW');
    // Outside the worker's scope (a grid below the post's village) and no shift there: the code reads as unknown.
    expect((await f.worker.post('/api/checkpoints/check-in', { code: text })).json().error.code).toBe('CHECKPOINT_CODE_UNKNOWN');
    expect((await f.volunteer.post('/api/checkpoints/check-in', { code: 'WGCP:nothing' })).json().error.code).toBe('CHECKPOINT_CODE_UNKNOWN');
    const checked = await ok(f.volunteer.post('/api/checkpoints/check-in', { code: text }));
    expect(checked.checkedInAt).not.toBeNull();
    expect(checked.lateMinutes).toBeGreaterThanOrEqual(29);
    const again = await ok(f.volunteer.post('/api/checkpoints/check-in', { code: text }));
    expect(again.checkedInAt).toBe(checked.checkedInAt);

    const board = await ok(f.cadre.get(`/api/checkpoints/roster?postId=${post.id}&from=${day}&days=1`));
    const people = board.cells[0].people;
    expect(people.find((p: any) => p.userId === f.ids.volunteer)).toMatchObject({ late: true, absent: false });
    expect(people.find((p: any) => p.userId === f.ids.cadre)).toMatchObject({ absent: true, checkedInAt: null });
    // Someone checked in cannot be taken off the shift.
    const taken = await f.cadre.request({ method: 'DELETE', url: `/api/checkpoints/assignments/${checked.id}` });
    expect(taken.json().error.code).toBe('SHIFT_CHECKED_IN');

    const handover = await ok(
      f.volunteer.post(`/api/checkpoints/posts/${post.id}/handovers`, { incidents: '一辆货车无通行证，已劝返', suppliesShort: ['masks'] }),
      201,
    );
    expect(handover).toMatchObject({ shiftCode: 'S', suppliesShort: ['masks'] });
    expect((await ok(f.cadre.get(`/api/checkpoints/posts/${post.id}/handovers`))).total).toBe(1);
  });
});

describe('understaffed now', () => {
  it('raises one urgent task for the command center when a shift lacks its minimum 15 minutes after it starts', async () => {
    const post = await ok(
      f.cadre.post(
        '/api/checkpoints/posts',
        newPost(f.village.id, { name: '北口', opensOn: '2025-11-01', closesOn: '2025-11-02', staffing: { volunteer: 1, police: 1 } }),
      ),
      201,
    );
    await ok(
      f.cadre.post('/api/checkpoints/assignments', { postId: post.id, day: '2025-11-01', shiftCode: 'A', userId: f.ids.worker, role: 'volunteer' }),
      201,
    );
    const tz = f.t.app.timeZone;
    const at = (s: string) => new Date(`2025-11-01T${s}:00+08:00`);
    expect(tz).toBe('Asia/Shanghai');
    expect(await raiseUnderstaffed(f.t.db, { now: at('08:10'), timeZone: tz })).toBe(0);
    expect(await raiseUnderstaffed(f.t.db, { now: at('08:16'), timeZone: tz })).toBe(1);
    expect(await raiseUnderstaffed(f.t.db, { now: at('08:30'), timeZone: tz })).toBe(0);
    const tasks = (await ok(f.command.get('/api/tasks/mine?all=true'))).items.filter((x: any) => x.type === 'checkpoint_understaffed');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      priority: 'urgent',
      subject: { kind: 'checkpoint_post', id: post.id },
      title: expect.stringContaining('北口'),
      titleKey: 'understaffed',
      titleParams: expect.objectContaining({
        post: expect.stringContaining('北口'),
        day: '2025-11-01',
        present: expect.any(Number),
        minimum: expect.any(Number),
      }),
    });
    // Shift B fully checked in: no alert; the night shift C of the 2nd, nobody there, raises its own.
    await f.t.db.query(
      `INSERT INTO checkpoint_assignments (post_id, area_path, day, shift_code, user_id, role, starts_at, ends_at, checked_in_at)
       SELECT $1, $2, '2025-11-01', 'B', u, r, '2025-11-01T16:00:00+08:00', '2025-11-02T00:00:00+08:00', '2025-11-01T15:55:00+08:00'
         FROM (VALUES ($3::int, 'volunteer'), ($4::int, 'police')) v(u, r)`,
      [post.id, post.areaPath, f.ids.worker, f.ids.volunteer],
    );
    expect(await raiseUnderstaffed(f.t.db, { now: at('16:20'), timeZone: tz })).toBe(0);
    expect(await raiseUnderstaffed(f.t.db, { now: new Date('2025-11-02T00:30:00+08:00'), timeZone: tz })).toBe(1);
    // Closed after the 2nd: nothing on the 3rd.
    expect(await raiseUnderstaffed(f.t.db, { now: new Date('2025-11-03T09:00:00+08:00'), timeZone: tz })).toBe(0);
  });
});
