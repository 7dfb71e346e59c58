import type { CellValue } from '../../../platform/spreadsheets/cells';
import type { RELATIONS, STATUSES, STORED_GROUPS } from '../../../../domain/residents/schemas';
import { ID_TYPES, ID_TYPE_NAMES, type IdType } from '../../../../domain/residents/identity';
import { IMPORT_FIELDS, type ImportField } from '../../../../domain/residents/api';

/**
 * The columns a resident spreadsheet can carry, the headers people really use for them, and how a
 * cell's text becomes a value. Pure code: the reader, the checks, the template and the tests share it.
 */
export { IMPORT_FIELDS, type ImportField, REQUIRED_FIELDS } from '../../../../domain/residents/api';

/** First alias = the template's header. Compared after dropping spaces, '*' and brackets. */
const ALIASES: Record<ImportField, string[]> = {
  name: ['姓名', '名字', '居民姓名', '人员姓名', 'name'],
  idType: ['证件类型', '证件种类', 'idtype', 'documenttype'],
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码', '身份证', '居民身份证号码', 'idnumber'],
  sex: ['性别', 'sex', 'gender'],
  birthDate: ['出生日期', '出生年月', '生日', 'birthdate', 'dateofbirth'],
  phone: ['联系电话', '手机号', '手机号码', '电话', '电话号码', '联系方式', 'phone', 'mobile'],
  phone2: ['备用电话', '其他电话', '紧急联系电话', 'phone2'],
  address: ['现住址', '住址', '地址', '居住地址', '家庭住址', '现居住地址', 'address'],
  villageGroup: ['村民小组', '组别', '组', 'villagegroup'],
  houseNo: ['门牌号', '户号', 'houseno'],
  unit: ['单元', 'unit'],
  room: ['房号', '室', '房间号', 'room'],
  relation: ['与户主关系', '关系', '家庭关系', 'relation'],
  area: ['所属网格', '网格', '所属区域', '村（社区）', '村社区', '区划代码', 'area'],
  registeredAddress: ['户籍地址', '户籍地', '户口所在地', 'registeredaddress'],
  groups: ['特殊人群', '重点人群', '人群类别', 'groups'],
  status: ['状态', '在家状态', '人员状态', 'status'],
  awayWhere: ['外出地点', '外出去向', '去向', 'awaywhere'],
  movedInOn: ['入住日期', '迁入日期', '居住起始日期', '来本地日期', 'movedinon'],
  notes: ['备注', '说明', 'notes'],
};

export const FIELD_LABELS: Record<ImportField, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'Name' },
  idType: { zh: '证件类型', en: 'Document type' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  sex: { zh: '性别', en: 'Sex' },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  phone: { zh: '联系电话', en: 'Phone' },
  phone2: { zh: '备用电话', en: 'Second phone' },
  address: { zh: '现住址', en: 'Address' },
  villageGroup: { zh: '村民小组', en: 'Village group' },
  houseNo: { zh: '门牌号', en: 'House number' },
  unit: { zh: '单元', en: 'Unit' },
  room: { zh: '房号', en: 'Room' },
  relation: { zh: '与户主关系', en: 'Relation to head' },
  area: { zh: '所属网格', en: 'Area' },
  registeredAddress: { zh: '户籍地址', en: 'Registered address' },
  groups: { zh: '特殊人群', en: 'Special groups' },
  status: { zh: '状态', en: 'Status' },
  awayWhere: { zh: '外出地点', en: 'Away where' },
  movedInOn: { zh: '入住日期', en: 'Living here since' },
  notes: { zh: '备注', en: 'Notes' },
};

export function templateHeaders(): string[] {
  return IMPORT_FIELDS.map((f) => ALIASES[f][0]);
}

function headerKey(h: string): string {
  // '证件号码（必填）', '*姓名', '联系电话: ' all name their field; bracketed remarks are dropped.
  return h
    .toLowerCase()
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s*＊:：_-]/g, '');
}
const BY_ALIAS = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const a of ALIASES[f]) BY_ALIAS.set(headerKey(a), f);

export function fieldOfHeader(header: string): ImportField | null {
  return BY_ALIAS.get(headerKey(header)) ?? null;
}

/** header → field for every header we recognise; each field is offered once (the first column wins). */
export function suggestMapping(headers: string[]): Record<string, ImportField | null> {
  const used = new Set<ImportField>();
  const out: Record<string, ImportField | null> = {};
  for (const h of headers) {
    const f = fieldOfHeader(h);
    out[h] = f && !used.has(f) ? f : null;
    if (f) used.add(f);
  }
  return out;
}

/** How many headers of a row we recognise: the header row is the first that looks like one. */
export function headerScore(cells: string[]): number {
  return cells.filter((c) => c && fieldOfHeader(c)).length;
}

const SEX: Record<string, 'M' | 'F'> = { 男: 'M', 女: 'F', m: 'M', f: 'F', male: 'M', female: 'F', '1': 'M', '2': 'F', 男性: 'M', 女性: 'F' };
export function parseSex(s: string): 'M' | 'F' | null | 'invalid' {
  if (!s) return null;
  return SEX[s.toLowerCase()] ?? 'invalid';
}

const RELATION_WORDS: Array<[RegExp, (typeof RELATIONS)[number]]> = [
  [/^(户主|本人|head)$/i, 'head'],
  [/^(配偶|妻子?|丈夫|夫|老伴|spouse)$/i, 'spouse'],
  [/^(子女?|儿子?|女儿?|长子|次子|长女|次女|养子|养女|儿媳|女婿|child)$/i, 'child'],
  [/^(父亲?|母亲?|父母|公公|婆婆|岳父|岳母|parent)$/i, 'parent'],
  [/^(孙子?|孙女|外孙子?|外孙女|grandchild)$/i, 'grandchild'],
  [/^(祖父|祖母|外祖父|外祖母|爷爷|奶奶|姥姥|姥爷|grandparent)$/i, 'grandparent'],
  [/^(兄|弟|姐|妹|兄弟|姐妹|哥哥|弟弟|姐姐|妹妹|sibling)$/i, 'sibling'],
  [/^(其他|其它|other|.+)$/i, 'other'],
];
export function parseRelation(s: string): (typeof RELATIONS)[number] | null {
  if (!s) return null;
  return RELATION_WORDS.find(([re]) => re.test(s))![1];
}

const STATUS_WORDS: Record<string, (typeof STATUSES)[number]> = {
  在家: 'present',
  在住: 'present',
  常住: 'present',
  在村: 'present',
  正常: 'present',
  present: 'present',
  外出: 'away',
  不在家: 'away',
  外地: 'away',
  away: 'away',
  迁出: 'moved_out',
  已迁出: 'moved_out',
  moved_out: 'moved_out',
  死亡: 'deceased',
  已故: 'deceased',
  去世: 'deceased',
  已去世: 'deceased',
  deceased: 'deceased',
};
export function parseStatus(s: string): (typeof STATUSES)[number] | null | 'invalid' {
  if (!s) return null;
  return STATUS_WORDS[s.toLowerCase()] ?? 'invalid';
}

const GROUP_WORDS: Record<string, (typeof STORED_GROUPS)[number]> = {
  残疾: 'disabled',
  残疾人: 'disabled',
  disabled: 'disabled',
  孕妇: 'pregnant',
  孕产妇: 'pregnant',
  pregnant: 'pregnant',
  慢性病: 'chronic',
  慢病: 'chronic',
  chronic: 'chronic',
  透析: 'dialysis',
  血透: 'dialysis',
  dialysis: 'dialysis',
  卧床: 'bedridden',
  失能: 'bedridden',
  bedridden: 'bedridden',
  独居: 'alone',
  独居老人: 'alone',
  alone: 'alone',
  无智能手机: 'no_smartphone',
  无手机: 'no_smartphone',
  no_smartphone: 'no_smartphone',
};
/** '残疾、独居' → ['alone', 'disabled']; age groups are derived, so 老人 / 80岁以上 are accepted and ignored. */
export function parseGroups(s: string): Array<(typeof STORED_GROUPS)[number]> | { invalid: string } {
  if (!s) return [];
  const out = new Set<(typeof STORED_GROUPS)[number]>();
  for (const word of s.split(/[,，、;；/\s]+/).filter(Boolean)) {
    const g = GROUP_WORDS[word.toLowerCase()];
    if (g) out.add(g);
    else if (!/^(老人|老年人|高龄|60岁以上|80岁以上|elderly60|elderly80)$/i.test(word)) return { invalid: word };
  }
  return [...out].sort();
}

const ID_TYPE_BY_NAME = new Map<string, IdType>();
for (const t of ID_TYPES) {
  ID_TYPE_BY_NAME.set(t, t);
  ID_TYPE_BY_NAME.set(ID_TYPE_NAMES[t].zh, t);
  ID_TYPE_BY_NAME.set(ID_TYPE_NAMES[t].en.toLowerCase(), t);
}
for (const [word, t] of [
  ['身份证', 'resident_id'],
  ['居民身份证号码', 'resident_id'],
  ['居住证', 'hk_macau_tw_permit'],
  ['永久居留证', 'foreigner_permanent'],
  ['无', 'none'],
] as const) {
  ID_TYPE_BY_NAME.set(word, t);
}
export function parseIdType(s: string): IdType | null | 'invalid' {
  if (!s) return null;
  return ID_TYPE_BY_NAME.get(s) ?? ID_TYPE_BY_NAME.get(s.toLowerCase()) ?? 'invalid';
}

/** Excel keeps 15 significant digits: an 18-digit ID typed into a number cell has lost its last digits. */
export function idNumberLostToExcel(v: CellValue): boolean {
  return typeof v === 'number' && Math.abs(v) >= 1e15;
}
