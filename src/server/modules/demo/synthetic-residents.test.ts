import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdentity } from '../../../domain/residents/identity';
import { type TestApp, makeArea, testApp } from '../../testing/harness';
import { searchResidents } from '../residents';
import { generateResidents } from './synthetic-residents';

/** A county with a village of three grids. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  for (const g of ['第一网格', '第二网格', '第三网格']) await makeArea(t.db, village, g, 'grid');
});
afterAll(() => t.close());

const wipe = () => t.db.exec('DELETE FROM resident_stays; UPDATE households SET head_resident_id = NULL; DELETE FROM residents; DELETE FROM households;');

const people = () =>
  t.db.query<Record<string, unknown>>(
    `SELECT r.id, r.name, r.name_pinyin, r.name_initials, r.id_number, r.sex, to_char(r.birth_date, 'YYYY-MM-DD') AS birth, r.phone,
            r.relation, r.area_path, r.groups, h.address, h.head_resident_id
       FROM residents r JOIN households h ON h.id = r.household_id ORDER BY r.id`,
  );

const schemaOf = () =>
  t.db.query<{ d: string }>(
    `SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid IN ('residents'::regclass, 'households'::regclass, 'resident_stays'::regclass)
     UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
      WHERE conrelid IN ('residents'::regclass, 'households'::regclass, 'resident_stays'::regclass)
     ORDER BY 1`,
  );

describe('synthetic residents', () => {
  it('the same seed gives the same people, another seed other names; IDs valid and unique; indexes and keys restored', async () => {
    const before = await schemaOf();
    const opts = { count: 301, underPath: t.root.path, countyCode: '411627' };
    expect(await generateResidents(t.db, { ...opts, seed: 7 })).toEqual({ residents: 301, households: 101 });
    const first = await people();
    await wipe();
    await generateResidents(t.db, { ...opts, seed: 7 });
    expect(await people()).toEqual(first);
    await wipe();
    await generateResidents(t.db, { ...opts, seed: 8 });
    expect((await people()).map((p) => p.name)).not.toEqual(first.map((p) => p.name));

    expect(first).toHaveLength(301);
    expect(new Set(first.map((p) => p.id_number)).size).toBe(301);
    for (const p of first) expect(checkIdentity(String(p.id_number), 'resident_id').ok, String(p.id_number)).toBe(true);
    // Three to a household, the first of them its head; everyone has a current stay.
    expect(first.filter((p) => p.relation === 'head').every((p) => p.head_resident_id === p.id)).toBe(true);
    expect(new Set(first.map((p) => p.address)).size).toBe(101);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM resident_stays WHERE to_date IS NULL');
    expect(n).toBe(301);
    expect(await schemaOf()).toEqual(before);
    await wipe();
  });

  it('adds to a registry that already has people, and what it adds is found by search', async () => {
    const opts = { underPath: t.root.path, countyCode: '411627', seed: 1 };
    await generateResidents(t.db, { ...opts, count: 30 });
    expect(await generateResidents(t.db, { ...opts, count: 60 })).toEqual({ residents: 60, households: 20 });
    const all = await people();
    expect(all).toHaveLength(90);
    expect(new Set(all.map((p) => p.id_number)).size).toBe(90);
    expect(new Set(all.map((p) => p.phone)).size).toBe(90);
    // New records continue after the old ones, and the identity sequence after them.
    const [{ next }] = await t.db.query<{ next: number }>(
      `INSERT INTO households (area_id, area_path, address) SELECT id, path, 'x' FROM areas WHERE id = $1 RETURNING id AS next`,
      [t.root.id],
    );
    expect(next).toBe(31);

    const last = all.at(-1)!;
    const scope = { areaId: t.root.id, path: t.root.path };
    const find = (q: string) => searchResidents(t.db, scope, { q, byNumber: true, page: 1, pageSize: 200 });
    expect((await find(String(last.name))).rows.map((r) => r.id)).toContain(last.id);
    expect((await find(String(last.name_initials))).rows.map((r) => r.id)).toContain(last.id);
    expect((await find(String(last.id_number).slice(-6))).rows.map((r) => r.id)).toContain(last.id);
    expect((await find(String(last.phone).slice(-4))).rows.map((r) => r.id)).toContain(last.id);
  });
});
