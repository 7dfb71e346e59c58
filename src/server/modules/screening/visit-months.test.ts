import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/engine';
import { migrate } from '../../db/migrate';
import { ensureMonths } from '../../platform/month-partitions';
import { dbBeforeMigration, dropDb, login, makeUser, partitionsOf } from '../../testing/harness';
import { runRetention } from '../lifecycle/runs';
import { type ScreeningFixture, ok, screeningFixture } from './test-fixture';
import { VISITS_TABLE } from './visit-repo';

/**
 * Door-to-door visits split by month (migration 0061): a visit lands in the month of its time, once whatever the
 * retries and whichever path writes it (the phone id is claimed in one table for every month), and what it raised
 * names its time with its id; retention anonymises visits past the period and then drops their whole months, unless
 * a row of the month lies in a held area or is still named by an arrival, a roster proposal or a fever alert.
 */
let f: ScreeningFixture;
let campaignId: number;
let h4: number;
/** The visits written through the API (this month's): retention must leave them be. */
const written: number[] = [];
const thisMonth = () => {
  const [y, m] = f.today.split('-');
  return `screening_visits_y${y}m${m}`;
};

beforeAll(async () => {
  f = await screeningFixture();
  // August to October 2026 made as the server would have made them then.
  await ensureMonths(f.t.db, { table: VISITS_TABLE, timeZone: f.t.app.timeZone, ahead: 2, now: new Date('2026-08-15T12:00:00+08:00') });
  h4 = (await ok(f.cadre.post('/api/households', { areaId: f.grid1.id, address: '王隆集村 1 组 4 号' }), 201)).id;
  campaignId = (
    await ok(f.admin.post('/api/screening/campaigns', { name: '按月走访', areaId: f.grid1.id, startsOn: f.today, endsOn: f.today, lookbackDays: 14 }), 201)
  ).id;
}, 300_000);
afterAll(() => f?.t.close());

const visitsOf = (clientId: string) => partitionsOf(f.t.db, VISITS_TABLE, 'client_id = $1', [clientId]);
const claims = async (clientId: string) =>
  (await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM client_writes WHERE client_id = $1 AND table_name = 'screening_visits'`, [clientId]))[0].n;

describe('visits by month', () => {
  it('writes a visit into its month once, by either path, whatever the retries; an alert it raised names its exact time', async () => {
    const plain = { clientId: randomUUID(), campaignId, householdId: f.hh.h1, outcome: 'visited', temperature: 36.5 };
    const feverish = { clientId: randomUUID(), campaignId, householdId: f.hh.h2, outcome: 'visited', temperature: 38.6, feverResidentId: f.people.钱二 };
    const nobody = { clientId: randomUUID(), campaignId, householdId: h4, outcome: 'nobody_home' };
    for (const body of [plain, feverish, nobody]) {
      const answers = await Promise.all(Array.from({ length: 4 }, () => f.admin.post('/api/screening/visits', body)));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
      written.push(answers[0].json().id);
      expect(await visitsOf(body.clientId)).toEqual([thisMonth()]);
      expect(await claims(body.clientId)).toBe(1);
      // A resend later answers the same record.
      expect((await ok(f.admin.post('/api/screening/visits', body))).id).toBe(answers[0].json().id);
    }
    // The fever alert points at the visit by id and time, to the microsecond, so its key finds the month.
    const [alert] = await f.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM fever_alerts fa JOIN screening_visits v ON v.id = fa.visit_id AND v.visited_at = fa.visit_at WHERE v.client_id = $1`,
      [feverish.clientId],
    );
    expect(alert.n).toBe(1);
    // A time that is not the visit's is refused by the key.
    await expect(
      f.t.db.query(
        `UPDATE fever_alerts SET visit_at = visit_at + interval '1 microsecond' WHERE visit_id = (SELECT id FROM screening_visits WHERE client_id = $1)`,
        [feverish.clientId],
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('retention anonymises visits past the period, then drops whole months, but not one held or still named by a proposal', async () => {
    const visit = async (householdId: number, area: { id: number; path: string }, at: string) => {
      const clientId = randomUUID();
      const [row] = await f.t.db.query<{ id: number; at: string }>(
        `WITH v AS (
           INSERT INTO screening_visits (client_id, campaign_id, household_id, area_id, area_path, outcome, visited_at, temperature, symptoms)
           VALUES ($1, $2, $3, $4, $5, 'visited', $6, 37.9, ARRAY['cough']) RETURNING id, visited_at, area_path
         ), w AS (INSERT INTO client_writes (client_id, table_name, row_id, at, area_path) SELECT $1, 'screening_visits', id, visited_at, area_path FROM v)
         SELECT id, visited_at::text AS at FROM v`,
        [clientId, campaignId, householdId, area.id, area.path, at],
      );
      return { ...row, clientId };
    };
    const aug = await visit(f.hh.h1, f.grid1, '2026-08-20T10:00:00+08:00');
    const augFound = await visit(f.hh.h1, f.grid1, '2026-08-21T10:00:00+08:00');
    const sep = await visit(f.hh.h1, f.grid1, '2026-09-10T10:00:00+08:00');
    const sepHeld = await visit(f.hh.h3, f.grid2, '2026-09-11T10:00:00+08:00');
    const oct = await visit(f.hh.h1, f.grid1, '2026-10-05T10:00:00+08:00');
    // August's second visit found a returnee (an arrival of August: anonymised in the same run, before the visits);
    // August's first left a roster proposal a cadre rejected (cleared with its visit); October's left one still
    // waiting for a cadre, which keeps its visit and month.
    await f.t.db.query(
      `INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, arrived_on, visit_id, visit_at) VALUES ($1, $2, $3, '武汉', '2026-08-19', $4, $5)`,
      [f.people.赵一, f.grid1.id, f.grid1.path, augFound.id, augFound.at],
    );
    const [rejected] = await f.t.db.query<{ id: number }>(
      `INSERT INTO roster_proposals (visit_id, visit_at, household_id, area_path, kind, payload, status, decided_at, decision_reason)
       VALUES ($1, $2, $3, $4, 'add', '{"name":"外来人","idNumber":"110101199003074514","movedInOn":"2026-08-01"}', 'rejected', '2026-08-22', '查无此人，张某说明')
       RETURNING id`,
      [aug.id, aug.at, f.hh.h1, f.grid1.path],
    );
    await f.t.db.query(
      `INSERT INTO roster_proposals (visit_id, visit_at, household_id, area_path, kind, payload) VALUES ($1, $2, $3, $4, 'add', '{"name":"新人"}')`,
      [oct.id, oct.at, f.hh.h1, f.grid1.path],
    );
    expect(await visitsOf(aug.clientId)).toEqual(['screening_visits_y2026m08']);
    await makeUser(f.t.db, 'lc_admin', ['admin'], f.t.root);
    const admin = await login(f.t.app, 'lc_admin');
    await ok(admin.post('/api/lifecycle/holds', { areaId: f.grid2.id, reason: '行政复议，保留证据' }), 201);
    // 60 days is the class's default period: August to October are over before the cutoff, this month is not.
    const clock = new Date(Math.max(Date.now(), Date.parse('2027-01-15T12:00:00+08:00')));
    expect(written).toHaveLength(3);

    const dry = await f.t.db.tx((tx) => runRetention(tx, { now: clock, kind: 'scheduled', dryRun: true }));
    const dryItem = dry.items.find((i) => i.dataClass === 'visits')!;
    expect(dryItem.count).toBe(4); // August's two, September's unheld one, October's
    // The preview cannot know the arrival will be anonymised first: it keeps August (the run below drops it).
    expect(dryItem.partitionsDropped ?? []).toEqual([]);
    expect(await visitsOf(aug.clientId)).toEqual(['screening_visits_y2026m08']);

    const run = await f.t.db.tx((tx) => runRetention(tx, { now: clock, kind: 'scheduled', dryRun: false }));
    const item = run.items.find((i) => i.dataClass === 'visits')!;
    expect(item).toMatchObject({ action: 'anonymise', count: 4, partitionsDropped: [{ partition: 'screening_visits_y2026m08', rows: 2 }] });
    // August is gone with its phone ids; September stays (a held row), October stays (its proposal).
    expect(await visitsOf(aug.clientId)).toEqual([]);
    expect(await claims(aug.clientId)).toBe(0);
    expect(await claims(augFound.clientId)).toBe(0);
    const rows = await f.t.db.query<{ id: number; temperature: string | null; anonymised: boolean }>(
      `SELECT id, temperature, anonymised_at IS NOT NULL AS anonymised FROM screening_visits WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[sep.id, sepHeld.id, oct.id]],
    );
    expect(rows).toEqual([
      { id: sep.id, temperature: null, anonymised: true },
      { id: sepHeld.id, temperature: '37.9', anonymised: false },
      { id: oct.id, temperature: null, anonymised: true },
    ]);
    expect(await claims(sep.clientId)).toBe(1);
    // The rejected proposal keeps what it was, not whom: the person found, the reason and the visit link are gone.
    const [cleared] = await f.t.db.query(
      'SELECT payload, decision_reason, visit_id, status, anonymised_at IS NOT NULL AS anonymised FROM roster_proposals WHERE id = $1',
      [rejected.id],
    );
    expect(cleared).toEqual({ payload: { movedInOn: '2026-08-01' }, decision_reason: null, visit_id: null, status: 'rejected', anonymised: true });
    const listed = (await ok(f.admin.get('/api/screening/roster-proposals?status=rejected'))).items.find((x: { id: number }) => x.id === rejected.id);
    expect(listed).toMatchObject({ anonymised: true, name: '', idNumber: null, visitId: null, decisionReason: null, on: '2026-08-01' });
    expect(JSON.stringify(listed)).not.toContain('外来人');
    // Today's visits are untouched.
    const [{ n }] = await f.t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM screening_visits WHERE id = ANY($1::bigint[]) AND anonymised_at IS NULL',
      [written],
    );
    expect(n).toBe(3);

    // Once the hold is released, the next run anonymises the held visit and September goes too; October stays.
    const [hold] = (await ok(admin.get('/api/lifecycle/holds'))).items;
    await ok(admin.post(`/api/lifecycle/holds/${hold.id}/release`));
    const next = await f.t.db.tx((tx) => runRetention(tx, { now: clock, kind: 'scheduled', dryRun: false }));
    expect(next.items.find((i) => i.dataClass === 'visits')).toMatchObject({
      count: 1,
      partitionsDropped: [{ partition: 'screening_visits_y2026m09', rows: 2 }],
    });
    expect(await visitsOf(oct.clientId)).toEqual(['screening_visits_y2026m10']);
  });
});

describe('migration 0061 on a database with visits', () => {
  let db: Db;
  beforeAll(async () => {
    // The schema as it was before 0061, so migrate() then runs 0061 alone.
    db = await dbBeforeMigration(61);
  }, 600_000);
  afterAll(() => dropDb(db));

  it('keeps every visit and id, claims their phone ids, gives what points at a visit its time, and the identity continues', async () => {
    await db.exec(
      `INSERT INTO areas (id, parent_id, name, kind, path, level, pinyin, pinyin_initials) VALUES (1, NULL, '测试县', 'county', '/1/', 1, 'ceshixian', 'csx');
       INSERT INTO households (id, area_id, area_path, address) VALUES (1, 1, '/1/', '一号');
       INSERT INTO residents (id, household_id, area_id, area_path, name, id_type) VALUES (1, 1, 1, '/1/', '王五', 'none');
       INSERT INTO screening_campaigns (id, name, area_id, area_path, starts_on, ends_on) VALUES (1, '敲门', 1, '/1/', '2026-01-01', '2026-12-31');`,
    );
    // Two months back and today; the last one deleted, so the identity's next value is past every row.
    const made = await db.query<{ id: number; client_id: string; at: string }>(
      `INSERT INTO screening_visits (client_id, campaign_id, household_id, area_id, area_path, outcome, visited_at)
       SELECT gen_random_uuid(), 1, 1, 1, '/1/', 'visited', t
         FROM unnest(ARRAY[now() - interval '62 days', now() - interval '31 days', now(), now()]) t RETURNING id, client_id::text, visited_at::text AS at`,
    );
    await db.query('DELETE FROM screening_visits WHERE id = $1', [made[3].id]);
    const kept = made.slice(0, 3);
    await db.query(`INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, arrived_on, visit_id) VALUES (1, 1, '/1/', '武汉', current_date, $1)`, [
      kept[0].id,
    ]);
    await db.query(`INSERT INTO roster_proposals (visit_id, household_id, area_path, kind, payload) VALUES ($1, 1, '/1/', 'add', '{}')`, [kept[1].id]);
    await db.query(`INSERT INTO fever_alerts (visit_id, household_id, area_id, area_path, temperature) VALUES ($1, 1, 1, '/1/', 38.5)`, [kept[2].id]);

    expect((await migrate(db)).applied[0]).toBe(61);
    const rows = await db.query<{ id: number; client_id: string; at: string; p: string }>(
      `SELECT id, client_id::text, visited_at::text AS at, tableoid::regclass::text AS p FROM screening_visits ORDER BY id`,
    );
    expect(rows.map((r) => ({ id: r.id, client_id: r.client_id, at: r.at }))).toEqual(kept);
    for (const r of rows) expect(r.p).toMatch(/^screening_visits_y\d{4}m\d{2}$/);
    const claimed = await db.query<{ client_id: string; row_id: number; at: string }>(
      `SELECT client_id::text, row_id, at::text FROM client_writes WHERE table_name = 'screening_visits' ORDER BY row_id`,
    );
    expect(claimed.map((c) => ({ id: c.row_id, client_id: c.client_id, at: c.at }))).toEqual(kept);
    // Each pointing row carries its visit's time.
    const pointing = await db.query<{ t: string; at: string }>(
      `SELECT 'arrival' AS t, visit_at::text AS at FROM arrivals UNION ALL SELECT 'proposal', visit_at::text FROM roster_proposals
       UNION ALL SELECT 'alert', visit_at::text FROM fever_alerts`,
    );
    expect(pointing).toEqual([
      { t: 'arrival', at: kept[0].at },
      { t: 'proposal', at: kept[1].at },
      { t: 'alert', at: kept[2].at },
    ]);
    expect(await db.query(`SELECT to_regclass('screening_visits_unpartitioned') AS a`)).toEqual([{ a: null }]);
    // A key names its visit's month: a wrong time is refused, and an id without its time too.
    await expect(db.query(`UPDATE arrivals SET visit_at = visit_at + interval '1 second'`)).rejects.toMatchObject({ code: '23503' });
    await expect(db.query(`UPDATE fever_alerts SET visit_at = NULL`)).rejects.toMatchObject({ code: '23514' });
    // The phone id is claimed once across months: a second claim of it writes nothing.
    const again = await db.query(
      `INSERT INTO client_writes (client_id, table_name, row_id, at, area_path) VALUES ($1, 'screening_visits', 99, now(), '/1/') ON CONFLICT DO NOTHING RETURNING 1`,
      [kept[0].client_id],
    );
    expect(again).toEqual([]);
    const [{ id: next }] = await db.query<{ id: number }>(
      `INSERT INTO screening_visits (client_id, campaign_id, household_id, area_id, area_path, outcome) VALUES (gen_random_uuid(), 1, 1, 1, '/1/', 'visited') RETURNING id`,
    );
    expect(next).toBe(made[3].id + 1);
  });
});
