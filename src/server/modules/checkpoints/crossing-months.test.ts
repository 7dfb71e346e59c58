import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/engine';
import { migrate } from '../../db/migrate';
import { ensureMonths } from '../../platform/month-partitions';
import { dbBeforeMigration, dropDb, login, makeArea, makeUser, partitionsOf } from '../../testing/harness';
import { runRetention } from '../lifecycle/runs';
import { CROSSING_PEOPLE_TABLE, CROSSINGS_TABLE } from './retention';
import { type CheckpointFixture, checkpointFixture, crossing, newPost, ok } from './test-fixture';

/**
 * Crossings and their people split by month (migration 0059): a crossing and its people land in the month of its
 * time, once whatever the retries (the client id is claimed in one table for every month); retention anonymises the
 * people past the period (data class `crossings`) and then drops their whole months, both tables, unless a row of
 * the month lies in an area under a legal hold. The figures are counters of their own and do not move.
 */
let f: CheckpointFixture;
let village2: { id: number; path: string };
let post: number;
let post2: number;
beforeAll(async () => {
  f = await checkpointFixture();
  // August and September 2026 made as the server would have made them then.
  for (const table of [CROSSINGS_TABLE, CROSSING_PEOPLE_TABLE]) {
    await ensureMonths(f.t.db, { table, timeZone: f.t.app.timeZone, ahead: 1, now: new Date('2026-08-15T12:00:00+08:00') });
  }
  village2 = await makeArea(f.t.db, f.town, '李庄村', 'village');
  post = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(f.village.id, { name: '东口' })), 201)).id;
  post2 = (await ok(f.cadre.post('/api/checkpoints/posts', newPost(village2.id, { name: '李庄西口' })), 201)).id;
});
afterAll(() => f.t.close());

const partitionOf = (table: string, where: string, params: unknown[]) => partitionsOf(f.t.db, table, where, params);
const record = async (postId: number, at: string, name: string, plate?: string) =>
  (
    await ok(
      f.cadre.post(
        '/api/checkpoints/crossings',
        crossing(postId, { at, people: [{ name, idNumber: '110101199003074514', temperature: 36.5 }], ...(plate ? { plate, vehicleType: 'private' } : {}) }),
      ),
      201,
    )
  ).id as number;
/** A crossing's audit row: what it keeps of the plate, and whether it has been redacted. */
const auditOf = async (id: number) =>
  (
    await f.t.db.query<{ plate: string | null; redacted: boolean }>(
      `SELECT after->>'plate' AS plate, redacted_by IS NOT NULL AS redacted FROM audit_log WHERE entity = 'checkpoint_crossing' AND entity_id = $1`,
      [String(id)],
    )
  )[0];

describe('crossings by month', () => {
  it('writes a crossing and its people into the month of its time, once, whether sent again or by racing retries', async () => {
    const body = crossing(post, { at: '2026-08-20T09:30:00+08:00', people: [{ name: '王五', temperature: 36.5 }, { temperature: 36.8 }] });
    const first = await ok(f.cadre.post('/api/checkpoints/crossings', body), 201);
    const answers = await Promise.all(Array.from({ length: 4 }, () => f.cadre.post('/api/checkpoints/crossings', body)));
    for (const a of answers) expect(a.json()).toMatchObject({ id: first.id, replayed: true });
    expect(await partitionOf(CROSSINGS_TABLE, 'client_id = $1', [body.clientId])).toEqual(['checkpoint_crossings_y2026m08']);
    expect(await partitionOf(CROSSING_PEOPLE_TABLE, 'crossing_id = $1', [first.id])).toEqual(['checkpoint_crossing_people_y2026m08']);
    const [{ n, people }] = await f.t.db.query<{ n: number; people: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM checkpoint_crossing_people WHERE crossing_id = $2) AS people
         FROM client_writes WHERE client_id = $1`,
      [body.clientId, first.id],
    );
    expect({ n, people }).toEqual({ n: 1, people: 2 });
    // A crossing of today goes to this month's partition, made by the server at start.
    const now = await ok(f.cadre.post('/api/checkpoints/crossings', crossing(post)), 201);
    expect(await partitionOf(CROSSINGS_TABLE, 'id = $1', [now.id])).toEqual([expect.stringMatching(/^checkpoint_crossings_y\d{4}m\d{2}$/)]);
    expect(await partitionOf(CROSSINGS_TABLE, 'id = $1', [now.id])).not.toEqual(['checkpoint_crossings_default']);
  });

  it('retention anonymises the people past the period, then drops whole months of both tables, but not a held one', async () => {
    const aug = await record(post, '2026-08-25T10:00:00+08:00', '张三');
    const sep = await record(post, '2026-09-10T10:00:00+08:00', '李四', '豫P12345');
    const sepHeld = await record(post2, '2026-09-11T10:00:00+08:00', '赵六', '豫P77777');
    const today = await record(post, new Date().toISOString(), '钱七', '豫PD54321');
    // The trail keeps the plate masked from the start: it outlives the crossing by years.
    expect(await auditOf(sep)).toEqual({ plate: '豫P***5', redacted: false });
    await makeUser(f.t.db, 'lc_admin', ['admin'], f.t.root);
    const admin = await login(f.t.app, 'lc_admin');
    await ok(admin.post('/api/lifecycle/holds', { areaId: village2.id, reason: '行政复议，保留证据' }), 201);
    const figures = () => f.t.db.query(`SELECT post_id, day::text, crossings, checked FROM checkpoint_crossing_days ORDER BY post_id, day`);
    const before = await figures();
    // 60 days is the class's default period: August and September are over before the cutoff, today's is not.
    const clock = new Date(Math.max(Date.now(), Date.parse('2026-12-01T12:00:00+08:00')));

    const dry = await f.t.db.tx((tx) => runRetention(tx, { now: clock, kind: 'scheduled', dryRun: true }));
    const dryItem = dry.items.find((i) => i.dataClass === 'crossings')!;
    expect(dryItem.count).toBe(4); // the three people of August (two in the first test, one here) and September's unheld one
    expect(dryItem.partitionsDropped?.map((p) => p.partition)).toEqual(['checkpoint_crossing_people_y2026m08', 'checkpoint_crossings_y2026m08']);
    expect(await f.t.db.query(`SELECT id FROM checkpoint_crossings WHERE id = $1`, [aug])).toHaveLength(1);

    const run = await f.t.db.tx((tx) => runRetention(tx, { now: clock, kind: 'scheduled', dryRun: false }));
    const item = run.items.find((i) => i.dataClass === 'crossings')!;
    expect(item).toMatchObject({ action: 'anonymise', count: 4 });
    expect(item.partitionsDropped).toEqual([
      { partition: 'checkpoint_crossing_people_y2026m08', rows: 3 },
      { partition: 'checkpoint_crossings_y2026m08', rows: 2 },
    ]);
    // August is gone, with its client ids; September stays (a held row), its unheld person anonymised.
    expect(await f.t.db.query(`SELECT id FROM checkpoint_crossings WHERE id = $1`, [aug])).toEqual([]);
    expect(await f.t.db.query(`SELECT 1 FROM client_writes WHERE row_id = $1 AND table_name = 'checkpoint_crossings'`, [aug])).toEqual([]);
    const person = (id: number) =>
      f.t.db.query<{ name: string | null; id_number: string | null; anonymised: boolean }>(
        `SELECT name, id_number, anonymised_at IS NOT NULL AS anonymised FROM checkpoint_crossing_people WHERE crossing_id = $1`,
        [id],
      );
    expect(await person(sep)).toEqual([{ name: null, id_number: null, anonymised: true }]);
    // Its plate is cleared with its people; the held one's and today's are kept.
    const plates = await f.t.db.query<{ id: number; plate: string | null; anonymised: boolean }>(
      `SELECT id, plate, anonymised_at IS NOT NULL AS anonymised FROM checkpoint_crossings WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[sep, sepHeld, today]],
    );
    expect(plates).toEqual([
      { id: sep, plate: null, anonymised: true },
      { id: sepHeld, plate: '豫P77777', anonymised: false },
      { id: today, plate: '豫PD54321', anonymised: false },
    ]);
    // Its audit row is redacted with its people; today's crossing's is not.
    expect(await auditOf(sep)).toEqual({ plate: null, redacted: true });
    expect(await auditOf(today)).toEqual({ plate: '豫P***1', redacted: false });
    expect(await person(sepHeld)).toEqual([{ name: '赵六', id_number: '110101199003074514', anonymised: false }]);
    expect(await person(today)).toEqual([{ name: '钱七', id_number: '110101199003074514', anonymised: false }]);
    expect(await partitionOf(CROSSINGS_TABLE, 'id = $1', [sep])).toEqual(['checkpoint_crossings_y2026m09']);
    expect(await f.t.db.query(`SELECT 1 FROM client_writes WHERE row_id = $1 AND table_name = 'checkpoint_crossings'`, [sep])).toHaveLength(1);
    // The daily figures count what was written, whatever went since.
    expect(await figures()).toEqual(before);

    // Once the hold is released, the next run anonymises its person and September goes too.
    const [hold] = (await ok(admin.get('/api/lifecycle/holds'))).items;
    await ok(admin.post(`/api/lifecycle/holds/${hold.id}/release`));
    const next = await f.t.db.tx((tx) => runRetention(tx, { now: clock, kind: 'scheduled', dryRun: false }));
    expect(next.items.find((i) => i.dataClass === 'crossings')).toMatchObject({
      count: 1,
      partitionsDropped: [
        { partition: 'checkpoint_crossing_people_y2026m09', rows: 2 },
        { partition: 'checkpoint_crossings_y2026m09', rows: 2 },
      ],
    });
    expect(await f.t.db.query(`SELECT id FROM checkpoint_crossings WHERE id = ANY($1::bigint[])`, [[sep, sepHeld, today]])).toEqual([{ id: today }]);
  });
});

describe('migration 0059 on a database with crossings', () => {
  let db: Db;
  beforeAll(async () => {
    // The schema as it was before 0059, so migrate() then runs 0059 alone.
    db = await dbBeforeMigration(59);
  }, 600_000);
  afterAll(() => dropDb(db));

  it('keeps every crossing, person, id and figure, claims their client ids, and the identities continue', async () => {
    await db.exec(
      `INSERT INTO areas (id, parent_id, name, kind, path, level, pinyin, pinyin_initials) VALUES (1, NULL, '测试县', 'county', '/1/', 1, 'ceshixian', 'csx');
       INSERT INTO checkpoint_posts (id, name, kind, area_id, area_path, qr_token, opens_on) VALUES (1, '县界卡点', 'county_border', 1, '/1/', 'qr-1', '2026-01-01');`,
    );
    // Two months back and today; the last one deleted, so the identity's next value is past every row.
    const made = await db.query<{ id: number; client_id: string; at: Date }>(
      `INSERT INTO checkpoint_crossings (client_id, post_id, area_path, at, day, hour, direction, vehicle, plate, vehicle_type, people, decision, policy_decision, policy_rule)
       SELECT gen_random_uuid(), 1, '/1/', t, t::date, 8, 'in', true, '豫P12345', 'private', 2, 'let_through', 'let_through', 'default'
         FROM unnest(ARRAY[now() - interval '62 days', now() - interval '31 days', now(), now()]) t RETURNING id, client_id::text, at`,
    );
    await db.query('DELETE FROM checkpoint_crossings WHERE id = $1', [made[3].id]);
    const kept = made.slice(0, 3);
    await db.query(
      `INSERT INTO checkpoint_crossing_people (crossing_id, area_path, name, id_number, temperature, feverish)
       SELECT c, '/1/', '王五', '110101199003074514', 36.5, false FROM unnest($1::int[]) c, generate_series(1, 2)`,
      [kept.map((c) => c.id)],
    );
    const figures = () => db.query(`SELECT post_id, day::text, crossings, checked FROM checkpoint_crossing_days ORDER BY day`);
    const before = await figures();
    expect(before).toHaveLength(3);

    expect((await migrate(db)).applied[0]).toBe(59);
    const rows = await db.query<{ id: number; client_id: string; at: Date; p: string }>(
      `SELECT id, client_id::text, at, tableoid::regclass::text AS p FROM checkpoint_crossings ORDER BY id`,
    );
    expect(rows.map((r) => ({ id: Number(r.id), client_id: r.client_id, at: r.at.toISOString() }))).toEqual(
      kept.map((c) => ({ id: c.id, client_id: c.client_id, at: c.at.toISOString() })),
    );
    for (const r of rows) expect(r.p).toMatch(/^checkpoint_crossings_y\d{4}m\d{2}$/);
    const people = await db.query<{ crossing_id: number; crossing_at: Date; p: string }>(
      `SELECT x.crossing_id, x.crossing_at, x.tableoid::regclass::text AS p FROM checkpoint_crossing_people x ORDER BY x.id`,
    );
    expect(people).toHaveLength(6);
    for (const x of people) {
      const c = rows.find((r) => Number(r.id) === Number(x.crossing_id))!;
      expect(x.crossing_at.toISOString()).toBe(c.at.toISOString());
      expect(x.p).toBe(c.p.replace('checkpoint_crossings_', 'checkpoint_crossing_people_'));
    }
    const claims = await db.query<{ client_id: string; row_id: number }>(`SELECT client_id::text, row_id FROM client_writes ORDER BY row_id`);
    expect(claims.map((c) => ({ client_id: c.client_id, id: Number(c.row_id) }))).toEqual(kept.map((c) => ({ client_id: c.client_id, id: c.id })));
    // The counters were not counted twice by the copy; the old tables are gone.
    expect(await figures()).toEqual(before);
    expect(
      await db.query(`SELECT to_regclass('checkpoint_crossings_unpartitioned') AS a, to_regclass('checkpoint_crossing_people_unpartitioned') AS b`),
    ).toEqual([{ a: null, b: null }]);
    // A person's key names its crossing's month: a wrong time is refused.
    await expect(db.query(`UPDATE checkpoint_crossing_people SET crossing_at = crossing_at + interval '1 second'`)).rejects.toMatchObject({ code: '23503' });
    const [{ id: next }] = await db.query<{ id: number }>(
      `INSERT INTO checkpoint_crossings (client_id, post_id, area_path, at, day, hour, direction, vehicle, people, decision, policy_decision, policy_rule)
       VALUES (gen_random_uuid(), 1, '/1/', now(), current_date, 8, 'in', false, 1, 'let_through', 'let_through', 'default') RETURNING id`,
    );
    expect(Number(next)).toBe(made[3].id + 1);
    expect(await figures()).not.toEqual(before);
  });
});
