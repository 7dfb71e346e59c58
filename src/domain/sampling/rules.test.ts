import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXEMPTION_RULES,
  checkExemption,
  householdQr,
  maskName,
  normalizeBarcode,
  parseScan,
  poolSizeFor,
  residentQr,
  tubeAfter,
  underAgeBornAfter,
} from './rules';

describe('tube barcodes', () => {
  it.each([
    ['SX20221001', 'SX20221001'],
    [' sx2022 1001\r\n', 'SX20221001'],
    ['1234-5678-90', '1234567890'],
    ['ＳＸ', null],
    ['1234567', null],
    ['123456789012345678901', null],
    ['41162719800101001X', '41162719800101001X'],
    ['https://code.example/qr?x=1', null],
    ['', null],
  ])('%j → %j', (raw, want) => expect(normalizeBarcode(raw)).toBe(want));
});

describe('pool sizes', () => {
  const rules = [
    { groups: ['isolation', 'key'], size: 1 as const },
    { areaId: 23, size: 1 as const },
    { areaId: 5, size: 10 as const },
  ];
  it.each([
    ['/1/5/23/40/', [], 1],
    ['/1/5/24/', [], 10],
    ['/1/5/24/', ['key'], 1],
    ['/1/6/', [], 20],
    ['/1/6/', ['pregnant'], 20],
    ['/1/55/', [], 20], // 55 is not 5
  ])('%s %j → %i', (areaPath, groups, want) => expect(poolSizeFor(rules, 20, { areaPath, groups })).toBe(want));
  it('no rules: the default', () => expect(poolSizeFor([], 5, { areaPath: '/1/' })).toBe(5));
});

describe('tube capacity', () => {
  it.each([
    [10, 0, 1, { fits: true, full: false, left: 9 }],
    [10, 9, 1, { fits: true, full: true, left: 0 }],
    [10, 10, 1, { fits: false, full: true, left: 0 }],
    [1, 0, 1, { fits: true, full: true, left: 0 }],
    [5, 2, 4, { fits: false, full: true, left: 0 }],
  ])('capacity %i, bound %i, adding %i', (cap, bound, adding, want) => expect(tubeAfter(cap, bound, adding)).toEqual(want));
});

describe('exemptions', () => {
  const on = '2026-12-01';
  const r = DEFAULT_EXEMPTION_RULES;
  it.each([
    [{ kind: 'under_age' }, '2024-01-01', null],
    [{ kind: 'under_age' }, '2023-12-01', 'too_old'], // third birthday on the roster date
    [{ kind: 'under_age' }, null, 'no_birth_date'],
    [{ kind: 'elderly' }, '1946-12-01', null],
    [{ kind: 'elderly' }, '1946-12-02', 'too_young'],
    [{ kind: 'bedridden' }, '1990-01-01', null],
    [{ kind: 'away' }, '1990-01-01', 'detail_required'],
    [{ kind: 'away', detail: '郑州' }, '1990-01-01', null],
    [{ kind: 'other', detail: '  ' }, '1990-01-01', 'detail_required'],
    [{ kind: 'other', detail: '住院' }, '1990-01-01', null],
  ] as const)('%j born %s → %s', (e, birthDate, want) => expect(checkExemption(r, e, { birthDate }, on)).toBe(want));
  it('kinds the round does not accept', () => {
    const strict = { underAge: 0, elderlyAge: null, bedridden: false, away: false, other: false };
    for (const kind of ['under_age', 'elderly', 'bedridden', 'away', 'other'] as const) {
      expect(checkExemption(strict, { kind, detail: 'x' }, { birthDate: '2025-01-01' }, on)).toBe('not_accepted');
    }
  });
  it.each([
    [3, '2026-12-01', '2023-12-01'],
    [3, '2024-02-29', '2021-03-01'],
  ])('under %i on %s: born after %s', (age, day, want) => expect(underAgeBornAfter(age, day)).toBe(want));
});

describe('masked names', () => {
  it.each([
    ['张', '张'],
    ['张三', '张*'],
    ['王小明', '王*明'],
    ['欧阳娜娜', '欧**娜'],
  ])('%s → %s', (n, want) => expect(maskName(n)).toBe(want));
});

describe('desk scans', () => {
  it.each([
    ['WG:R:42', { residentId: 42 }],
    [' wg:r:42\r\n', { residentId: 42 }],
    ['WG:H:7', { householdId: 7 }],
    ['41162719800101001X', { idNumber: '41162719800101001X' }],
    ['WG:R:', { idNumber: 'WG:R:' }],
    ['WG:X:1', { idNumber: 'WG:X:1' }],
  ])('%j → %j', (raw, want) => expect(parseScan(raw)).toEqual(want));
  it('prints what it parses', () => {
    expect(parseScan(residentQr(9))).toEqual({ residentId: 9 });
    expect(parseScan(householdQr(3))).toEqual({ householdId: 3 });
  });
});
