/**
 * Identity documents, phone numbers and masking — pure code shared by the server, the web forms and
 * the import. Rules follow GB 11643-1999 (resident ID) and the later permits built on it.
 */
import { daysInMonth } from '../primitives';

export const ID_TYPES = [
  'resident_id',
  'resident_id_15',
  'hk_macau_tw_permit',
  'foreigner_permanent',
  'passport',
  'hk_macau_pass',
  'tw_pass',
  'military',
  'household_register',
  'none',
] as const;
export type IdType = (typeof ID_TYPES)[number];
export type IdProblem = 'empty' | 'format' | 'check_digit' | 'birth_date' | 'area_code' | 'type_mismatch';
export type IdCheck = { ok: true; type: IdType; number: string; sex?: 'M' | 'F'; birthDate?: string; areaCode?: string } | { ok: false; problem: IdProblem };

export const ID_TYPE_NAMES: Record<IdType, { zh: string; en: string }> = {
  resident_id: { zh: '居民身份证', en: 'Resident ID card' },
  resident_id_15: { zh: '居民身份证（15位）', en: 'Resident ID (15-digit)' },
  hk_macau_tw_permit: { zh: '港澳台居民居住证', en: 'HK/Macau/Taiwan residence permit' },
  foreigner_permanent: { zh: '外国人永久居留身份证', en: "Foreigner's permanent residence ID" },
  passport: { zh: '护照', en: 'Passport' },
  hk_macau_pass: { zh: '港澳居民来往内地通行证', en: 'HK/Macau travel permit' },
  tw_pass: { zh: '台湾居民来往大陆通行证', en: 'Taiwan travel permit' },
  military: { zh: '军官证', en: 'Military officer ID' },
  household_register: { zh: '户口簿', en: 'Household register' },
  none: { zh: '无证件', en: 'No document' },
};

export const ID_PROBLEM_TEXT: Record<IdProblem, { zh: string; en: string }> = {
  empty: { zh: '请填写证件号码', en: 'Enter the document number' },
  format: { zh: '证件号码格式不正确', en: 'The document number has the wrong format' },
  check_digit: { zh: '身份证号码校验位不正确，请核对', en: 'The check digit does not match; please check the number' },
  birth_date: { zh: '证件号码中的出生日期不存在', en: 'The birth date in the number is not a real date' },
  area_code: { zh: '证件号码中的地区代码不正确', en: 'The area code in the number is not valid' },
  type_mismatch: { zh: '证件号码与证件类型不符', en: 'The number does not match the document type' },
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// Province codes of GB/T 2260. 71 (Taiwan) is listed there; 81/82/83 appear only on the HK/Macau/Taiwan
// residence permits (810000/820000/830000), never on a resident ID, so they are kept apart.
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
]);
const PERMIT_PREFIX = /^8[123]0000/;

/** Half-width, upper-case, no spaces: what people type on phones and what Excel exports varies. */
export function normalizeIdNumber(raw: string): string {
  return (
    raw
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      // Spaces (\s covers the ideographic space), dashes and the zero-width characters chat apps and
      // spreadsheets leave behind when a number is copied.
      .replace(/[\s\u200B-\u200D\uFEFF-]/g, '')
      .toUpperCase()
  );
}

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function detectIdType(n: string): IdType | null {
  if (/^\d{17}[\dX]$/.test(n)) {
    if (PERMIT_PREFIX.test(n)) return 'hk_macau_tw_permit';
    if (n.startsWith('9')) return 'foreigner_permanent';
    return 'resident_id';
  }
  if (/^\d{15}$/.test(n)) return 'resident_id_15';
  return null;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** The China day last worked out, and the instants it runs between: an import checks 100,000 numbers a second. */
let today = { iso: '', from: 0, until: 0 };

/** Today's date in China (UTC+8, no daylight saving), so a baby registered the morning it is born
 * is not "in the future" on a server whose clock runs in UTC. */
function todayInChina(): string {
  const now = Date.now();
  if (now < today.from || now >= today.until) {
    const day = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS);
    const from = day * DAY_MS - CHINA_OFFSET_MS;
    today = { iso: new Date(day * DAY_MS).toISOString().slice(0, 10), from, until: from + DAY_MS };
  }
  return today.iso;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The date as yyyy-mm-dd when it exists, from 1900 to today; else null (30 February, a birth tomorrow). */
function realDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return null;
  if (d > daysInMonth(y, m)) return null;
  const iso = `${y}-${pad2(m)}-${pad2(d)}`;
  return iso > todayInChina() ? null : iso;
}

function check18(n: string, type: IdType): IdCheck {
  if (!/^\d{17}[\dX]$/.test(n)) return { ok: false, problem: 'format' };
  // Permanent residence IDs carry the issuing province in digits 2-3 (after the leading 9), then a
  // 3-digit nationality code; the permits' prefix was already matched by the caller.
  const province = type === 'foreigner_permanent' ? n.slice(1, 3) : n.slice(0, 2);
  if (type !== 'hk_macau_tw_permit' && !PROVINCES.has(province)) return { ok: false, problem: 'area_code' };
  const birthDate = realDate(Number(n.slice(6, 10)), Number(n.slice(10, 12)), Number(n.slice(12, 14)));
  if (!birthDate) return { ok: false, problem: 'birth_date' };
  if (checkDigit(n.slice(0, 17)) !== n[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, type, number: n, sex: Number(n[16]) % 2 === 1 ? 'M' : 'F', birthDate, areaCode: n.slice(0, 6) };
}

function check15(n: string): IdCheck {
  if (!/^\d{15}$/.test(n)) return { ok: false, problem: 'format' };
  if (!PROVINCES.has(n.slice(0, 2))) return { ok: false, problem: 'area_code' };
  const birthDate = realDate(1900 + Number(n.slice(6, 8)), Number(n.slice(8, 10)), Number(n.slice(10, 12)));
  if (!birthDate) return { ok: false, problem: 'birth_date' };
  return { ok: true, type: 'resident_id_15', number: n, sex: Number(n[14]) % 2 === 1 ? 'M' : 'F', birthDate, areaCode: n.slice(0, 6) };
}

/** Validates a document number of the given type, or of the type its shape shows when none is given. */
export function checkIdentity(raw: string, type?: IdType): IdCheck {
  const n = normalizeIdNumber(raw ?? '');
  if (!n) return type === 'none' ? { ok: true, type: 'none', number: '' } : { ok: false, problem: 'empty' };
  const t = type ?? detectIdType(n);
  if (!t) return { ok: false, problem: 'format' };
  switch (t) {
    case 'resident_id': {
      // A permit or a foreigner's ID picked as "身份证" is a common slip: say so rather than "wrong area".
      // Only when the type was chosen: a detected type came from the number and cannot contradict it.
      if (type && /^\d{17}[\dX]$/.test(n) && /^(8[123]|9)/.test(n)) return { ok: false, problem: 'type_mismatch' };
      return n.length === 15 ? check15(n) : check18(n, 'resident_id');
    }
    case 'resident_id_15':
      return check15(n);
    case 'hk_macau_tw_permit':
      return PERMIT_PREFIX.test(n) ? check18(n, t) : { ok: false, problem: /^\d{17}[\dX]$/.test(n) ? 'type_mismatch' : 'format' };
    case 'foreigner_permanent':
      return n.startsWith('9') ? check18(n, t) : { ok: false, problem: /^\d{17}[\dX]$/.test(n) ? 'type_mismatch' : 'format' };
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(n) ? { ok: true, type: t, number: n } : { ok: false, problem: 'format' };
    case 'hk_macau_pass':
      return /^[HM]\d{8}(\d{2})?$/.test(n) ? { ok: true, type: t, number: n } : { ok: false, problem: 'format' };
    case 'tw_pass':
      return /^\d{8}(\d{2})?$/.test(n) ? { ok: true, type: t, number: n } : { ok: false, problem: 'format' };
    case 'household_register': {
      // A 户口簿 usually carries the holder's resident ID number: check it as one when it looks like one.
      if (/^\d{17}[\dX]$/.test(n)) {
        const c = check18(n, 'resident_id');
        return c.ok ? { ...c, type: t } : c;
      }
      return n.length >= 4 && n.length <= 30 ? { ok: true, type: t, number: n } : { ok: false, problem: 'format' };
    }
    case 'military':
      return n.length >= 4 && n.length <= 30 ? { ok: true, type: t, number: n } : { ok: false, problem: 'format' };
    case 'none':
      return { ok: false, problem: 'type_mismatch' };
  }
}

export type PhoneCheck = { ok: true; number: string; kind: 'mobile' | 'landline' } | { ok: false };

/** Mobile numbers (11 digits, 1[3-9]…) and landlines with their area code ('0371-12345678'). */
export function checkPhone(raw: string): PhoneCheck {
  let d = normalizeIdNumber(raw ?? '').replace(/[()（）]/g, '');
  if (!/^\+?\d+$/.test(d)) return { ok: false };
  // Country code: '+86', '0086', or a bare '86' in front of a full mobile number (Excel drops the '+').
  const intl = /^(\+86|0086)/.test(d) || /^861[3-9]\d{9}$/.test(d);
  d = d.replace(/^(\+86|0086|86)/, intl ? '' : '$1');
  if (d.startsWith('+')) return { ok: false };
  // '+86 371 1234 5678': the trunk 0 is dropped after a country code; put it back.
  if (intl && /^[2-9]/.test(d)) d = `0${d}`;
  if (/^1[3-9]\d{9}$/.test(d)) return { ok: true, number: d, kind: 'mobile' };
  if (/^0(10|2\d)\d{7,8}$/.test(d)) return { ok: true, number: `${d.slice(0, 3)}-${d.slice(3)}`, kind: 'landline' };
  if (/^0[3-9]\d{2}\d{7,8}$/.test(d)) return { ok: true, number: `${d.slice(0, 4)}-${d.slice(4)}`, kind: 'landline' };
  if (/^[2-9]\d{6,7}$/.test(d)) return { ok: true, number: d, kind: 'landline' };
  return { ok: false };
}

/** '410***********1234': the first 3 and last 4 kept. */
export function maskIdNumber(n: string | null | undefined): string | null {
  if (!n) return null;
  // ID cards (15/18 characters) keep 3 + 4 as people expect; shorter documents (passports, permits)
  // would show most of their digits that way, so they keep only the last 2.
  if (n.length < 15) return '*'.repeat(Math.max(0, n.length - 2)) + n.slice(-2);
  return n.slice(0, 3) + '*'.repeat(n.length - 7) + n.slice(-4);
}

/** '138****5678'; landlines '0371****5678' (the area code stays: it only says which city). */
export function maskPhone(p: string | null | undefined): string | null {
  if (!p) return null;
  const d = p.replace(/\D/g, '');
  if (/^0\d{9,11}$/.test(d)) {
    const keep = /^0(10|2\d)/.test(d) ? 3 : 4;
    return d.slice(0, keep) + '*'.repeat(d.length - keep - 4) + d.slice(-4);
  }
  if (d.length >= 11) return d.slice(0, 3) + '*'.repeat(d.length - 7) + d.slice(-4);
  // Bare local numbers (7-8 digits) and anything odd: keeping 3 + 4 would show nearly every digit.
  const shown = d.length ? d.slice(-2) : '';
  return '*'.repeat(Math.max(2, d.length - 2)) + shown;
}

/** Whole years on `on` (YYYY-MM-DD); someone born on 29 Feb has their birthday on 1 Mar in common years. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return Math.max(0, age);
}

export function ageGroups(birthDate: string | null | undefined, on: string): Array<'elderly60' | 'elderly80'> {
  if (!birthDate) return [];
  const age = ageOn(birthDate, on);
  return age >= 80 ? ['elderly60', 'elderly80'] : age >= 60 ? ['elderly60'] : [];
}
