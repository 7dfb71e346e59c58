import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HELP_POLICY } from '../../../domain/help/policy';
import { uploadPhoto } from '../../testing/photos';
import { escalateOverdue } from './escalate';
import { type HelpFixture, MOTHER_PHONE, helpFixture, idOf, ok, publicBody, submitPublic, triageMedicine } from './test-fixture';

let f: HelpFixture;
beforeAll(async () => {
  f = await helpFixture();
});
afterAll(() => f.t.close());

const pub = (url: string, payload?: unknown) => f.t.app.inject({ method: payload ? 'POST' : 'GET', url, payload: payload as never });

describe('policy as data', () => {
  it('the migration seeds the same pipelines and tiers as the domain default', async () => {
    const p = await ok(f.cadre.get('/api/help/policy'));
    expect({ kinds: p.kinds, tiers: p.tiers, defaultTier: p.defaultTier }).toEqual(JSON.parse(JSON.stringify(DEFAULT_HELP_POLICY)));
  });
});

describe("the seed's medicine pipeline, end to end", () => {
  it('a public request is triaged, delivered to the linked member with the code read out, closed and followed up', async () => {
    const form = await ok(pub(`/api/help/intake/${f.token}`));
    expect(form.areaName).toBe('王隆集村');
    const sent = await submitPublic(f);
    expect(sent).toMatchObject({ merged: false, call120: false });
    expect(sent.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(sent.handoverCode).toMatch(/^\d{4}$/);
    expect((await ok(pub(`/api/help/track/${sent.code}`))).status).toBe('received');
    const id = await idOf(f, sent.code);

    // Matched to the registry: the mother, her household, filed at her grid; the name and phone masked in lists.
    const got = await ok(f.cadre.get(`/api/help/requests/${id}`));
    expect(got).toMatchObject({
      residentId: f.mother,
      householdId: f.household,
      areaId: f.grid1.id,
      step: 'buyable',
      status: 'triage',
      phone: '139****5678',
      name: '李*',
    });
    expect(got.address).toBe('王隆集村 1 组 1 号');

    // The board of the first step shows it; a cadre may not decide a doctor's step.
    const board = await ok(f.doctor.get('/api/help/board?kind=medicine&step=buyable'));
    expect(board.items.map((i: any) => i.id)).toContain(id);
    const wrongRole = await f.cadre.post(`/api/help/requests/${id}/step`, { step: 'buyable', option: 'yes' });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().error.code).toBe('HELP_STEP_ROLE');
    // The marking step sets the urgency: without it, refused.
    await ok(f.doctor.post(`/api/help/requests/${id}/step`, { step: 'buyable', option: 'yes' }));
    const noTier = await f.cadre.post(`/api/help/requests/${id}/step`, { step: 'source', option: 'local' });
    expect(noTier.json().error.code).toBe('HELP_TIER_REQUIRED');
    // A step decided twice (two workers on one board) is refused the second time.
    await ok(f.cadre.post(`/api/help/requests/${id}/step`, { step: 'source', option: 'local', tier: 'h4' }));
    const again = await f.cadre.post(`/api/help/requests/${id}/step`, { step: 'source', option: 'local', tier: 'h4' });
    expect(again.statusCode).toBe(409);
    await ok(f.doctor.post(`/api/help/requests/${id}/step`, { step: 'classify', option: 'otc' }));
    const handed = await ok(f.cadre.post(`/api/help/requests/${id}/step`, { step: 'handoff', option: 'handed' }));
    expect(handed).toMatchObject({ status: 'dispatch', step: 'dispatch', tier: 'h4' });
    expect(Object.keys(handed.decisions).sort()).toEqual(['buyable', 'classify', 'handoff', 'source']);
    expect(new Date(handed.dueAt).getTime() - new Date(handed.createdAt).getTime()).toBe(4 * 3600_000);

    // Dispatch: the household's linked party member first, then the village's volunteer.
    const who = await ok(f.cadre.get(`/api/help/requests/${id}/deliverers`));
    expect(who.items.map((d: any) => d.why)).toEqual(['linked_member', 'area_volunteer']);
    const assigned = await ok(f.cadre.post(`/api/help/requests/${id}/assign`, {}));
    expect(assigned).toMatchObject({ status: 'delivering', delivererUserId: f.member.userId });

    // 我的代办: the address to go to, the phone and name masked, no handover code.
    const mine = await ok(f.member.get('/api/help/mine'));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id, address: '王隆集村 1 组 1 号', phone: '139****5678', name: '李*' });
    expect(JSON.stringify(mine)).not.toContain(MOTHER_PHONE);
    expect(JSON.stringify(mine)).not.toContain(sent.handoverCode);
    const [task] = await f.t.db.query<{ status: string }>("SELECT status FROM tasks WHERE subject_kind = 'help_delivery' AND subject_id = $1", [id]);
    expect(task.status).toBe('open');

    // Proof required: none, a wrong code, then the code the mother reads out.
    expect((await f.member.post(`/api/help/requests/${id}/deliver`, {})).json().error.code).toBe('HELP_PROOF_REQUIRED');
    const wrong = sent.handoverCode === '0000' ? '1111' : '0000';
    expect((await f.member.post(`/api/help/requests/${id}/deliver`, { code: wrong })).json().error.code).toBe('HELP_CODE_WRONG');
    expect((await f.volunteer.post(`/api/help/requests/${id}/deliver`, { code: sent.handoverCode })).statusCode).toBe(400);
    await ok(f.member.post(`/api/help/requests/${id}/deliver`, { code: sent.handoverCode }));
    expect((await ok(pub(`/api/help/track/${sent.code}`))).status).toBe('done');
    const closed = await ok(f.cadre.post(`/api/help/requests/${id}/close`, { outcome: 'done' }));
    expect(closed).toMatchObject({ status: 'closed', closedWithin: true, proof: 'code' });
    const followed = await ok(f.cadre.post(`/api/help/requests/${id}/follow-up`, { satisfaction: 5, note: '很满意' }));
    expect(followed.satisfaction).toBe(5);
    expect((await f.cadre.post(`/api/help/requests/${id}/follow-up`, { satisfaction: 4 })).json().error.code).toBe('HELP_ALREADY_FOLLOWED');

    // Every step audited; no full phone in the trail.
    const trail = await f.t.db.query<{ action: string; after: unknown }>(
      "SELECT action, after FROM audit_log WHERE entity = 'help_request' AND entity_id = $1 ORDER BY id",
      [String(id)],
    );
    expect(trail.map((r) => r.action)).toEqual(['submit', 'step', 'step', 'step', 'step', 'assign', 'deliver', 'close', 'follow_up']);
    expect(JSON.stringify(trail)).not.toContain(MOTHER_PHONE);
    const [done] = await f.t.db.query<{ status: string }>("SELECT status FROM tasks WHERE subject_kind = 'help_delivery' AND subject_id = $1", [id]);
    expect(done.status).toBe('done');
  });
});

describe('intake rules', () => {
  it('the same public submission sent twice is recorded once; another from the same phone is its own request, never handed the first one’s codes', async () => {
    const phone = '13700001111';
    const body = publicBody({ phone, kind: 'daily_goods', need: '米面' });
    const first = await ok(pub(`/api/help/intake/${f.token}`, body), 201);
    const resend = await ok(pub(`/api/help/intake/${f.token}`, body), 200);
    expect(resend).toEqual(first);
    const count = async () =>
      (
        await f.t.db.query<{ n: number; merged: number }>('SELECT count(*)::int AS n, max(merged_count) AS merged FROM help_requests WHERE phone = $1', [phone])
      )[0];
    expect(await count()).toEqual({ n: 1, merged: 0 });
    // Anyone may type a phone on the public page: a second submission from it is not merged into the first (that
    // answer would hand a stranger the first request's tracking and delivery codes).
    const other = await ok(pub(`/api/help/intake/${f.token}`, publicBody({ phone, kind: 'daily_goods', need: '还要食用油' })), 201);
    expect(other.merged).toBe(false);
    expect(other.code).not.toBe(first.code);
    expect(other.handoverCode).not.toBe(first.handoverCode);
    expect(await count()).toEqual({ n: 2, merged: 0 });
  });

  it('a request with no way to reach the person is refused with why, in both languages', async () => {
    const noPhone = await f.t.app.inject({
      method: 'POST',
      url: `/api/help/intake/${f.token}`,
      payload: publicBody({ phone: null }),
      headers: { 'accept-language': 'en' },
    });
    expect(noPhone.statusCode).toBe(400);
    expect(noPhone.json().error).toMatchObject({ code: 'HELP_UNREACHABLE', fields: { phone: 'required' } });
    expect(noPhone.json().error.message).toContain('nobody could reach');
    const worker = await f.cadre.post('/api/help/requests', { kind: 'other', need: '代买', channel: 'hotline', areaId: f.village.id });
    expect(worker.json().error.code).toBe('HELP_UNREACHABLE');
    expect(worker.json().error.message).toContain('没有联系电话');
    // A registered resident is enough: the registry's phone and address are taken.
    const rec = await ok(
      f.cadre.post('/api/help/requests', { kind: 'other', need: '代买', channel: 'walk_in', areaId: f.village.id, residentId: f.mother }),
      201,
    );
    expect(rec.request).toMatchObject({ channel: 'walk_in', residentId: f.mother, areaId: f.grid1.id, address: '王隆集村 1 组 1 号' });
    expect(rec.handoverCode).toMatch(/^\d{4}$/);
  });

  it('an unknown link looks missing; a bad tracking code is a 400, an unknown one a 404', async () => {
    expect((await pub('/api/help/intake/NoSuchTokenNoSuchToken', publicBody())).statusCode).toBe(404);
    expect((await pub('/api/help/track/abc')).statusCode).toBe(400);
    expect((await pub('/api/help/track/ZZZZZZZZ')).statusCode).toBe(404);
  });

  it('the public page is throttled per address', async () => {
    const g = await helpFixture({ HELP_MAX_PER_ADDRESS: 2 });
    try {
      const send = () => g.t.app.inject({ method: 'POST', url: `/api/help/intake/${g.token}`, payload: publicBody({ phone: '13600002222' }) });
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(429);
    } finally {
      await g.t.close();
    }
  });
});

describe('proof by code', () => {
  it('after five wrong codes only a photo proves the delivery, so a deliverer cannot try all 10,000', async () => {
    const sent = await submitPublic(f, { phone: MOTHER_PHONE, need: '婴儿奶粉' });
    const id = await idOf(f, sent.code);
    await triageMedicine(f, id);
    await ok(f.cadre.post(`/api/help/requests/${id}/assign`, {}));
    const wrong = sent.handoverCode === '0000' ? '1111' : '0000';
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push((await f.member.post(`/api/help/requests/${id}/deliver`, { code: wrong })).json().error.code);
    expect(tries).toEqual(['HELP_CODE_WRONG', 'HELP_CODE_WRONG', 'HELP_CODE_WRONG', 'HELP_CODE_WRONG', 'HELP_CODE_LOCKED']);
    const right = await f.member.post(`/api/help/requests/${id}/deliver`, { code: sent.handoverCode });
    expect(right.statusCode).toBe(409);
    expect(right.json().error.code).toBe('HELP_CODE_LOCKED');
    const photo = await uploadPhoto(f.member);
    expect((await ok(f.member.post(`/api/help/requests/${id}/deliver`, { photoIds: [photo] }))).deliveredAt).toBeTruthy();
  });
});

describe('closing', () => {
  it('only a delivered request closes as done; closed as impossible the person sees why', async () => {
    const sent = await submitPublic(f, { phone: '13500003333' });
    const id = await idOf(f, sent.code);
    await triageMedicine(f, id);
    const early = await f.cadre.post(`/api/help/requests/${id}/close`, { outcome: 'done' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('HELP_PROOF_REQUIRED');
    expect((await f.cadre.post(`/api/help/requests/${id}/close`, { outcome: 'impossible' })).json().error.code).toBe('HELP_REASON_REQUIRED');
    await ok(f.cadre.post(`/api/help/requests/${id}/close`, { outcome: 'impossible', reason: '该药全县缺货，已联系医生改用替代药' }));
    const track = await ok(pub(`/api/help/track/${sent.code}`));
    expect(track).toMatchObject({ status: 'impossible', note: '该药全县缺货，已联系医生改用替代药' });
    expect(JSON.stringify(track)).not.toContain('1350000');
    expect((await f.cadre.post(`/api/help/requests/${id}/close`, { outcome: 'impossible', reason: 'x' })).json().error.code).toBe('HELP_NOT_OPEN');
  });

  it("a photo proves a delivery: the deliverer's own upload, bound to it; someone else's or a bogus id refused", async () => {
    const sent = await submitPublic(f, { phone: '13500005555' });
    const id = await idOf(f, sent.code);
    await triageMedicine(f, id);
    // Filed at the village (the phone is not in the registry): the village's volunteer delivers.
    await ok(f.cadre.post(`/api/help/requests/${id}/assign`, { userId: f.volunteer.userId }));
    const notMine = await uploadPhoto(f.member);
    const bad = await f.volunteer.post(`/api/help/requests/${id}/deliver`, { photoIds: [notMine] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PHOTO_UNKNOWN');
    const photo = await uploadPhoto(f.volunteer);
    await ok(f.volunteer.post(`/api/help/requests/${id}/deliver`, { photoIds: [photo] }));
    expect((await ok(f.cadre.post(`/api/help/requests/${id}/close`, { outcome: 'done' }))).proof).toBe('photo');
    const [bound] = await f.t.db.query<{ owner: string; owner_id: number }>('SELECT owner, owner_id FROM photos WHERE id = $1', [photo]);
    expect(bound).toEqual({ owner: 'help_delivery', owner_id: id });
  });

  it('a step that cannot be done closes the request as impossible with its note', async () => {
    const sent = await submitPublic(f, { phone: '13500004444' });
    const id = await idOf(f, sent.code);
    const r = await ok(f.doctor.post(`/api/help/requests/${id}/step`, { step: 'buyable', option: 'no', note: '处方药需医院开具' }));
    expect(r).toMatchObject({ status: 'impossible', step: null, publicNote: '处方药需医院开具' });
  });
});

describe('transfer (转办/交办)', () => {
  it('an office outside the caller’s reach is refused; the receiving office refuses with a reason, then accepts', async () => {
    const rec = await ok(
      f.cadre.post('/api/help/requests', { kind: 'daily_goods', need: '代买蔬菜', channel: 'phone', areaId: f.village.id, phone: '13300005555' }),
      201,
    );
    const id = rec.request.id;
    const out = await f.cadre.post(`/api/help/requests/${id}/transfer`, { areaId: f.village2.id, reason: '住在李集村' });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.code).toBe('HELP_TRANSFER_REACH');
    // The town's command center reaches both villages.
    const t = await ok(f.command.post(`/api/help/requests/${id}/transfer`, { areaId: f.village2.id, reason: '住在李集村' }));
    expect(t.transfer).toMatchObject({ areaId: f.village2.id, reason: '住在李集村' });
    expect((await f.command.post(`/api/help/requests/${id}/transfer`, { areaId: f.village2.id, reason: 'again' })).json().error.code).toBe(
      'HELP_TRANSFER_PENDING',
    );
    const [task] = await f.t.db.query<{ assignee_role: string; area_id: number }>(
      "SELECT assignee_role, area_id FROM tasks WHERE subject_kind = 'help_transfer' AND subject_id = $1",
      [id],
    );
    expect(task).toEqual({ assignee_role: 'cadre', area_id: f.village2.id });
    // The receiving cadre sees it and refuses: it stays with village 1, the reason kept.
    expect((await ok(f.cadre2.get(`/api/help/requests/${id}`))).transfer.areaId).toBe(f.village2.id);
    expect((await f.cadre2.post(`/api/help/requests/${id}/transfer/refuse`, { reason: '   ' })).statusCode).toBe(400);
    await ok(f.cadre2.post(`/api/help/requests/${id}/transfer/refuse`, { reason: '查无此人，仍在王隆集村' }));
    expect((await f.cadre2.get(`/api/help/requests/${id}`)).statusCode).toBe(404);
    const back = await ok(f.cadre.get(`/api/help/requests/${id}`));
    expect(back).toMatchObject({ areaId: f.village.id, transfer: null, transferRefusedReason: '查无此人，仍在王隆集村' });
    // Sent again, accepted: the request moves to village 2, out of village 1's sight.
    await ok(f.command.post(`/api/help/requests/${id}/transfer`, { areaId: f.village2.id, reason: '核实后确在李集村' }));
    expect((await f.cadre.post(`/api/help/requests/${id}/transfer/accept`)).statusCode).toBe(404);
    const accepted = await ok(f.cadre2.post(`/api/help/requests/${id}/transfer/accept`));
    expect(accepted).toMatchObject({ areaId: f.village2.id, transfer: null, status: 'triage', step: 'assess' });
    expect((await f.cadre.get(`/api/help/requests/${id}`)).statusCode).toBe(404);
    expect((await f.cadre2.post(`/api/help/requests/${id}/transfer/accept`)).json().error.code).toBe('HELP_NO_TRANSFER');
  });
});

describe('deadlines and escalation (a fake clock)', () => {
  it('an overdue request goes up a level at a time, with an urgent task for the command center there', async () => {
    const sent = await submitPublic(f, { phone: '13200006666', kind: 'child', need: '奶粉' });
    const id = await idOf(f, sent.code);
    await ok(f.doctor.post(`/api/help/requests/${id}/step`, { step: 'assess', option: 'accept', tier: 'h4' }));
    const now = Date.now();
    const tasksOf = () =>
      f.t.db.query<{ area_id: number; assignee_role: string; priority: string }>(
        "SELECT area_id, assignee_role, priority FROM tasks WHERE subject_kind = 'help_overdue' AND subject_id = $1 ORDER BY id",
        [id],
      );
    const escalate = async (hours: number) => escalateOverdue(f.t.db, new Date(now + hours * 3600_000));
    await escalate(3.9);
    expect(await tasksOf()).toEqual([]);
    await escalate(4.1);
    // Filed at the link's village (the phone is not in the registry): first up to the town, four hours later to the county.
    expect(await tasksOf()).toEqual([{ area_id: f.town.id, assignee_role: 'command', priority: 'urgent' }]);
    await escalate(4.2);
    expect(await tasksOf()).toHaveLength(1);
    await escalate(8.3);
    expect((await tasksOf()).map((t) => t.area_id)).toEqual([f.town.id, f.t.root.id]);
    expect((await ok(f.cadre.get(`/api/help/requests/${id}`))).escalationLevel).toBe(2);
    // Closed, it stops going up.
    await ok(f.cadre.post(`/api/help/requests/${id}/close`, { outcome: 'impossible', reason: '家属已自行购买' }));
    await escalate(20);
    expect(await tasksOf()).toHaveLength(2);
  });

  it('the board puts the longest-waiting first and marks the overdue', async () => {
    const a = await idOf(f, (await submitPublic(f, { phone: '13100007777', kind: 'pregnancy', need: '产检' })).code);
    const b = await idOf(f, (await submitPublic(f, { phone: '13100008888', kind: 'pregnancy', need: '叶酸' })).code);
    await f.t.db.query("UPDATE help_requests SET step_since = now() - interval '2 days', due_at = now() - interval '1 hour' WHERE id = $1", [b]);
    const board = await ok(f.doctor.get(`/api/help/board?kind=pregnancy&step=assess&under=${f.village.id}`));
    expect(board.items.map((i: any) => [i.id, i.overdue])).toEqual([
      [b, true],
      [a, false],
    ]);
    expect(board).toMatchObject({ total: 2, overdue: 1 });
    const counts = await ok(f.doctor.get('/api/help/board/counts'));
    expect(counts.items).toContainEqual({ kind: 'pregnancy', step: 'assess', open: 2, overdue: 1 });
  });
});
