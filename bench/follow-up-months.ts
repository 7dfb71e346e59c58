/**
 * What splitting follow-ups by month (migration 0058) costs their generation: two schemas of one PostgreSQL
 * database, one migrated through 0057 (the plain table) and one through 0058 (the months), each with the same
 * active measures; the same generateFollowUps call is timed in each, alternating, each run rolled back; medians.
 *
 *   BENCH_DATABASE_URL=postgres://… npm run bench:follow-up-months   (BENCH_MEASURES 20000, BENCH_ROUNDS 7)
 * Last line: {"plainMs","monthsMs","ratio", …}: medians, and months ÷ plain. BENCH_TRIGGERS=off times both without
 * the table's triggers (the report counters, the measure check): what is left is the partitioning's own cost.
 */
import { randomBytes } from 'node:crypto';
import { addDays } from '../src/domain/policy/rules';
import { type Db, openDb } from '../src/server/db/engine';
import { listMigrations } from '../src/server/db/migrate';
import { todayIn } from '../src/server/platform/dates';
import { ensureMonths } from '../src/server/platform/month-partitions';
import { generateFollowUps } from '../src/server/modules/monitoring/follow-ups-repo';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL: a PostgreSQL database to make two throwaway schemas in');
const MEASURES = Number(process.env.BENCH_MEASURES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ZONE = 'Asia/Shanghai';

async function schemaThrough(version: number): Promise<Db> {
  const db = await openDb({ databaseUrl: url, schema: `t_${randomBytes(6).toString('hex')}`, poolSize: 1 });
  for (const m of listMigrations().filter((x) => x.version <= version)) await db.tx((tx) => tx.exec(m.sql));
  if (version >= 58) await ensureMonths(db, { table: 'follow_ups', timeZone: ZONE, ahead: 2 });
  await db.exec(
    `INSERT INTO areas (id, parent_id, name, kind, path, level, pinyin, pinyin_initials) VALUES (1, NULL, '测试县', 'county', '/1/', 1, 'ceshixian', 'csx')`,
  );
  // Measures without a person (anonymised) need no residents; generation reads only their dates, times and area.
  // Their follow-ups then name nobody either: the check that they do goes, in both schemas alike.
  await db.exec('ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_person_or_anonymised');
  await db.query(
    `INSERT INTO measures (area_id, area_path, kind, state, starts_on, ends_on, follow_up_times, anonymised_at)
     SELECT 1, '/1/', 'home_monitoring', 'active', $1::date, $1::date + 14, ARRAY['08:00', '14:00', '20:00'], now() FROM generate_series(1, $2)`,
    [todayIn(ZONE), MEASURES],
  );
  await db.exec('ANALYZE measures');
  if (process.env.BENCH_TRIGGERS === 'off') await db.exec('ALTER TABLE follow_ups DISABLE TRIGGER USER');
  return db;
}

async function timeOnce(db: Db, ids: number[]): Promise<{ ms: number; rows: number }> {
  const today = todayIn(ZONE);
  let rows = 0;
  let ms = 0;
  await db
    .tx(async (tx) => {
      const t0 = performance.now();
      rows = await generateFollowUps(tx, ids, today, addDays(today, 2), ZONE);
      ms = performance.now() - t0;
      throw new Error('rollback');
    })
    .catch((err) => {
      if ((err as Error).message !== 'rollback') throw err;
    });
  return { ms, rows };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const plain = await schemaThrough(57);
  const months = await schemaThrough(58);
  const ids = (await plain.query<{ id: number }>('SELECT id FROM measures ORDER BY id')).map((r) => r.id);
  const times: Record<'plain' | 'months', number[]> = { plain: [], months: [] };
  let rows = 0;
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, db] of (i % 2
      ? [
          ['months', months],
          ['plain', plain],
        ]
      : [
          ['plain', plain],
          ['months', months],
        ]) as [keyof typeof times, Db][]) {
      const out = await timeOnce(db, ids);
      times[name].push(out.ms);
      rows = out.rows;
    }
  }
  const [p, m] = [median(times.plain), median(times.months)];
  console.log(
    JSON.stringify({ measures: MEASURES, followUps: rows, rounds: ROUNDS, plainMs: Math.round(p), monthsMs: Math.round(m), ratio: +(m / p).toFixed(3), times }),
  );
  for (const db of [plain, months]) {
    const [{ s }] = await db.query<{ s: string }>('SELECT current_schema() AS s');
    await db.exec(`DROP SCHEMA ${s} CASCADE; DROP SCHEMA IF EXISTS ${s}_jobs CASCADE`);
    await db.close();
  }
}

void main();
