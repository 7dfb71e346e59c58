import type { Db } from '../../db/engine';
import { pinyinKeys } from '../../platform/pinyin';
import { areasChanged } from '../areas/tree';

/**
 * Synthetic residents for demos and benchmarks, generated inside the database (one INSERT … SELECT per
 * table) so a million rows take a minute, not an hour. Names are drawn from common surnames and
 * given-name characters — no real person; ID numbers carry valid check digits and area codes of the
 * county; phones are in the 139 0000 xxxx range. Reproducible: everything derives from row numbers
 * and the seed.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅林建国文辉志鹏飞宇浩然子涵欣怡梓轩雨晨思远佳琪俊杰嘉怡婷雪晓东海波亮斌宁';

export async function generateResidents(db: Db, opts: { count: number; seed: number; underPath: string; countyCode: string }) {
  const surnames = [...SURNAMES].map((s) => ({ s, ...pinyinKeys(s) }));
  const given = [...GIVEN].map((g) => ({ g, ...pinyinKeys(g) }));
  const grids = await db.query<{ id: number; path: string; name: string }>(
    `SELECT id, path, name FROM areas WHERE kind IN ('grid', 'building') AND NOT archived AND path LIKE $1 ORDER BY id`,
    [opts.underPath + '%'],
  );
  if (!grids.length) throw new Error('no grids to place residents in');
  const households = Math.ceil(opts.count / 3);
  const [{ base }] = await db.query<{ base: number }>('SELECT coalesce(max(id), 0)::int AS base FROM households');
  const [{ rbase }] = await db.query<{ rbase: number }>('SELECT coalesce(max(id), 0)::int AS rbase FROM residents');
  await db.tx(async (tx) => {
    await tx.exec(`
      CREATE TEMP TABLE wg_grid (n int PRIMARY KEY, id int, path text, name text) ON COMMIT DROP;
      CREATE TEMP TABLE wg_sur (n int PRIMARY KEY, s text, p text, i text) ON COMMIT DROP;
      CREATE TEMP TABLE wg_giv (n int PRIMARY KEY, g text, p text, i text) ON COMMIT DROP;`);
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
    // Households: spread over the grids; address "第N组 M号".
    await tx.query(
      `INSERT INTO households (id, area_id, area_path, address, village_group, house_no)
       SELECT $1 + k, g.id, g.path, g.name || ' 第' || (k % 9 + 1) || '组 ' || k || '号', '第' || (k % 9 + 1) || '组', k::text
         FROM generate_series(1, $2) AS k JOIN wg_grid g ON g.n = k % $3`,
      [base, households, grids.length],
    );
    // Residents: three to a household; a hash of (row, seed) picks name, birth date and sex.
    await tx.query(
      `INSERT INTO residents (id, area_id, area_path, household_id, relation, name, name_pinyin, name_initials, id_type, id_number,
                              sex, birth_date, phone, groups)
       SELECT $5 + x.k, h.area_id, h.area_path, h.id, CASE WHEN x.k % 3 = 1 THEN 'head' WHEN x.k % 3 = 2 THEN 'spouse' ELSE 'child' END,
              s.s || g1.g || CASE WHEN x.h % 2 = 0 THEN g2.g ELSE '' END,
              s.p || g1.p || CASE WHEN x.h % 2 = 0 THEN g2.p ELSE '' END,
              s.i || g1.i || CASE WHEN x.h % 2 = 0 THEN g2.i ELSE '' END,
              'resident_id', x.id17 || substr('10X98765432', (
                (substr(x.id17,1,1)::int*7 + substr(x.id17,2,1)::int*9 + substr(x.id17,3,1)::int*10 + substr(x.id17,4,1)::int*5 +
                 substr(x.id17,5,1)::int*8 + substr(x.id17,6,1)::int*4 + substr(x.id17,7,1)::int*2 + substr(x.id17,8,1)::int*1 +
                 substr(x.id17,9,1)::int*6 + substr(x.id17,10,1)::int*3 + substr(x.id17,11,1)::int*7 + substr(x.id17,12,1)::int*9 +
                 substr(x.id17,13,1)::int*10 + substr(x.id17,14,1)::int*5 + substr(x.id17,15,1)::int*8 + substr(x.id17,16,1)::int*4 +
                 substr(x.id17,17,1)::int*2) % 11) + 1, 1),
              CASE WHEN x.seq % 2 = 1 THEN 'M' ELSE 'F' END, x.birth,
              '139' || lpad(((x.k::bigint * 7919) % 100000000)::text, 8, '0'),
              CASE WHEN x.h % 37 = 0 THEN ARRAY['disabled'] WHEN x.h % 53 = 0 THEN ARRAY['chronic'] ELSE '{}'::text[] END
         FROM (SELECT k, h, birth, seq,
                      $4 || to_char(birth, 'YYYYMMDD') || lpad(seq::text, 3, '0') AS id17
                 FROM (SELECT k, abs(hashtext(k::text || ':' || $3)) AS h,
                              -- (birth, seq) is unique for every k below 30 million: unique ID numbers by construction.
                              DATE '1935-01-01' + (((k / 1000) * 7919 + abs(hashtext($3)) % 1000) % 30000)::int AS birth,
                              k % 1000 AS seq
                         FROM generate_series(1, $2) AS k) raw) x
         JOIN households h ON h.id = $1 + ((x.k - 1) / 3 + 1)
         JOIN wg_sur s ON s.n = x.h % ${surnames.length}
         JOIN wg_giv g1 ON g1.n = (x.h / 7) % ${given.length}
         JOIN wg_giv g2 ON g2.n = (x.h / 101) % ${given.length}
       ON CONFLICT DO NOTHING`,
      [base, opts.count, String(opts.seed), opts.countyCode, rbase],
    );
    await tx.query(
      `INSERT INTO resident_stays (resident_id, household_id, area_path, from_date)
       SELECT r.id, r.household_id, r.area_path, DATE '2020-01-01' FROM residents r WHERE r.id > $1`,
      [rbase],
    );
    await tx.query(`UPDATE households h SET head_resident_id = r.id FROM residents r WHERE r.household_id = h.id AND r.relation = 'head' AND h.id > $1`, [base]);
    // Explicit ids were used: move the identity sequences past them.
    await tx.query(`SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT max(id) FROM households))`);
    await tx.query(`SELECT setval(pg_get_serial_sequence('residents', 'id'), (SELECT max(id) FROM residents))`);
  });
  areasChanged(db);
  await db.exec('ANALYZE households; ANALYZE residents; ANALYZE resident_stays;');
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents WHERE id > $1', [rbase]);
  return { residents: n, households };
}
