import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../db/engine';
import { migrate } from '../../db/migrate';
import { listMonthPartitions } from '../../platform/month-partitions';
import { type TestApp, dbBeforeMigration, dropDb, makeArea, partitionsOf, testApp } from '../../testing/harness';
import { followUpsOfDay } from './follow-ups-repo';
import { monthsAheadFor } from './routes';
import { MISSED_FOLLOW_UPS } from './sweep';

/**
 * Follow-ups split by month of their due time (issue 19, item 6; migration 0058): the migration keeps every row, id
 * and fever alert's link; the statement triggers on the parent (report counters, the measure check) see the rows
 * routed to the months; the server keeps the horizon's months made; a doctor's day and the missed-window sweep read
 * only the months they touch. Retention's whole-month drop is tested with the lifecycle run (lifecycle module).
 */
const FU = 'follow_ups';

const partitionOf = async (db: Db, id: number) => (await partitionsOf(db, FU, 'id = $1', [id]))[0];
const counters = (db: Db) =>
  db.query<{ due_at: Date; status: string; n: number }>(`SELECT due_at, status, n FROM report_follow_up_counts WHERE n <> 0 ORDER BY due_at, status`);

describe('migration 0058 on a database with follow-ups and an alert', () => {
  let db: Db;
  beforeAll(async () => {
    // The schema as it was before 0058, so migrate() then runs 0058 alone.
    db = await dbBeforeMigration(58);
  }, 600_000);
  afterAll(() => dropDb(db));

  it('keeps every row, id and counter, links the alert by id and due time, and the identity continues', async () => {
    await db.exec(
      `INSERT INTO areas (id, parent_id, name, kind, path, level, pinyin, pinyin_initials) VALUES (1, NULL, '测试县', 'county', '/1/', 1, 'ceshixian', 'csx')`,
    );
    // Anonymised rows name no person nor measure: the fixture needs no residents. One a month, four months back to now.
    const rows = await db.query<{ id: number; due_at: Date }>(
      `INSERT INTO ${FU} (area_id, area_path, due_at, window_ends_at, status, temperature, anonymised_at)
       SELECT 1, '/1/', date_trunc('hour', now()) - make_interval(days => 35 * g), date_trunc('hour', now()) - make_interval(days => 35 * g) + interval '4 hours',
              'done', 36.5, now()
         FROM generate_series(4, 0, -1) g RETURNING id, due_at`,
    );
    await db.query(`DELETE FROM ${FU} WHERE id = $1`, [rows[4].id]);
    const kept = rows.slice(0, 4).map((r) => ({ id: Number(r.id), at: r.due_at.toISOString() }));
    await db.query(`INSERT INTO fever_alerts (follow_up_id, area_id, area_path, temperature, anonymised_at) VALUES ($1, 1, '/1/', 38.5, now())`, [kept[1].id]);
    const before = await counters(db);
    expect(before.length).toBe(4);

    expect((await migrate(db)).applied[0]).toBe(58);
    const after = await db.query<{ id: number; due_at: Date }>(`SELECT id, due_at FROM ${FU} ORDER BY id`);
    expect(after.map((r) => ({ id: Number(r.id), at: r.due_at.toISOString() }))).toEqual(kept);
    const [{ kind }] = await db.query<{ kind: string }>(`SELECT relkind::text AS kind FROM pg_class WHERE oid = to_regclass($1)`, [FU]);
    expect(kind).toBe('p');
    for (const r of kept) expect(await partitionOf(db, r.id)).toMatch(/^follow_ups_y\d{4}m\d{2}$/);
    expect((await db.query(`SELECT to_regclass('follow_ups_unpartitioned') AS t`))[0]).toEqual({ t: null });
    // The counters were not counted twice by the copy.
    expect(await counters(db)).toEqual(before);
    // The alert carries the follow-up's due time; its key holds.
    const [link] = await db.query<{ follow_up_id: number; follow_up_due_at: Date }>(`SELECT follow_up_id, follow_up_due_at FROM fever_alerts`);
    expect({ id: Number(link.follow_up_id), at: link.follow_up_due_at.toISOString() }).toEqual(kept[1]);
    await expect(db.query(`UPDATE fever_alerts SET follow_up_due_at = follow_up_due_at + interval '1 second'`)).rejects.toMatchObject({ code: '23503' });
    await expect(db.query(`UPDATE fever_alerts SET follow_up_due_at = NULL`)).rejects.toMatchObject({ code: '23514' });
    // A month holding a linked follow-up cannot be detached under the alert.
    const linkedMonth = (await partitionOf(db, kept[1].id))!;
    await expect(db.exec(`ALTER TABLE ${FU} DETACH PARTITION ${linkedMonth}`)).rejects.toMatchObject({ code: '23503' });

    const [{ id: next }] = await db.query<{ id: number }>(
      `INSERT INTO ${FU} (area_id, area_path, due_at, window_ends_at, status, anonymised_at) VALUES (1, '/1/', now(), now() + interval '4 hours', 'scheduled', now()) RETURNING id`,
    );
    expect(Number(next)).toBe(Number(rows[4].id) + 1);
  });

  it('the statement triggers on the parent see the rows routed to every month (counters, the measure check)', async () => {
    const total = async () => (await counters(db)).reduce((n, c) => n + c.n, 0);
    const start = await total();
    // Three months at once (the middle of last month, of this month and of the next, so that no day of the
    // month nor time zone puts two in one), and one far ahead that only the default partition takes.
    const ins = await db.query<{ id: number }>(
      `INSERT INTO ${FU} (area_id, area_path, due_at, window_ends_at, status, anonymised_at)
       SELECT 1, '/1/', t, t + interval '4 hours', 'scheduled', now()
         FROM unnest(ARRAY[date_trunc('month', now()) - interval '1 month' + interval '14 days', date_trunc('month', now()) + interval '14 days',
                           date_trunc('month', now()) + interval '1 month 14 days', '2031-07-01T04:00:00Z'::timestamptz]) t RETURNING id`,
    );
    expect(new Set(await Promise.all(ins.map((r) => partitionOf(db, r.id)))).size).toBe(4);
    expect(await partitionOf(db, ins[3].id)).toBe('follow_ups_default');
    expect(await total()).toBe(start + 4);
    const ids = ins.map((r) => r.id);
    await db.query(`UPDATE ${FU} SET status = 'cancelled' WHERE id = ANY($1::bigint[])`, [ids.slice(0, 2)]);
    expect(await total()).toBe(start + 2);
    await db.query(`DELETE FROM ${FU} WHERE id = ANY($1::bigint[])`, [ids]);
    expect(await total()).toBe(start);
    // The measure check (0056) still refuses a follow-up of no measure, in whichever month it lands.
    await expect(
      db.query(
        `INSERT INTO ${FU} (measure_id, resident_id, area_id, area_path, due_at, window_ends_at) VALUES (987654, 1, 1, '/1/', now() - interval '40 days', now())`,
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });
});

/** The plan of a repository's query, run for real (EXPLAIN ANALYZE), through a Queryable that explains what it is asked. */
function explaining(db: Db, plans: string[]): Queryable {
  return {
    query: async (sql: string, params?: unknown[]) => {
      const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`, params);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      return [];
    },
  } as unknown as Queryable;
}
// The months left in the plan (read, or not reached for want of rows elsewhere): the pruned ones are not in it.
const monthsRead = (plan: string) => [...new Set([...plan.matchAll(/ on (follow_ups_(?:y\d{4}m\d{2}|default)) f(?:_\d+)? /g)].map((m) => m[1]))];

describe('follow-ups by month in the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await makeArea(t.db, t.root, '毛庄镇', 'town');
  }, 600_000);
  afterAll(() => t.close());

  it('the server made the months through the horizon at start', async () => {
    const names = (await listMonthPartitions(t.db, FU)).map((p) => p.name);
    expect(names).toContain('follow_ups_default');
    expect(names.filter((n) => /_y\d{4}m\d{2}$/.test(n)).length).toBeGreaterThanOrEqual(monthsAheadFor(t.app.followUpHorizonDays) + 1);
    expect(monthsAheadFor(2)).toBe(2);
    expect(monthsAheadFor(60)).toBe(4);
  });

  it('a doctor’s day reads one month, and the missed-window sweep only the months since the oldest live measure', async () => {
    const parts = await listMonthPartitions(t.db, FU);
    expect(parts.length).toBeGreaterThan(2);
    const month = parts.find((p) => p.from && p.to && p.from <= new Date() && new Date() < p.to)!;
    const day = new Date(month.from!.getTime() + 9 * 86_400_000 + 12 * 3_600_000);
    const dayText = new Intl.DateTimeFormat('en-CA', { timeZone: t.app.timeZone }).format(day);
    const plans: string[] = [];
    await followUpsOfDay(explaining(t.db, plans), { areaId: t.root.id, path: t.root.path }, { day: dayText, doctorId: 7, tz: t.app.timeZone });
    expect(monthsRead(plans[0]), plans[0]).toEqual([month.name]);

    // The sweep, a day after that one, with the oldest live measure begun on it: that month alone.
    const sweepPlan = (
      await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${MISSED_FOLLOW_UPS}`, [
        new Date(day.getTime() + 86_400_000),
        t.app.timeZone,
        day,
      ])
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(monthsRead(sweepPlan), sweepPlan).toEqual([month.name]);
  });
});
