import { pinyin } from 'pinyin-pro';

/**
 * Pinyin forms of a name for search: full ('maozhuangzhen') and initials ('mzz'). Letters and digits in
 * the name are kept as they are (lower-cased), so '3号楼' gives '3hl'.
 */
export function pinyinKeys(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return {
    full: clean.join(''),
    initials: clean.map((s) => (/^[0-9]+$/.test(s) ? s : s[0])).join(''),
  };
}
