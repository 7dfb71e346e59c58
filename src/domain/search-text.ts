/**
 * What one search box's text asks for — the one rule the registry's search and the volunteers' search share.
 *
 * People are found by their names far more often than by their addresses, and a name may hold any
 * character an address holds (王小红, 李元芳, 陈建社, 张立村). So text counts as an address only on clear
 * signs: a digit (3号楼, 幸福路12号), a house, building, unit or room number written in Chinese numerals
 * (五号楼, 三单元, 二组), or a word no name contains (小区, 单元, 号楼, 社区, 胡同 …). Other Chinese text is
 * a name; when it holds a character that addresses often hold (村 区 路 街 院 …), the caller may fall back
 * to addresses when no name matches. The person searching can also say which they mean (`target`).
 */

/** What the person searching says the text is; absent: decided from the text. */
export const SEARCH_TARGETS = ['name', 'address'] as const;
export type SearchTarget = (typeof SEARCH_TARGETS)[number];

export type SearchKind =
  /** A whole 18-character ID number. */
  | 'id_number'
  /** 3 or more digits: the end of an ID number or a phone (for those who may reveal them). */
  | 'digits'
  /** Latin letters: pinyin, initials, or a name written in letters. */
  | 'letters'
  /** Part of an address. */
  | 'address'
  /** Part of a name. */
  | 'name'
  /** Part of a name; part of an address if no name matches. */
  | 'name_or_address';

/** Digits, or a number in Chinese numerals followed by what it numbers. */
const ADDRESS_NUMBER = /[0-9０-９]|[一二三四五六七八九十百零两]+(号|栋|幢|楼|层|单元|室|组|巷|弄|排|队)/;
/** Words that are parts of addresses and not of names. */
const ADDRESS_WORDS = /号楼|号院|单元|小区|社区|村委|居委|花园|公寓|大厦|大院|胡同|家属院|宿舍|新村|街道|路口/;
/** Characters addresses often hold and names sometimes do. */
const ADDRESS_CHARS = /[号楼栋幢室组路街巷弄区院村社镇乡]/;

/**
 * The characters a name is written with apart from its letters: spaces (a space typed or not finds
 * 阿依古丽 买买提) and the separators of transcribed names (·, •, ・, ．). The database's
 * `name_search_key` removes the same set.
 */
const NAME_SEPARATORS = /[ \t\n\r\f\v\u00a0\u3000·•・‧．.-]+/g;

/** A name or a search text as it is compared: separators removed, Latin letters in lower case. */
export function nameSearchKey(text: string): string {
  return text.replace(NAME_SEPARATORS, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The pairs of adjacent characters of a name key (code points: 𠮷 is one character), which the name index
 * lists for every name so a name is found by any part of it.
 */
export function nameBigrams(key: string): string[] {
  const chars = [...key];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

export function classifySearch(text: string, target?: SearchTarget): SearchKind {
  const t = text.replace(/\s+/g, '');
  if (target === 'address') return 'address';
  if (/^\d{17}[\dXx]$/.test(t)) return 'id_number';
  if (/^\d{3,}[\dXx]?$/.test(t)) return 'digits';
  if (/^[a-zA-Z]+$/.test(t)) return 'letters';
  if (target === 'name') return 'name';
  if (ADDRESS_NUMBER.test(t) || ADDRESS_WORDS.test(t)) return 'address';
  return ADDRESS_CHARS.test(t) && [...t].length >= 2 ? 'name_or_address' : 'name';
}
