import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossingWriter } from './crossing-writer';
import { type CheckpointFixture, checkpointFixture, crossing, newPost, ok } from './test-fixture';

let f: CheckpointFixture;
let postId: number;
beforeAll(async () => {
  f = await checkpointFixture();
  postId = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '县界卡点', kind: 'county_border' })), 201)).id;
});
afterAll(() => f.t.close());

const count = async (sql: string, params: unknown[] = []) => (await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

describe('crossings', () => {
  it('validates plates (new-energy 8-character plates too), temperatures, the post being open, and loses nothing', async () => {
    for (const plate of ['豫P12345', '豫PD12345', '豫A12345F', '粤B·12345', '京A1234学']) {
      const c = await ok(f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { plate, vehicleType: 'private' })), 201);
      expect(c.plate).toBe(plate.replace('·', ''));
    }
    for (const plate of ['豫P1234', 'AB12345', '豫PI2345', '豫P123456', '豫PD1234X']) {
      const r = await f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { plate, vehicleType: 'private' }));
      expect(r.statusCode, plate).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'PLATE_FORMAT', fields: { plate: expect.any(String) } });
    }
    const en = await f.volunteer.request({
      method: 'POST',
      url: '/api/checkpoints/crossings',
      payload: crossing(postId, { people: [{ temperature: 33.9 }] }),
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error).toMatchObject({
      code: 'TEMPERATURE_RANGE',
      message: expect.stringContaining('34–43'),
      fields: { 'people.0.temperature': expect.any(String) },
    });
    expect((await f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { people: [{ temperature: 43.1 }] }))).json().error.code).toBe(
      'TEMPERATURE_RANGE',
    );
    expect((await f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { plate: '豫P12345', vehicleType: 'supply' }))).json().error.code).toBe(
      'SUPPLY_PASS_REQUIRED',
    );
    const supply = await ok(
      f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { plate: '豫P12345', vehicleType: 'supply', passNo: 'BG-0012' })),
      201,
    );
    expect(supply).toMatchObject({ vehicleType: 'supply', passNo: 'BG-0012', decision: 'let_through' });

    const closed = await ok(
      f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '已撤卡点', opensOn: '2026-01-01', closesOn: '2026-01-02' })),
      201,
    );
    const refused = await f.volunteer.post('/api/checkpoints/crossings', crossing(closed.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('POST_CLOSED');
    expect(await count('checkpoint_crossings WHERE post_id = $1', [closed.id])).toBe(0);
  });

  it('flags a fever at the policy threshold and hands the person over; a stricter decision may be chosen, a milder one not', async () => {
    const fever = await ok(f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { people: [{ name: '赵六', temperature: 37.3 }] })), 201);
    expect(fever).toMatchObject({ flagged: 1, decision: 'handed_over', policyRule: 'fever', people: [{ name: '赵*', feverish: true }] });
    const mild = await f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { people: [{ temperature: 38 }], decision: 'let_through' }));
    expect(mild.json().error.code).toBe('DECISION_TOO_MILD');
    const back = await ok(
      f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { plate: '豫P99999', vehicleType: 'truck', decision: 'turned_back' })),
      201,
    );
    expect(back).toMatchObject({ decision: 'turned_back', policyDecision: 'let_through' });
    const amber = await ok(f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { people: [{ temperature: 36.4, codeColour: 'yellow' }] })), 201);
    expect(amber.decision).toBe('turned_back');
  });

  it('records a crossing once, whether sent twice or by racing retries', async () => {
    const body = crossing(postId, { plate: '豫PF12345', vehicleType: 'private', people: [{ temperature: 36.5 }, { temperature: 36.6 }] });
    const first = await ok(f.volunteer.post('/api/checkpoints/crossings', body), 201);
    const again = await ok(f.volunteer.post('/api/checkpoints/crossings', body), 200);
    expect(again).toMatchObject({ id: first.id, replayed: true });
    const racing = crossing(postId, { people: [{ temperature: 36.5 }, { temperature: 36.7 }, { temperature: 36.8 }] });
    const answers = await Promise.all(Array.from({ length: 6 }, () => f.volunteer.post('/api/checkpoints/crossings', racing)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    expect(await count('checkpoint_crossings WHERE client_id = $1', [racing.clientId])).toBe(1);
    expect(await count('checkpoint_crossing_people x JOIN checkpoint_crossings c ON c.id = x.crossing_id WHERE c.client_id = $1', [racing.clientId])).toBe(3);
    expect(await count(`audit_log WHERE entity = 'checkpoint_crossing' AND entity_id = $1`, [String(answers[0].json().id)])).toBe(1);
    // Someone outside the post's area cannot read it back by its client id.
    const outsider = crossing(postId);
    expect((await f.worker.post('/api/checkpoints/crossings', outsider)).statusCode).toBe(404);
  });

  it('group-commits a rush of crossings from several phones: each recorded once, audited as its own request', async () => {
    const before = crossingWriter(f.t.db).stats.items;
    const batchesBefore = crossingWriter(f.t.db).stats.batches;
    const bodies = Array.from({ length: 40 }, (_, i) => crossing(postId, { people: [{ temperature: 36.5 }, { temperature: 36.6 + (i % 3) / 10 }] }));
    // Every fourth also sent a second time at once, as a retry racing its first send.
    const sends = [
      ...bodies.map((b, i) => ({ b, who: i % 2 ? f.cadre : f.volunteer })),
      ...bodies.filter((_, i) => i % 4 === 0).map((b) => ({ b, who: f.volunteer })),
    ];
    const answers = await Promise.all(sends.map(({ b, who }) => who.post('/api/checkpoints/crossings', b)));
    expect(answers.every((r) => r.statusCode === 201 || r.statusCode === 200)).toBe(true);
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(40);
    const ids = bodies.map((b) => b.clientId);
    expect(await count('checkpoint_crossings WHERE client_id::text = ANY($1::text[])', [ids])).toBe(40);
    expect(
      await count('checkpoint_crossing_people x JOIN checkpoint_crossings c ON c.id = x.crossing_id WHERE c.client_id::text = ANY($1::text[])', [ids]),
    ).toBe(80);
    // One audit row per crossing, naming the user who sent it and that request (not its batch neighbours').
    const audited = await f.t.db.query<{ actor_id: number; recorded_by: number; requests: number }>(
      `SELECT a.actor_id, c.recorded_by, count(DISTINCT a.request_id)::int AS requests FROM audit_log a
         JOIN checkpoint_crossings c ON a.entity = 'checkpoint_crossing' AND a.entity_id = c.id::text
        WHERE c.client_id::text = ANY($1::text[]) GROUP BY a.actor_id, c.recorded_by`,
      [ids],
    );
    expect(audited.every((a) => a.actor_id === a.recorded_by)).toBe(true);
    expect(audited.reduce((n, a) => n + a.requests, 0)).toBe(40);
    expect(new Set(audited.map((a) => a.actor_id))).toEqual(new Set([f.ids.volunteer, f.ids.cadre]));
    // They were written together, not one by one.
    const stats = crossingWriter(f.t.db).stats;
    expect(stats.items - before).toBeGreaterThanOrEqual(40);
    expect(stats.batches - batchesBefore).toBeLessThan(stats.items - before);
  });

  it('checks each crossing of a batch against its own sender: post in scope, open, direction; a resend answers its record', async () => {
    const closed = await ok(
      f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '撤销卡点', opensOn: '2026-01-01', closesOn: '2026-01-02' })),
      201,
    );
    const inOnly = await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '单向卡点', directions: ['in'] })), 201);
    const earlier = crossing(postId, { plate: '豫PA0001', vehicleType: 'bus', people: [{ name: '钱七', temperature: 36.8 }] });
    const first = await ok(f.volunteer.post('/api/checkpoints/crossings', earlier), 201);
    const batchesBefore = crossingWriter(f.t.db).stats.batches;
    const itemsBefore = crossingWriter(f.t.db).stats.items;
    const good = Array.from({ length: 12 }, () => crossing(postId));
    const sends = [
      ...good.map((b) => f.volunteer.post('/api/checkpoints/crossings', b)),
      f.volunteer.post('/api/checkpoints/crossings', crossing(closed.id)),
      f.worker.post('/api/checkpoints/crossings', crossing(postId)),
      f.volunteer.post('/api/checkpoints/crossings', crossing(999_999)),
      f.volunteer.post('/api/checkpoints/crossings', crossing(inOnly.id, { direction: 'out' })),
      f.volunteer.post('/api/checkpoints/crossings', earlier),
      // The earlier crossing's id sent by someone outside its post's area: answered like a missing one.
      f.worker.post('/api/checkpoints/crossings', earlier),
    ];
    const [goodAnswers, [closedAnswer, outsider, missing, wrongWay, resent, resentOutside]] = await Promise.all(sends).then((a) => [
      a.slice(0, good.length),
      a.slice(good.length),
    ]);
    expect(goodAnswers.map((r) => r.statusCode)).toEqual(good.map(() => 201));
    expect(closedAnswer.statusCode).toBe(409);
    expect(closedAnswer.json().error).toMatchObject({ code: 'POST_CLOSED', fields: { postId: expect.any(String) } });
    expect(closedAnswer.json().error.message).toContain('撤销卡点');
    expect(outsider.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(wrongWay.statusCode).toBe(400);
    expect(wrongWay.json().error.fields).toEqual({ direction: expect.any(String) });
    expect(resent.statusCode).toBe(200);
    // The resend answers the record as it was first answered.
    expect(resent.json()).toEqual({ ...first, replayed: true });
    expect(resentOutside.statusCode).toBe(404);
    expect(await count('checkpoint_crossings WHERE post_id = ANY($1::int[])', [[closed.id, inOnly.id]])).toBe(0);
    expect(await count('checkpoint_crossings WHERE client_id = $1', [earlier.clientId])).toBe(1);
    expect(await count('checkpoint_crossings WHERE client_id::text = ANY($1::text[])', [good.map((b) => b.clientId)])).toBe(12);
    expect(await count(`audit_log WHERE entity = 'checkpoint_crossing' AND entity_id = $1`, [String(first.id)])).toBe(1);
    // The refused ones went in the same statements as the good ones, and spoiled none of them.
    const stats = crossingWriter(f.t.db).stats;
    expect(stats.items - itemsBefore).toBe(sends.length);
    expect(stats.batches - batchesBefore).toBeLessThan(sends.length);
  });

  it('makes a registered returnee from outside the county an arrival with a visit task for their grid', async () => {
    const c = await ok(
      f.volunteer.post(
        '/api/checkpoints/crossings',
        crossing(postId, {
          plate: '鄂A12345',
          vehicleType: 'private',
          originCode: '420106',
          people: [{ name: '李返乡', idNumber: f.resident.idNumber, temperature: 36.4, codeColour: 'green' }],
        }),
      ),
      201,
    );
    expect(c).toMatchObject({
      decision: 'registered',
      originName: '湖北省武汉市武昌区',
      people: [{ registered: true, arrivalId: expect.any(Number), name: '李*乡' }],
    });
    expect(c.people[0].idNumber).not.toBe(f.resident.idNumber);
    const arrival = await ok(f.command.get(`/api/arrivals/${c.people[0].arrivalId}`));
    expect(arrival).toMatchObject({ residentId: f.resident.id, originCode: '420106', transportNo: '鄂A12345' });
    const visits = (await ok(f.worker.get('/api/tasks/mine?all=true'))).items.filter((x: any) => x.type === 'visit');
    expect(visits).toEqual([
      expect.objectContaining({
        subject: { kind: 'resident', id: f.resident.id },
        title: expect.stringContaining('李返乡'),
        titleKey: 'checkpointVisit',
        titleParams: { name: expect.stringContaining('李返乡') },
      }),
    ]);
    // A visitor (not registered) from outside is registered and let through, with no arrival.
    const visitor = await ok(f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { originCode: '420106' })), 201);
    expect(visitor).toMatchObject({ decision: 'registered', people: [{ registered: false, arrivalId: null }] });
    expect((await f.volunteer.post('/api/checkpoints/crossings', crossing(postId, { originCode: '999999' }))).json().error.fields).toEqual({
      originCode: expect.any(String),
    });
  });

  it('answers the day’s figures per post, rolled up and by hour, and the overview panel', async () => {
    const figures = await ok(f.cadre.get(`/api/checkpoints/figures?under=${f.village.id}`));
    const total = figures.total;
    const [{ people, vehicles_back, back }] = await f.t.db.query<any>(
      `SELECT sum(people)::int AS people, (count(*) FILTER (WHERE vehicle AND decision = 'turned_back'))::int AS vehicles_back,
              sum(people) FILTER (WHERE decision = 'turned_back')::int AS back FROM checkpoint_crossings`,
    );
    expect(total).toMatchObject({ checked: people, turnedBack: back, vehiclesTurnedBack: vehicles_back });
    expect(total.vehiclesTurnedBack).toBe(1);
    expect(figures.posts).toEqual([expect.objectContaining({ postId, name: '县界卡点' })]);
    expect(figures.hours).toHaveLength(24);
    expect(figures.hours.reduce((n: number, h: any) => n + h.checked, 0)).toBe(people);

    const overview = await ok(f.command.get(`/api/overview?areaId=${f.village.id}`));
    expect(overview.checkpoints).toMatchObject({ crossingsToday: people, turnedBackToday: back });
    expect(overview.checkpoints.posts).toBeGreaterThanOrEqual(1);
    // Nobody is checked in anywhere: every post with a shift running now and a minimum is understaffed.
    expect(overview.checkpoints.understaffedNow).toBe(overview.checkpoints.posts);
    expect((await ok(f.command.get(`/api/overview?areaId=${f.grid.id}`))).checkpoints).toBeNull();
    const list = await ok(f.cadre.get(`/api/checkpoints/crossings?postId=${postId}&decision=turned_back`));
    expect(list.items.every((x: any) => x.decision === 'turned_back')).toBe(true);
  });
});
