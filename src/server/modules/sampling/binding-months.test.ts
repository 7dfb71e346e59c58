import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/engine';
import { migrate } from '../../db/migrate';
import { dbBeforeMigration, dropDb, partitionsOf } from '../../testing/harness';
import { BINDINGS_TABLE } from './repo/bindings';
import { P, admin, bind, closeWorld, desk, openTube, roundId, setupWorld, t } from './sampling-world';

/**
 * The desk's bindings split by month (migration 0063): a scan lands in the month of its time, once whatever the
 * resends — its id claimed once in `client_writes`, a household scan's several people under one claim — and a resent
 * scan is answered with the bindings its claim leads to; the duplicate warning still finds a person's earlier
 * binding of the round, read from the round's months only.
 */
beforeAll(async () => {
  await setupWorld();
  expect((await admin.post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' })).statusCode).toBe(200);
}, 300_000);
afterAll(() => closeWorld());

const thisMonth = () => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: t.app.timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).split('-');
  return `sampling_bindings_y${y}m${m}`;
};
const claims = async (clientId: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM client_writes WHERE client_id = $1 AND table_name = 'sampling_bindings'`, [clientId]))[0].n;

describe('bindings by month', () => {
  it('binds a scan into its month once, whatever the resends racing it, and answers each resend with its bindings', async () => {
    const tube = await openTube('MONTH00001', 10);
    const single = randomUUID();
    const answers = await Promise.all(Array.from({ length: 4 }, () => bind(tube.id, { residentId: P.A }, single)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().bindings[0].id)).size).toBe(1);
    expect(await partitionsOf(t.db, BINDINGS_TABLE, 'client_id = $1', [single])).toEqual([thisMonth()]);
    expect(await claims(single)).toBe(1);

    // A household scan: two people, one claim naming the first; resent, the same two answered.
    const family = randomUUID();
    const first = await bind(tube.id, { householdId: P.hq }, family);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().bindings.map((b: { seq: number }) => b.seq)).toEqual([2, 3]);
    const again = await bind(tube.id, { householdId: P.hq }, family);
    expect(again.statusCode).toBe(200);
    expect(again.json().bindings.map((b: { id: number }) => b.id)).toEqual(first.json().bindings.map((b: { id: number }) => b.id));
    expect(await claims(family)).toBe(1);
    const [claim] = await t.db.query<{ row_id: number }>('SELECT row_id FROM client_writes WHERE client_id = $1', [family]);
    expect(claim.row_id).toBe(first.json().bindings[0].id);
    expect((await desk.get(`/api/sampling/tubes/${tube.id}`)).json().bound).toBe(3);
  });

  it('warns of a person bound before in the round, and a refused scan claims nothing', async () => {
    const tube = await openTube('MONTH00002', 10);
    const twice = await bind(tube.id, { residentId: P.A });
    expect(twice.statusCode, twice.body).toBe(201);
    const [earlier] = await t.db.query<{ id: number }>(`SELECT id FROM sampling_bindings WHERE resident_id = $1 ORDER BY id LIMIT 1`, [P.A]);
    expect(twice.json().bindings[0].duplicate).toMatchObject({ bindingId: earlier.id, tubeBarcode: 'MONTH00001' });
    // A scan into a full tube is refused, claims nothing, and may be sent again into another tube.
    const full = await openTube('MONTH00003', 1, 2);
    expect((await bind(full.id, { residentId: P.B })).statusCode).toBe(201);
    const refusedId = randomUUID();
    expect((await bind(full.id, { residentId: P.C }, refusedId)).statusCode).toBe(409);
    expect(await claims(refusedId)).toBe(0);
    const retried = await bind(tube.id, { residentId: P.C }, refusedId);
    expect(retried.statusCode, retried.body).toBe(201);
  });
});

describe('migration 0063 on a database with bindings', () => {
  let db: Db;
  beforeAll(async () => {
    db = await dbBeforeMigration(63);
  }, 600_000);
  afterAll(() => dropDb(db));

  it('keeps every binding and id, claims each scan once, and neither the coverage nor the identity moves', async () => {
    const scan = randomUUID();
    const family = randomUUID();
    // A single scan two months back, a household scan of two today, an anonymised binding; the last made deleted.
    const made = await db.query<{ id: number; client_id: string; at: string }>(
      `INSERT INTO sampling_bindings (client_id, round_id, tube_id, resident_id, seq, area_id, area_path, bound_at)
       SELECT c, 1, 1, r, s, 1, '/1/', t
         FROM (VALUES ($1::text, 1, 1, now() - interval '62 days'), ($2 || ':2', 2, 2, now()), ($2 || ':3', 3, 3, now()),
                      ('anonymised:x', -1, 4, now()), ($3::text, 5, 5, now())) v(c, r, s, t)
       RETURNING id, client_id, bound_at::text AS at`,
      [scan, family, randomUUID()],
    );
    await db.query('DELETE FROM sampling_bindings WHERE id = $1', [made[4].id]);
    const roster = () => db.query(`SELECT round_id, resident_id, sampled FROM sampling_roster ORDER BY resident_id`);
    const before = await roster();
    expect(before).toHaveLength(5);

    expect((await migrate(db)).applied[0]).toBe(63);
    const rows = await db.query<{ id: number; client_id: string; at: string; p: string }>(
      `SELECT id, client_id, bound_at::text AS at, tableoid::regclass::text AS p FROM sampling_bindings ORDER BY id`,
    );
    expect(rows.map(({ id, client_id, at }) => ({ id, client_id, at }))).toEqual(made.slice(0, 4));
    for (const r of rows) expect(r.p).toMatch(/^sampling_bindings_y\d{4}m\d{2}$/);
    // One claim per scan, naming its first binding and time; the anonymised one names no scan.
    const claimed = await db.query<{ client_id: string; row_id: number; at: string }>(
      `SELECT client_id::text, row_id, at::text FROM client_writes WHERE table_name = 'sampling_bindings' ORDER BY row_id`,
    );
    expect(claimed).toEqual([
      { client_id: scan, row_id: made[0].id, at: made[0].at },
      { client_id: family, row_id: made[1].id, at: made[1].at },
    ]);
    // The coverage counters were not counted twice by the copy, and still move with a removal.
    expect(await roster()).toEqual(before);
    await db.query(`UPDATE sampling_bindings SET removed_at = now(), removed_reason = '扫错' WHERE id = $1`, [made[0].id]);
    expect((await roster()).find((r) => r.resident_id === 1)).toMatchObject({ sampled: 0 });
    expect(await db.query(`SELECT to_regclass('sampling_bindings_unpartitioned') AS a`)).toEqual([{ a: null }]);
    const [{ id: next }] = await db.query<{ id: number }>(
      `INSERT INTO sampling_bindings (client_id, round_id, tube_id, resident_id, seq, area_id, area_path) VALUES ('n', 1, 1, 6, 6, 1, '/1/') RETURNING id`,
    );
    expect(next).toBe(made[4].id + 1);
  });
});
