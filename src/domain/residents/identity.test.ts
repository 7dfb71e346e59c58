import { afterEach, describe, it, expect, vi } from 'vitest';
import {
  ID_PROBLEM_TEXT,
  ID_TYPES,
  ID_TYPE_NAMES,
  ageGroups,
  ageOn,
  checkIdentity,
  checkPhone,
  detectIdType,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  type IdType,
} from './identity';

/**
 * An independent GB 11643 check character, written differently from the module on purpose: weight i
 * is 2^(17-i) mod 11 and the check value is (12 - sum mod 11) mod 11, 10 written as X. If both
 * implementations agree on generated numbers and on the published sample below, neither copies a bug.
 */
function check(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}
const id = (area: string, birth: string, seq: string) => `${area}${birth}${seq}${check(area + birth + seq)}`;
/** The same number with its check character replaced by a wrong one. */
const wrongCheck = (n: string) => n.slice(0, 17) + (n[17] === '0' ? '1' : '0');
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// The sample printed in GB 11643-1999 itself: Beijing Chaoyang, 31 Dec 1949, sequence 002 (female).
const SAMPLE = '11010519491231002X';
const MALE = id('410102', '19500315', '013'); // Zhengzhou, 17th digit 3: male
const PERMIT_HK = id('810000', '19900101', '001');
const PERMIT_MO = id('820000', '19851120', '002');
const PERMIT_TW = id('830000', '20010704', '015');
const FOREIGNER = id('911840', '19850615', '002'); // 9 + Beijing 11 + nationality 840

describe('independent check character', () => {
  it('agrees with the published sample', () => {
    expect(check(SAMPLE.slice(0, 17))).toBe('X');
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    ['lowercase x', '11010519491231002x', SAMPLE],
    ['full-width digits and Ｘ', fullWidth(SAMPLE), SAMPLE],
    ['full-width ｘ', `${fullWidth('11010519491231002')}ｘ`, SAMPLE],
    ['spaces and ideographic space', ' 110105 19491231\u3000002X ', SAMPLE],
    ['dashes', '110105-19491231-002X', SAMPLE],
    ['zero-width space from a chat copy', '\u200B11010519491231002X\uFEFF', SAMPLE],
    ['passport letters', 'e 1234 5678', 'E12345678'],
  ])('%s', (_label, raw, expected) => {
    expect(normalizeIdNumber(raw)).toBe(expected);
  });
});

describe('detectIdType', () => {
  it.each<[string, IdType | null]>([
    [SAMPLE, 'resident_id'],
    [PERMIT_HK, 'hk_macau_tw_permit'],
    [PERMIT_MO, 'hk_macau_tw_permit'],
    [PERMIT_TW, 'hk_macau_tw_permit'],
    [FOREIGNER, 'foreigner_permanent'],
    ['110105491231002', 'resident_id_15'],
    ['E12345678', null],
    ['1101051949123100', null],
    ['', null],
  ])('%s → %s', (n, expected) => {
    expect(detectIdType(n)).toBe(expected);
  });
});

describe('checkIdentity: valid numbers', () => {
  it.each<[string, string, IdType | undefined, Record<string, unknown>]>([
    ['published sample', SAMPLE, undefined, { type: 'resident_id', number: SAMPLE, sex: 'F', birthDate: '1949-12-31', areaCode: '110105' }],
    ['generated male', MALE, 'resident_id', { type: 'resident_id', sex: 'M', birthDate: '1950-03-15', areaCode: '410102' }],
    ['lowercase x', '11010519491231002x', 'resident_id', { number: SAMPLE, sex: 'F' }],
    ['full-width digits', fullWidth(MALE), undefined, { number: MALE, sex: 'M' }],
    ['spaces', `${MALE.slice(0, 6)} ${MALE.slice(6, 14)} ${MALE.slice(14)}`, undefined, { number: MALE }],
    ['born 29 Feb in a leap year', id('320102', '20000229', '021'), undefined, { birthDate: '2000-02-29', sex: 'M' }],
    ['born 1 Jan 1900', id('370102', '19000101', '001'), undefined, { birthDate: '1900-01-01' }],
    ['legacy 15-digit, female', '110105491231002', undefined, { type: 'resident_id_15', sex: 'F', birthDate: '1949-12-31', areaCode: '110105' }],
    ['legacy 15-digit, male', '130503670401001', 'resident_id_15', { type: 'resident_id_15', sex: 'M', birthDate: '1967-04-01' }],
    ['legacy 15-digit typed as resident_id', '130503670401001', 'resident_id', { type: 'resident_id_15', sex: 'M' }],
    ['Hong Kong permit', PERMIT_HK, undefined, { type: 'hk_macau_tw_permit', sex: 'M', birthDate: '1990-01-01', areaCode: '810000' }],
    ['Macau permit', PERMIT_MO, 'hk_macau_tw_permit', { type: 'hk_macau_tw_permit', sex: 'F', birthDate: '1985-11-20' }],
    ['Taiwan permit', PERMIT_TW, undefined, { type: 'hk_macau_tw_permit', sex: 'M', birthDate: '2001-07-04' }],
    ['foreigner permanent', FOREIGNER, undefined, { type: 'foreigner_permanent', sex: 'F', birthDate: '1985-06-15' }],
    ['Chinese passport E+8', 'E12345678', 'passport', { type: 'passport', number: 'E12345678' }],
    ['Chinese passport E+letter+7', 'ea1234567', 'passport', { number: 'EA1234567' }],
    ['foreign passport, 5 chars', 'X1234', 'passport', { number: 'X1234' }],
    ['HK travel permit, 8 digits', 'H12345678', 'hk_macau_pass', { number: 'H12345678' }],
    ['Macau travel permit, 10 digits', 'm1234567890', 'hk_macau_pass', { number: 'M1234567890' }],
    ['Taiwan travel permit, 8 digits', '12345678', 'tw_pass', { number: '12345678' }],
    ['Taiwan travel permit, 10 digits', '1234567890', 'tw_pass', { number: '1234567890' }],
    ['military officer ID', '南字第1234567号', 'military', { type: 'military', number: '南字第1234567号' }],
    ['household register carrying an ID', SAMPLE, 'household_register', { type: 'household_register', sex: 'F', birthDate: '1949-12-31' }],
    ['household register, free text', 'HB-0012345', 'household_register', { type: 'household_register', number: 'HB0012345' }],
    ['none with no number', '', 'none', { type: 'none', number: '' }],
  ])('%s', (_label, raw, type, expected) => {
    const c = checkIdentity(raw, type);
    expect(c.ok).toBe(true);
    expect(c).toMatchObject(expected);
  });

  it('passport/travel permits carry no sex or birth date', () => {
    expect(checkIdentity('E12345678', 'passport')).toEqual({ ok: true, type: 'passport', number: 'E12345678' });
  });
});

describe('checkIdentity: a birth today, in China', () => {
  afterEach(() => vi.useRealTimers());
  const born = id('110105', '20260302', '002');

  it('is today from Beijing midnight, while the server clock (UTC) is still on the day before', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T15:59:00Z')); // 23:59 in Beijing
    expect(checkIdentity(born)).toEqual({ ok: false, problem: 'birth_date' });
    vi.setSystemTime(new Date('2026-03-01T16:00:00Z')); // 00:00 in Beijing
    expect(checkIdentity(born)).toMatchObject({ ok: true, birthDate: '2026-03-02' });
  });

  it('follows a clock set back to an earlier day (the day is kept between calls)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T04:00:00Z'));
    expect(checkIdentity(born)).toMatchObject({ ok: true });
    vi.setSystemTime(new Date('2026-02-28T04:00:00Z'));
    expect(checkIdentity(born)).toEqual({ ok: false, problem: 'birth_date' });
  });
});

describe('checkIdentity: problems', () => {
  const nextYear = new Date().getUTCFullYear() + 1;
  it.each<[string, string, IdType | undefined, string]>([
    ['empty', '', undefined, 'empty'],
    ['only spaces', '   ', 'resident_id', 'empty'],
    ['wrong check digit', wrongCheck(SAMPLE), undefined, 'check_digit'],
    ['wrong check digit, permit', wrongCheck(PERMIT_HK), undefined, 'check_digit'],
    ['wrong check digit, foreigner', wrongCheck(FOREIGNER), undefined, 'check_digit'],
    ['30 Feb', id('110105', '19990230', '002'), undefined, 'birth_date'],
    ['29 Feb in a common year', id('110105', '19990229', '002'), undefined, 'birth_date'],
    ['29 Feb 1900 (not a leap year)', id('110105', '19000229', '002'), undefined, 'birth_date'],
    ['month 13', id('110105', '19991301', '002'), undefined, 'birth_date'],
    ['month 00', id('110105', '19990001', '002'), undefined, 'birth_date'],
    ['day 00', id('110105', '19990100', '002'), undefined, 'birth_date'],
    ['31 April', id('110105', '19990431', '002'), undefined, 'birth_date'],
    ['before 1900', id('110105', '18991231', '002'), undefined, 'birth_date'],
    ['in the future', id('110105', `${nextYear}0101`, '002'), undefined, 'birth_date'],
    ['legacy 15-digit, impossible date', '110105490230002', undefined, 'birth_date'],
    ['area code 00', id('000000', '19800101', '002'), undefined, 'area_code'],
    ['starting with 9, typed as resident_id', id('990101', '19800101', '002'), 'resident_id', 'type_mismatch'],
    ['81 without the permit prefix', id('811234', '19800101', '002'), undefined, 'area_code'],
    ['81 without the permit prefix, typed as resident_id', id('811234', '19800101', '002'), 'resident_id', 'type_mismatch'],
    ['legacy 15-digit, area 00', '000105491231002', undefined, 'area_code'],
    ['foreigner with no province', id('900840', '19850615', '002'), undefined, 'area_code'],
    ['permit typed as resident_id', PERMIT_HK, 'resident_id', 'type_mismatch'],
    ['foreigner typed as resident_id', FOREIGNER, 'resident_id', 'type_mismatch'],
    ['resident ID typed as permit', SAMPLE, 'hk_macau_tw_permit', 'type_mismatch'],
    ['resident ID typed as foreigner', SAMPLE, 'foreigner_permanent', 'type_mismatch'],
    ['a number with type none', SAMPLE, 'none', 'type_mismatch'],
    ['17 digits', SAMPLE.slice(0, 17), undefined, 'format'],
    ['X in the middle', '1101051949123X0021', 'resident_id', 'format'],
    ['passport too short', 'E123', 'passport', 'format'],
    ['passport with punctuation', 'E1234/678', 'passport', 'format'],
    ['HK travel permit, 9 digits', 'H123456789', 'hk_macau_pass', 'format'],
    ['HK travel permit, wrong letter', 'C12345678', 'hk_macau_pass', 'format'],
    ['Taiwan travel permit, 9 digits', '123456789', 'tw_pass', 'format'],
    ['military, too short', '123', 'military', 'format'],
    ['household register with a bad ID', wrongCheck(SAMPLE), 'household_register', 'check_digit'],
    ['undetectable without a type', 'E12345678', undefined, 'format'],
  ])('%s → %s', (_label, raw, type, problem) => {
    expect(checkIdentity(raw, type)).toEqual({ ok: false, problem });
  });
});

describe('checkPhone', () => {
  it.each<[string, string, 'mobile' | 'landline']>([
    ['13812345678', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['0086-138-1234-5678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
    ['19912345678', '19912345678', 'mobile'],
    ['0371-1234567', '0371-1234567', 'landline'],
    ['0371-12345678', '0371-12345678', 'landline'],
    ['(0371)12345678', '0371-12345678', 'landline'],
    ['01012345678', '010-12345678', 'landline'],
    ['021 6123 4567', '021-61234567', 'landline'],
    ['+86 371 1234 5678', '0371-12345678', 'landline'],
    ['62345678', '62345678', 'landline'],
    ['6234567', '6234567', 'landline'],
  ])('%s → %s', (raw, number, kind) => {
    expect(checkPhone(raw)).toEqual({ ok: true, number, kind });
  });

  it.each(['12345', '', '12812345678', '1381234567', '138123456789', '0371-123456', '+1 212 555 0100', '0123456', 'tel 13812345678'])('rejects %j', (raw) => {
    expect(checkPhone(raw)).toEqual({ ok: false });
  });
});

describe('masks', () => {
  it.each<[string | null | undefined, string | null]>([
    [SAMPLE, '110***********002X'],
    [MALE, `410${'*'.repeat(11)}${MALE.slice(-4)}`],
    ['110105491231002', '110********1002'],
    ['E12345678', '*******78'],
    ['X1234', '***34'],
    ['', null],
    [null, null],
    [undefined, null],
  ])('maskIdNumber(%j) → %j', (n, expected) => {
    const m = maskIdNumber(n);
    expect(m).toBe(expected);
    if (n) expect(m).toHaveLength(n.length);
  });

  it.each<[string | null | undefined, string | null]>([
    ['13812345678', '138****5678'],
    ['0371-12345678', '0371****5678'],
    ['0371-1234567', '0371***4567'],
    ['010-12345678', '010****5678'],
    ['62345678', '******78'],
    ['12345', '***45'],
    ['', null],
    [null, null],
  ])('maskPhone(%j) → %j', (p, expected) => {
    expect(maskPhone(p)).toBe(expected);
  });
});

describe('ageOn', () => {
  it.each([
    ['1950-03-15', '2025-03-14', 74],
    ['1950-03-15', '2025-03-15', 75],
    ['1950-03-15', '2025-12-31', 75],
    ['2000-02-29', '2001-02-28', 0], // common year: the birthday comes on 1 March
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['2025-06-01', '2025-06-01', 0],
    ['2025-06-01', '2025-01-01', 0], // born after the day asked about: never negative
  ])('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('ageGroups', () => {
  it.each<[string | null | undefined, string, string[]]>([
    [null, '2025-01-01', []],
    [undefined, '2025-01-01', []],
    ['1965-06-02', '2025-06-01', []],
    ['1965-06-01', '2025-06-01', ['elderly60']],
    ['1945-06-02', '2025-06-01', ['elderly60']],
    ['1945-06-01', '2025-06-01', ['elderly60', 'elderly80']],
    ['1920-01-01', '2025-06-01', ['elderly60', 'elderly80']],
  ])('born %s, on %s → %j', (birth, on, groups) => {
    expect(ageGroups(birth, on)).toEqual(groups);
  });
});

describe('labels', () => {
  it('every type and problem has a Chinese and an English name', () => {
    for (const t of ID_TYPES) expect(ID_TYPE_NAMES[t].zh && ID_TYPE_NAMES[t].en).toBeTruthy();
    for (const p of Object.keys(ID_PROBLEM_TEXT) as Array<keyof typeof ID_PROBLEM_TEXT>) expect(ID_PROBLEM_TEXT[p].zh && ID_PROBLEM_TEXT[p].en).toBeTruthy();
    expect(Object.keys(ID_PROBLEM_TEXT).sort()).toEqual(['area_code', 'birth_date', 'check_digit', 'empty', 'format', 'type_mismatch']);
  });
});
