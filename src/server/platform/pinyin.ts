import { pinyin } from 'pinyin-pro';

/**
 * Rare characters of names that the pinyin dictionary lacks (it holds the standard set and the common
 * extensions), each with a common character read the same way. Add one here when a name's pinyin comes
 * back without it.
 */
const READ_AS: Record<string, string> = {
  𠮷: '吉', // jí, the variant of 吉 in family names (U+20BB7)
};
const RARE = new RegExp(`[${Object.keys(READ_AS).join('')}]`, 'gu');

/**
 * Pinyin forms of a name for search: full ('maozhuangzhen') and initials ('mzz'). Letters and digits in
 * the name are kept as they are (lower-cased), so '3号楼' gives '3hl'.
 */
export function pinyinKeys(name: string): { full: string; initials: string } {
  const readable = name.replace(RARE, (c) => READ_AS[c]);
  const syllables = pinyin(readable, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return {
    full: clean.join(''),
    initials: clean.map((s) => (/^[0-9]+$/.test(s) ? s : s[0])).join(''),
  };
}
