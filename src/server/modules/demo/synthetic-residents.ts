import type { Db, Queryable } from '../../db/engine';
import { pinyinKeys } from '../../platform/pinyin';
import { areasChanged } from '../areas';
import { DEMO_COUNTY_CODE } from './demo';

/**
 * Synthetic residents for demos and benchmarks, generated inside the database (one INSERT … SELECT per
 * table, no rows through the client) so a million people take well under two minutes. Names are drawn
 * from common surnames and given-name characters — no real person; ID numbers carry valid check digits
 * and the county's area code; phones are in the 139 range. Three people (head, spouse, child) to a
 * household, households spread over the grids and buildings.
 *
 * Reproducible: everything derives from the row's number in the registry and the seed, so the same seed
 * on the same database gives the same people. A later run adds people after the existing ones: ID
 * numbers and phones stay unique because they derive from the row number alone (not the seed).
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅林建国文辉志鹏飞宇浩然子涵欣怡梓轩雨晨思远佳琪俊杰嘉怡婷雪晓东海波亮斌宁';

/** Birth dates run over DAYS days from 1935-01-01; (birth date, sequence number) is unique for row numbers below DAYS × 1000. */
const DAYS = 32_000;
/** GB 11643 weights of the 17 digits of a resident ID. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export interface GenerateOptions {
  count: number;
  seed: number;
  /** Path of the area whose grids and buildings receive the households. */
  underPath: string;
  /** Six-digit area code at the start of the ID numbers. */
  countyCode: string;
  /** Told the time each step took (the seed tool prints them). */
  log?: (step: string, ms: number) => void;
}

export async function generateResidents(db: Db, opts: GenerateOptions) {
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new Error('count: a whole number ≥ 1');
  if (!/^\d{6}$/.test(opts.countyCode)) throw new Error('countyCode: six digits');
  const log = opts.log ?? (() => {});
  let t0 = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    log(name, Math.round(now - t0));
    t0 = now;
  };
  const grids = await db.query<{ id: number; path: string; name: string }>(
    `SELECT id, path, name FROM areas WHERE kind IN ('grid', 'building') AND NOT archived AND path LIKE $1 ORDER BY id`,
    [opts.underPath + '%'],
  );
  if (!grids.length) throw new Error('no grids to place residents in');
  const households = Math.ceil(opts.count / 3);
  const surnames = [...SURNAMES].map((s) => ({ s, ...pinyinKeys(s) }));
  const given = [...GIVEN].map((g) => ({ g, ...pinyinKeys(g) }));
  const countyWeight = [...opts.countyCode].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0);

  const inserted = await db.tx(async (tx) => {
    // One writer at a time: the row numbers below come from the current maximum ids.
    await tx.exec('LOCK TABLE households, residents, resident_stays IN SHARE ROW EXCLUSIVE MODE');
    const [{ hbase, rbase, existing }] = await tx.query<{ hbase: number; rbase: number; existing: number }>(
      `SELECT (SELECT coalesce(max(id), 0) FROM households)::int AS hbase, (SELECT coalesce(max(id), 0) FROM residents)::int AS rbase,
              (SELECT count(*) FROM residents)::int AS existing`,
    );
    if (rbase + opts.count >= DAYS * 1000) throw new Error(`the generator makes at most ${DAYS * 1000} residents`);
    if (db.engine === 'postgres') await tx.exec(`SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL synchronous_commit = off`);
    await tx.exec(`
      CREATE TEMP TABLE wg_grid (n int PRIMARY KEY, id int, path text, name text) ON COMMIT DROP;
      CREATE TEMP TABLE wg_sur (n int PRIMARY KEY, s text, p text, i text) ON COMMIT DROP;
      CREATE TEMP TABLE wg_giv (n int PRIMARY KEY, g text, p text, i text) ON COMMIT DROP;
      CREATE TEMP TABLE wg_day (n int PRIMARY KEY, d date, ymd text, w int) ON COMMIT DROP;`);
    await tx.query(`INSERT INTO wg_grid SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])`, [
      grids.map((_, i) => i),
      grids.map((g) => g.id),
      grids.map((g) => g.path),
      grids.map((g) => g.name),
    ]);
    await tx.query(`INSERT INTO wg_sur SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`, [
      surnames.map((_, i) => i),
      surnames.map((x) => x.s),
      surnames.map((x) => x.full),
      surnames.map((x) => x.initials),
    ]);
    await tx.query(`INSERT INTO wg_giv SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`, [
      given.map((_, i) => i),
      given.map((x) => x.g),
      given.map((x) => x.full),
      given.map((x) => x.initials),
    ]);
    // Each possible birth date with its weighted digit sum (ID digits 7–14), so the check digit of a
    // million IDs is integer arithmetic rather than 17 substrings each.
    const dayWeights = WEIGHTS.slice(6, 14)
      .map((w, i) => `substr(ymd, ${i + 1}, 1)::int * ${w}`)
      .join(' + ');
    await tx.query(
      `INSERT INTO wg_day SELECT n, d, ymd, ${dayWeights}
         FROM (SELECT n, DATE '1935-01-01' + n AS d, to_char(DATE '1935-01-01' + n, 'YYYYMMDD') AS ymd FROM generate_series(0, ${DAYS - 1}) n) s`,
    );
    await tx.exec('ANALYZE wg_grid; ANALYZE wg_sur; ANALYZE wg_giv; ANALYZE wg_day;');
    step('prepare');

    // Loading is faster without checking every row against its foreign keys and without updating
    // indexes row by row: they are dropped here and rebuilt (and the keys re-validated, in one pass
    // each) before the transaction commits. Unique indexes stay unless the registry is empty.
    const rebuild = existing < opts.count;
    const restore = await suspendKeysAndIndexes(tx, ['households', 'residents', 'resident_stays'], rebuild ? (existing === 0 ? 'all' : 'non-unique') : 'none');
    step(`drop foreign keys${rebuild ? ' and indexes' : ''}`);

    // Households: spread over the grids; address "<grid> 第N组 M号"; the head is the first of its three.
    await tx.query(
      `INSERT INTO households (id, area_id, area_path, address, village_group, house_no, head_resident_id)
       SELECT k, g.id, g.path, g.name || ' 第' || (k % 9 + 1) || '组 ' || k || '号', '第' || (k % 9 + 1) || '组', k::text,
              $2 + (k - $1 - 1) * 3 + 1
         FROM generate_series($1 + 1, $1 + $3) AS k JOIN wg_grid g ON g.n = k % $4`,
      [hbase, rbase, households, grids.length],
    );
    step('households');

    // Residents, and the stay that puts each in their household since 2020. Row number k (unique in the
    // registry) gives the birth date and sequence number — unique ID numbers by construction — and the
    // phone; a hash of (k, seed) picks the name.
    const inserted = await tx.execute(
      `WITH ins AS (
         INSERT INTO residents (id, area_id, area_path, household_id, relation, name, name_pinyin, name_initials, id_type, id_number,
                                sex, birth_date, phone, groups)
         SELECT x.k, g.id, g.path, x.hh, CASE (x.k - $2) % 3 WHEN 1 THEN 'head' WHEN 2 THEN 'spouse' ELSE 'child' END,
                s.s || g1.g || CASE WHEN x.h % 2 = 0 THEN g2.g ELSE '' END,
                s.p || g1.p || CASE WHEN x.h % 2 = 0 THEN g2.p ELSE '' END,
                s.i || g1.i || CASE WHEN x.h % 2 = 0 THEN g2.i ELSE '' END,
                'resident_id',
                $3 || d.ymd || lpad(x.seq::text, 3, '0')
                   || substr('10X98765432', ($4 + d.w + (x.seq / 100) * 8 + (x.seq / 10 % 10) * 4 + (x.seq % 10) * 2) % 11 + 1, 1),
                CASE WHEN x.seq % 2 = 1 THEN 'M' ELSE 'F' END, d.d,
                '139' || lpad(((x.k::bigint * 7919) % 100000000)::text, 8, '0'),
                CASE WHEN x.h % 37 = 0 THEN ARRAY['disabled'] WHEN x.h % 53 = 0 THEN ARRAY['chronic']
                     -- Some living alone (the care-call lists take those over 60) and a few bedridden.
                     WHEN x.h % 29 = 0 THEN ARRAY['alone'] WHEN x.h % 211 = 0 THEN ARRAY['bedridden'] ELSE '{}'::text[] END
           FROM (SELECT k, $1 + (k - $2 - 1) / 3 + 1 AS hh, abs(hashtext(k::text || ':' || $5)) AS h,
                        -- k ↔ (k mod DAYS, k div DAYS) ↔ (birth day, sequence): a bijection below DAYS × 1000.
                        (k % ${DAYS}) * 7919 % ${DAYS} AS day, (k / ${DAYS} + k % ${DAYS}) % 1000 AS seq
                   FROM generate_series($2 + 1, $2 + $6) AS k) x
           JOIN wg_day d ON d.n = x.day
           JOIN wg_grid g ON g.n = x.hh % $7
           JOIN wg_sur s ON s.n = x.h % ${surnames.length}
           JOIN wg_giv g1 ON g1.n = (x.h / 7) % ${given.length}
           JOIN wg_giv g2 ON g2.n = (x.h / 101) % ${given.length}
         ON CONFLICT DO NOTHING
         RETURNING id, household_id, area_path
       )
       INSERT INTO resident_stays (resident_id, household_id, area_path, from_date)
       SELECT id, household_id, area_path, DATE '2020-01-01' FROM ins`,
      [hbase, rbase, opts.countyCode, countyWeight, String(opts.seed), opts.count, grids.length],
    );
    step('residents and stays');
    // A generated ID number that someone already has was skipped: their household has no head then.
    if (inserted < opts.count) {
      await tx.query(
        `UPDATE households h SET head_resident_id = NULL WHERE h.id > $1 AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.id = h.head_resident_id)`,
        [hbase],
      );
    }
    await restore();
    step(`rebuild${rebuild ? ' indexes and' : ''} foreign keys`);
    // Explicit ids were used: move the identity sequences past them.
    await tx.query(`SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT max(id) FROM households))`);
    await tx.query(`SELECT setval(pg_get_serial_sequence('residents', 'id'), (SELECT max(id) FROM residents))`);
    return inserted;
  });
  areasChanged(db);
  // Statistics for the planner, and the visibility map that lets searches answer from an index alone.
  await db.exec('VACUUM (ANALYZE) households, residents, resident_stays');
  step('vacuum and analyze');
  return { residents: inserted, households };
}

type Suspend = 'all' | 'non-unique' | 'none';

/**
 * Drops the foreign keys of `tables` (and, as asked, their indexes that back no constraint) and returns
 * the function that puts them back as they were, from their definitions in the catalog — so a new
 * migration's index or key is handled without being listed here.
 */
async function suspendKeysAndIndexes(tx: Queryable, tables: string[], indexes: Suspend): Promise<() => Promise<void>> {
  const rels = tables.map((t) => `'${t}'::regclass`).join(', ');
  const keys = await tx.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid IN (${rels}) ORDER BY oid`,
  );
  const idx =
    indexes === 'none'
      ? []
      : await tx.query<{ name: string; def: string }>(
          `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
             FROM pg_index i
            WHERE i.indrelid IN (${rels}) ${indexes === 'non-unique' ? 'AND NOT i.indisunique' : ''}
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY i.indexrelid`,
        );
  for (const k of keys) await tx.exec(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${k.name}`);
  for (const i of idx) await tx.exec(`DROP INDEX ${i.name}`);
  return async () => {
    for (const i of idx) await tx.exec(i.def);
    for (const k of keys) await tx.exec(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${k.name} ${k.def}`);
  };
}

/** Adds `count` synthetic residents to the first root area (the demo county) — for the seed tools. */
export async function seedResidents(db: Db, count: number, seed: number, log?: GenerateOptions['log']) {
  const [root] = await db.query<{ path: string; division_code: string | null }>(
    'SELECT path, division_code FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1',
  );
  if (!root) throw new Error('No areas yet: run `npm run seed` (or start the server once) first.');
  return generateResidents(db, { count, seed, underPath: root.path, countyCode: (root.division_code ?? DEMO_COUNTY_CODE).slice(0, 6), log });
}
