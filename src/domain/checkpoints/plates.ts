/**
 * Chinese number plates (机动车号牌, GA 36). A plate is a province abbreviation, the issuing authority's
 * letter, then five letters or digits (I and O are never used) — or six for a new-energy plate (新能源,
 * green): a small car's starts with D or F (electric / hybrid) followed by a letter or digit and four
 * digits, a large vehicle's is five digits then D or F. Trailer, coach-school and police plates end in
 * 挂 / 学 / 警; Hong Kong and Macao cross-border plates in 港 / 澳.
 */
export const PROVINCES = [
  '京',
  '津',
  '沪',
  '渝',
  '冀',
  '豫',
  '云',
  '辽',
  '黑',
  '湘',
  '皖',
  '鲁',
  '新',
  '苏',
  '浙',
  '赣',
  '鄂',
  '桂',
  '甘',
  '晋',
  '蒙',
  '陕',
  '吉',
  '闽',
  '贵',
  '粤',
  '青',
  '藏',
  '川',
  '宁',
  '琼',
] as const;
export const PLATE_SUFFIXES = ['挂', '学', '警', '港', '澳'] as const;

/** Letters a plate may carry: A–Z without I and O. */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const L = `[${PLATE_LETTERS}]`;
const LD = `[${PLATE_LETTERS}0-9]`;
const P = `[${PROVINCES.join('')}]`;

const ORDINARY = new RegExp(`^${P}${L}${LD}{4}(?:${LD}|[${PLATE_SUFFIXES.join('')}])$`);
const NEW_ENERGY_SMALL = new RegExp(`^${P}${L}[DF]${LD}\\d{4}$`);
const NEW_ENERGY_LARGE = new RegExp(`^${P}${L}\\d{5}[DF]$`);

/** The plate as typed, upper-cased without spaces, dots or dashes (粤B·12345 → 粤B12345). */
export function normalisePlate(s: string): string {
  return s.replace(/[\s·.-]/g, '').toUpperCase();
}

export type PlateKind = 'ordinary' | 'new_energy';

/** The plate's kind, or null when it is not a plate. */
export function plateKind(s: string): PlateKind | null {
  const p = normalisePlate(s);
  if (p.length === 8 && (NEW_ENERGY_SMALL.test(p) || NEW_ENERGY_LARGE.test(p))) return 'new_energy';
  if (p.length === 7 && ORDINARY.test(p)) return 'ordinary';
  return null;
}

export function isPlate(s: string): boolean {
  return plateKind(s) !== null;
}
