import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { testConfig } from '../../config';
import { type Db, openDb } from '../../db/engine';
import { migrate } from '../../db/migrate';
import { todayIn } from '../../platform/dates';
import { freePort } from '../../testing/child-servers';
import { buildHousehold, buildResident } from '../../testing/factories';
import { type Agent, login, makeArea, makeUser } from '../../testing/harness';
import { areaRepo } from '../areas';

/**
 * DATABASE_REPLICA_URL on PostgreSQL (PGlite is one database in the process: there is no replica to point at).
 * The "replica" is a copy of a seeded primary (CREATE DATABASE … TEMPLATE) that is then changed, so each figure
 * tells which database it was read from: the primary holds one arrival today, the replica three. The sums and
 * the overview read the replica; a village's own report (where its day is submitted) and every write use the
 * primary; the replica's pool refuses writes.
 */
const url = process.env.TEST_DATABASE_URL;
const suffix = randomBytes(4).toString('hex');
const primaryName = `wangge_replica_p_${suffix}`;
const replicaName = `wangge_replica_r_${suffix}`;
const urlOf = (name: string) => {
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
};
const today = todayIn('Asia/Shanghai');

let admin: pg.Client;
let primary: Db;
let app: FastifyInstance;
let command: Agent;
let cadre: Agent;
const ids = { town: 0, village: 0 };

/** Copies the seeded primary; the copy waits for the primary's last connections to go (a busy machine is slow). */
async function copyDatabase(from: string, to: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${to} TEMPLATE ${from}`);
      return;
    } catch (e: any) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(e?.message))) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function seedPrimary() {
  const db = await openDb({ databaseUrl: urlOf(primaryName), poolSize: 2 });
  try {
    await migrate(db);
    const seedApp = await buildApp({ config: testConfig(), db });
    await seedApp.ready();
    try {
      const root = await db.tx((tx) =>
        areaRepo.insertRootUnscoped(tx, { name: '副本市', kind: 'county', divisionCode: null, pinyin: 'fubenshi', pinyinInitials: 'fbs' }),
      );
      const county = await makeArea(db, root, '副本县', 'county');
      const town = await makeArea(db, county, '副本镇', 'town');
      const village = await makeArea(db, town, '副本村', 'village');
      const grid = await makeArea(db, village, '一网格', 'grid');
      Object.assign(ids, { town: town.id, village: village.id });
      await makeUser(db, 'replica_command', ['command'], county);
      await makeUser(db, 'replica_cadre', ['cadre'], village);
      const seeder = await login(seedApp, 'replica_cadre');
      const household = await buildHousehold(seeder, grid.id);
      const resident = await buildResident(seeder, { householdId: household }, { name: '王副本' });
      await db.query(`INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, arrived_on) VALUES ($1, $2, $3, '某市', $4)`, [
        resident,
        grid.id,
        grid.path,
        today,
      ]);
    } finally {
      await seedApp.close();
    }
  } finally {
    await db.close();
  }
}

describe.skipIf(!url)('reports and the overview read the replica (PostgreSQL only: PGlite has no second database)', () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${primaryName}`);
    await seedPrimary();
    await copyDatabase(primaryName, replicaName);
    // The replica differs: two more arrivals today, so its sums read 3 where the primary's read 1.
    const replica = new pg.Client({ connectionString: urlOf(replicaName) });
    await replica.connect();
    try {
      await replica.query(
        `INSERT INTO arrivals (resident_id, area_id, area_path, origin_name, arrived_on)
         SELECT resident_id, area_id, area_path, origin_name, arrived_on FROM arrivals CROSS JOIN generate_series(1, 2)`,
      );
    } finally {
      await replica.end();
    }
    primary = await openDb({ databaseUrl: urlOf(primaryName), poolSize: 3 });
    app = await buildApp({ config: testConfig({ DATABASE_REPLICA_URL: urlOf(replicaName) }), db: primary });
    await app.ready();
    command = await login(app, 'replica_command');
    cadre = await login(app, 'replica_cadre');
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await primary?.close();
    if (admin) {
      for (const name of [replicaName, primaryName]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
  }, 60_000);

  it('the overview and the sums above villages are the replica’s figures', async () => {
    const overview = await command.get('/api/overview');
    expect(overview.statusCode, overview.body).toBe(200);
    expect(overview.json().figures['arrivals.today']).toBe(3);
    expect(overview.json().trend.at(-1).arrivals).toBe(3);
    const town = await command.get(`/api/daily-reports?areaId=${ids.town}`);
    expect(town.statusCode, town.body).toBe(200);
    expect(town.json().figures['arrivals.today']).toBe(3);
    const series = await command.get(`/api/daily-reports/series?areaId=${ids.town}&days=2&keys=arrivals.today`);
    expect(series.statusCode, series.body).toBe(200);
    expect(series.json().items.at(-1).figures['arrivals.today']).toBe(3);
  });

  it('a village’s own report, where its day is submitted, reads the primary; the submit writes there', async () => {
    const before = await cadre.get(`/api/daily-reports?areaId=${ids.village}`);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().figures['arrivals.today']).toBe(1);
    const series = await cadre.get(`/api/daily-reports/series?areaId=${ids.village}&days=2&keys=arrivals.today`);
    expect(series.json().items.at(-1).figures['arrivals.today']).toBe(1);
    const submitted = await cadre.post('/api/daily-reports/submit', { areaId: ids.village, day: today });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', figures: { 'arrivals.today': 1 } });
    const count = (db: Db) => db.query<{ n: number }>('SELECT count(*)::int AS n FROM daily_reports').then(([r]) => r.n);
    expect(await count(primary)).toBe(1);
    expect(await count(app.readDb)).toBe(0);
    expect((await cadre.get(`/api/daily-reports?areaId=${ids.village}`)).json().status).toBe('submitted');
  });

  it('an open overview is told of a change twice: at once, and again once the replica has caught up', async () => {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${base}/api/overview/changes?seconds=30`, { headers: { cookie: command.cookie } });
    const reader = res.body!.getReader();
    let text = '';
    // One read in flight at a time, kept across waits: a read given up on at a deadline still delivers its chunk.
    let pending: ReturnType<typeof reader.read> | null = null;
    const readUntil = async (done: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!done()) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (!chunk) continue;
        pending = null;
        if (chunk.done) return done();
        text += new TextDecoder().decode(chunk.value);
      }
      return true;
    };
    const changes = () => text.split('event: change').length - 1;
    expect(await readUntil(() => text.includes('event: ready'), 10_000)).toBe(true);
    // 'ready' comes once the stream listens, so one write is heard.
    await primary.query(`UPDATE arrivals SET origin_name = '另一市'`);
    expect(await readUntil(() => changes() >= 1, 15_000), text).toBe(true);
    expect(await readUntil(() => changes() >= 2, 10_000), text).toBe(true);
    await reader.cancel();
  }, 60_000);

  it('a replica nobody answers at: the overview and the reports above villages read the primary instead of failing', async () => {
    const closed = await freePort();
    const down = await buildApp({ config: testConfig({ DATABASE_REPLICA_URL: `postgres://postgres@127.0.0.1:${closed}/nowhere` }), db: primary });
    await down.ready();
    try {
      const commander = await login(down, 'replica_command');
      const overview = await commander.get('/api/overview');
      expect(overview.statusCode, overview.body).toBe(200);
      expect(overview.json().figures['arrivals.today']).toBe(1);
      const town = await commander.get(`/api/daily-reports?areaId=${ids.town}`);
      expect(town.statusCode, town.body).toBe(200);
      expect(town.json().figures['arrivals.today']).toBe(1);
    } finally {
      await down.close();
    }
  });

  it('the replica’s pool refuses a write', async () => {
    expect(app.readDb).not.toBe(app.db);
    await expect(app.readDb.execute(`UPDATE arrivals SET origin_name = '改写'`)).rejects.toThrow(/read-only transaction/);
    await expect(app.readDb.tx((tx) => tx.execute('DELETE FROM arrivals'))).rejects.toThrow(/read-only transaction/);
  });
});
