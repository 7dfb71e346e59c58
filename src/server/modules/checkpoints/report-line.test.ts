import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckpointFixture, checkpointFixture, crossing, newPost, ok } from './test-fixture';

/**
 * The checkpoints' line of the village daily report: a day's crossings and the posts open that day appear in the
 * village's figures, roll up to its town and county, and a submitted day keeps what it stored.
 */
let f: CheckpointFixture;
let postId: number;
beforeAll(async () => {
  f = await checkpointFixture();
  postId = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id)), 201)).id;
  // A post whose dates are over is not on duty today; one opening tomorrow is not yet.
  await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '已撤卡点', opensOn: '2026-01-01', closesOn: '2026-01-02' })), 201);
});
afterAll(() => f.t.close());

const line = (figures: Record<string, number>) => ({
  posts: figures['checkpoints.posts'],
  checked: figures['checkpoints.checked'],
  turnedBack: figures['checkpoints.turnedBack'],
  vehiclesTurnedBack: figures['checkpoints.vehiclesTurnedBack'],
});

describe('the daily report’s checkpoint line', () => {
  it('counts a crossing recorded today in its village and rolls it up to the town and the county', async () => {
    const before = line((await ok(f.cadre.get(`/api/daily-reports?areaId=${f.village.id}`))).figures);
    expect(before).toEqual({ posts: 1, checked: 0, turnedBack: 0, vehiclesTurnedBack: 0 });

    const onFoot = crossing(postId, { people: [{ temperature: 36.5 }, { temperature: 36.6 }] });
    await ok(f.volunteer.post('/api/checkpoints/crossings', onFoot), 201);
    // The phone's resend of the same crossing is one record: counted once.
    await ok(f.volunteer.post('/api/checkpoints/crossings', onFoot), 200);
    const car = crossing(postId, {
      plate: '豫P12345',
      vehicleType: 'private',
      decision: 'turned_back',
      people: [{ temperature: 36.5 }, { temperature: 36.4 }, { temperature: 36.7 }],
    });
    expect((await ok(f.volunteer.post('/api/checkpoints/crossings', car), 201)).decision).toBe('turned_back');

    const want = { posts: 1, checked: 5, turnedBack: 3, vehiclesTurnedBack: 1 };
    const village = await ok(f.cadre.get(`/api/daily-reports?areaId=${f.village.id}`));
    expect(village.day).toBe(f.today);
    expect(line(village.figures)).toEqual(want);

    const town = await ok(f.cadre.get(`/api/daily-reports?areaId=${f.town.id}`));
    expect(line(town.figures)).toEqual(want);
    expect(town.rows).toHaveLength(1);
    expect(town.rows[0].areaId).toBe(f.village.id);
    expect(line(town.rows[0].figures)).toEqual(want);

    const county = await ok(f.command.get(`/api/daily-reports?areaId=${f.t.root.id}`));
    expect(line(county.figures)).toEqual(want);
    expect(line(county.rows.find((r: { areaId: number }) => r.areaId === f.town.id).figures)).toEqual(want);

    // The overview's series reads the same figures, and only the asked ones.
    const series = await ok(f.command.get(`/api/daily-reports/series?areaId=${f.town.id}&days=2&keys=checkpoints.checked,checkpoints.turnedBack`));
    expect(series.items.at(-1)).toEqual({ day: f.today, figures: { 'checkpoints.checked': 5, 'checkpoints.turnedBack': 3 } });
    expect(series.items[0].figures).toEqual({ 'checkpoints.checked': 0, 'checkpoints.turnedBack': 0 });

    // Another day's report does not see today's crossings (a post open then is still counted).
    const yesterday = await ok(f.cadre.get(`/api/daily-reports?areaId=${f.village.id}&day=2026-01-02`));
    expect(line(yesterday.figures)).toEqual({ posts: 2, checked: 0, turnedBack: 0, vehiclesTurnedBack: 0 });
  });

  it('keeps a submitted day’s checkpoint figures as stored', async () => {
    const submitted = await ok(f.cadre.post('/api/daily-reports/submit', { areaId: f.village.id, day: f.today }));
    expect(submitted.status).toBe('submitted');
    expect(line(submitted.figures)).toEqual({ posts: 1, checked: 5, turnedBack: 3, vehiclesTurnedBack: 1 });
    await ok(f.volunteer.post('/api/checkpoints/crossings', crossing(postId)), 201);
    // The live crossings moved on; the submitted report did not.
    expect((await ok(f.cadre.get(`/api/checkpoints/figures?postId=${postId}`))).total.checked).toBe(6);
    const town = await ok(f.cadre.get(`/api/daily-reports?areaId=${f.town.id}`));
    expect(line(town.figures).checked).toBe(5);
  });

  it('its day counters stay equal to the crossings themselves through a rush with resends', async () => {
    const sends = Array.from({ length: 24 }, (_, i) =>
      crossing(postId, i % 3 ? {} : { plate: `豫P${String(20000 + i)}`, vehicleType: 'private', decision: 'turned_back' }),
    );
    const answers = await Promise.all([...sends, ...sends.slice(0, 6)].map((b) => f.volunteer.post('/api/checkpoints/crossings', b)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(24);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 200)).toBe(true);
    const counted = await f.t.db.query(
      'SELECT post_id, day::text AS day, crossings, checked, turned_back, vehicles_turned_back FROM checkpoint_crossing_days ORDER BY 1, 2',
    );
    const summed = await f.t.db.query(
      `SELECT post_id, day::text AS day, count(*)::int AS crossings, sum(people)::int AS checked,
              COALESCE(sum(people) FILTER (WHERE decision = 'turned_back'), 0)::int AS turned_back,
              (count(*) FILTER (WHERE vehicle AND decision = 'turned_back'))::int AS vehicles_turned_back
         FROM checkpoint_crossings GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(counted).toEqual(summed);
    expect(counted.reduce((n, r) => n + r.crossings, 0)).toBe(3 + 24);
  });
});
