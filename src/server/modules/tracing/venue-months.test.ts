import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/engine';
import { migrate } from '../../db/migrate';
import { ensureMonths, listMonthPartitions } from '../../platform/month-partitions';
import { type Agent, type TestApp, dbBeforeMigration, dropDb, login, makeArea, makeUser, partitionsOf, testApp } from '../../testing/harness';
import { ok } from './test-fixture';
import { sweepVisits } from './venues';
import { VISITS_NEAR, insertVisit } from './venues-repo';

/**
 * The venue-code scans split by month (issue 19, item 6; migration 0057): the migration keeps every row and id,
 * a scan in a month not made yet is kept, a venue's window reads only its months, and retention drops whole past
 * months — except one holding a row of an area under a legal hold — and deletes the partial month row by row.
 */
const VISITS = 'tracing_venue_visits';

const partitionOf = async (db: Db, id: number) => (await partitionsOf(db, VISITS, 'id = $1', [id]))[0];

describe('migration 0057 on a database with visits', () => {
  let db: Db;
  beforeAll(async () => {
    // The schema as it was before 0057, so migrate() then runs 0057 alone.
    db = await dbBeforeMigration(57);
  }, 600_000);
  afterAll(() => dropDb(db));

  it('keeps every row with its id, in the month it belongs to, and the identity continues after the old one', async () => {
    await db.exec(`INSERT INTO areas (id, parent_id, name, kind, path, level, pinyin, pinyin_initials) VALUES (1, NULL, '测试县', 'county', '/1/', 1, 'ceshixian', 'csx');
      INSERT INTO tracing_venues (area_id, area_path, name, token) VALUES (1, '/1/', '面馆', 'tok-0057')`);
    const [{ id: venueId }] = await db.query<{ id: number }>(`SELECT id FROM tracing_venues`);
    const rows = await db.query<{ id: string; visited_at: Date }>(
      `INSERT INTO ${VISITS} (venue_id, area_path, name, phone, visited_at)
       SELECT $1, '/1/', '访客' || g, '1380000000' || g, now() - make_interval(days => 40 * g) FROM generate_series(3, 0, -1) g RETURNING id, visited_at`,
      [venueId],
    );
    // A deleted row's id is never given again: the identity has run past the last kept row.
    await db.query(`DELETE FROM ${VISITS} WHERE id = $1`, [rows[3].id]);
    const kept = rows.slice(0, 3).map((r) => ({ id: Number(r.id), at: r.visited_at.toISOString() }));

    expect((await migrate(db)).applied[0]).toBe(57);
    const after = await db.query<{ id: string; visited_at: Date }>(`SELECT id, visited_at FROM ${VISITS} ORDER BY id`);
    expect(after.map((r) => ({ id: Number(r.id), at: r.visited_at.toISOString() }))).toEqual(kept);
    const [{ kind }] = await db.query<{ kind: string }>(`SELECT relkind::text AS kind FROM pg_class WHERE oid = to_regclass($1)`, [VISITS]);
    expect(kind).toBe('p');
    // Every kept row is in a month of its own, none in the default; the old table is gone.
    for (const r of kept) expect(await partitionOf(db, r.id)).toMatch(/_y\d{4}m\d{2}$/);
    expect((await db.query(`SELECT to_regclass('tracing_venue_visits_unpartitioned') AS t`))[0]).toEqual({ t: null });
    const [{ id: next }] = await db.query<{ id: string }>(
      `INSERT INTO ${VISITS} (venue_id, area_path, name, phone) VALUES ($1, '/1/', '新访客', '13800000009') RETURNING id`,
      [venueId],
    );
    expect(Number(next)).toBe(Number(rows[3].id) + 1);
  });
});

describe('venue-code scans by month in the running app', () => {
  let t: TestApp;
  let root: Agent;
  let venue: { id: number; token: string };
  let held: { id: number; path: string };
  let other: { id: number; path: string };
  beforeAll(async () => {
    t = await testApp();
    const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
    held = await makeArea(t.db, town, '王隆集村', 'village');
    other = await makeArea(t.db, town, '李庄村', 'village');
    await makeUser(t.db, 'root_admin', ['admin'], t.root);
    root = await login(t.app, 'root_admin');
    venue = await ok(root.post('/api/tracing/venues', { areaId: other.id, name: '合众轩烩面馆' }), 201);
  }, 600_000);
  afterAll(() => t.close());

  it('the server made this month and the next two at start; a scan lands in this month', async () => {
    const names = (await listMonthPartitions(t.db, VISITS)).map((p) => p.name);
    expect(names.filter((n) => /_y\d{4}m\d{2}$/.test(n)).length).toBeGreaterThanOrEqual(3);
    const res = await t.app.inject({ method: 'POST', url: `/api/tracing/scan/${venue.token}`, payload: { name: '王五', phone: '13800001111' } });
    expect(res.statusCode).toBe(201);
    const [{ id }] = await t.db.query<{ id: string }>(`SELECT id FROM ${VISITS} WHERE name = '王五'`);
    const ym = new Intl.DateTimeFormat('en-CA', { timeZone: t.app.timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).replace('-', 'm');
    expect(await partitionOf(t.db, Number(id))).toBe(`${VISITS}_y${ym}`);
  });

  it('the daily job makes a month that is missing', async () => {
    const last = (await listMonthPartitions(t.db, VISITS)).filter((p) => !p.isDefault).at(-1)!;
    await t.db.exec(`DROP TABLE ${last.name}`);
    await t.app.jobs.send('tracing.venue_visit_months', {});
    await expect.poll(async () => (await listMonthPartitions(t.db, VISITS)).some((p) => p.name === last.name), { timeout: 20_000, interval: 250 }).toBe(true);
  });

  it('a scan in a month no partition was made for is kept (the default), and the venue lists it', async () => {
    const far = new Date('2031-07-01T04:00:00Z');
    const row = await insertVisit(t.db, {
      venueId: venue.id,
      areaPath: other.path,
      name: '赵六',
      phone: '13800002222',
      idNumber: null,
      residentId: null,
      at: far,
    });
    expect(await partitionOf(t.db, Number(row.id))).toBe(`${VISITS}_default`);
    const list = await ok(root.get(`/api/tracing/venues/${venue.id}/visits`));
    expect(list.total).toBe(2);
    await t.db.query(`DELETE FROM ${VISITS} WHERE id = $1`, [row.id]);
  });

  it('a venue’s visits in a window read one month (partition pruning)', async () => {
    const plan = (
      await t.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id, visited_at FROM ${VISITS} WHERE venue_id = ${venue.id} AND visited_at >= now() - interval '1 hour' AND visited_at < now()`,
      )
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    const months = new Set(plan.match(/tracing_venue_visits_(?:y\d{4}m\d{2}|default)/g));
    // now() is known when the plan runs, not when it is made: the pruning shows as partitions left out of it.
    const scanned = [...months].length;
    const all = (await listMonthPartitions(t.db, VISITS)).length;
    expect(scanned === 1 || /Subplans Removed: \d+/.test(plan), plan).toBe(true);
    expect(all).toBeGreaterThan(1);
    // A day of this month, written as a constant: pruned when the plan is made.
    const month = (await listMonthPartitions(t.db, VISITS)).find((p) => p.from && p.to && p.from <= new Date() && new Date() < p.to)!;
    const day = new Date(month.from!.getTime() + 9 * 86_400_000).toISOString();
    const fixed = (
      await t.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM ${VISITS} WHERE venue_id = ${venue.id} AND visited_at >= '${day}' AND visited_at < '${day}'::timestamptz + interval '1 day'`,
      )
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(new Set(fixed.match(/tracing_venue_visits_(?:y\d{4}m\d{2}|default)\b/g)), fixed).toEqual(new Set([month.name]));
  });

  it('the exposure suggestions’ windows read only the months they touch (pruned as each window runs)', async () => {
    const month = (await listMonthPartitions(t.db, VISITS)).find((p) => p.from && p.to && p.from <= new Date() && new Date() < p.to)!;
    const t0 = new Date(month.from!.getTime() + 9 * 86_400_000);
    const plan = (
      await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${VISITS_NEAR}`, [
        [1],
        [venue.id],
        [t0],
        [new Date(t0.getTime() + 86_400_000)],
      ])
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    const read = [...plan.matchAll(/ on (tracing_venue_visits_\w+) x_\d+ \((actual|never executed)/g)].filter((m) => m[2] === 'actual').map((m) => m[1]);
    expect(read, plan).toEqual([month.name]);
  });

  it('retention drops whole past months, keeps a month with a held row, and deletes the partial month row by row', async () => {
    const now = new Date('2026-12-05T04:00:00Z');
    // Months as if the server had been running since September.
    await ensureMonths(t.db, { table: VISITS, timeZone: t.app.timeZone, ahead: 3, now: new Date('2026-09-15T00:00:00Z') });
    const visit = (path: string, at: string) =>
      insertVisit(t.db, { venueId: venue.id, areaPath: path, name: '访客', phone: '13800003333', idNumber: null, residentId: null, at: new Date(at) });
    const septHeld = await visit(`${held.path}`, '2026-09-10T04:00:00Z');
    const septOther = await visit(other.path, '2026-09-11T04:00:00Z');
    await visit(other.path, '2026-10-10T04:00:00Z');
    const novOld = await visit(other.path, '2026-11-01T04:00:00Z');
    const novRecent = await visit(other.path, '2026-11-20T04:00:00Z');
    // A hold naming classes does not cover the scans; one naming none (every record) does.
    await ok(root.post('/api/lifecycle/holds', { areaId: other.id, dataClasses: ['measures'], reason: '投诉调查' }), 201);
    await ok(root.post('/api/lifecycle/holds', { areaId: held.id, reason: '行政复议，保留证据' }), 201);

    const out = await sweepVisits(t.db, now);
    // 28 days before 5 December: 7 November. October is a whole month before it; September holds a held row.
    expect(out).toMatchObject({ days: 28, partitions: [`${VISITS}_y2026m10`], deleted: 3 });
    const inherits = (
      await t.db.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1)`,
        [VISITS],
      )
    ).map((r) => r.name);
    expect(inherits).not.toContain(`${VISITS}_y2026m10`);
    expect(inherits).toContain(`${VISITS}_y2026m09`);
    const left = (await t.db.query<{ id: string }>(`SELECT id FROM ${VISITS} WHERE visited_at < '2026-12-01'`)).map((r) => Number(r.id)).sort((a, b) => a - b);
    expect(left).toEqual([Number(septHeld.id), Number(novRecent.id)]);
    expect(left).not.toContain(Number(septOther.id));
    expect(left).not.toContain(Number(novOld.id));
    const [record] = await t.db.query<{ after: { deleted: number; partitions: { partition: string; rows: number }[] } }>(
      `SELECT after FROM audit_log WHERE entity = 'tracing_venue_visits' AND action = 'run' ORDER BY id DESC LIMIT 1`,
    );
    expect(record.after).toMatchObject({ deleted: 3, partitions: [{ partition: `${VISITS}_y2026m10`, rows: 1 }] });
    // A second run finds nothing more, and the venue's list still answers.
    expect(await sweepVisits(t.db, now)).toMatchObject({ deleted: 0, partitions: [] });
    expect((await ok(root.get(`/api/tracing/venues/${venue.id}/visits`))).total).toBeGreaterThanOrEqual(3);
  });
});
