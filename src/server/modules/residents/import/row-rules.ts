import type { IdType } from '../../../../domain/residents/identity';
import type { RELATIONS, STATUSES, STORED_GROUPS } from '../../../../domain/residents/schemas';
import type { Lang } from '../../../platform/messages';
import { checkIdentityFields, checkPhoneField } from '../identity-rules';
import { type CellValue, cellText, parseDate } from '../../../platform/spreadsheets/cells';
import { type ImportField, idNumberLostToExcel, parseGroups, parseIdType, parseRelation, parseSex, parseStatus } from './fields';

/**
 * One spreadsheet row → the values of a resident and their household, or every problem of the row
 * with its column and a reason in both languages. Pure: the database checks (ID numbers taken
 * elsewhere, areas) come after, in the job.
 */
export interface RowProblem {
  column: string;
  zh: string;
  en: string;
}

export interface ParsedRow {
  row: number;
  /** The fields the file supplies; an update changes only these. */
  supplied: Set<ImportField>;
  name: string;
  idType: IdType;
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  phone2: string | null;
  relation: (typeof RELATIONS)[number] | null;
  registeredAddress: string | null;
  groups: Array<(typeof STORED_GROUPS)[number]>;
  /** Null when the cell is blank: a new record is 'present', an existing one keeps its status. */
  status: (typeof STATUSES)[number] | null;
  /** The first day of their stay here; blank = the day of the import. */
  movedInOn: string | null;
  awayWhere: string | null;
  notes: string | null;
  /** Where they live; null address means no household (the area alone). */
  household: { address: string; villageGroup: string | null; houseNo: string | null; unit: string | null; room: string | null } | null;
  /** Area name or 12-digit division code from the file, resolved by the job; null = the import's area. */
  area: string | null;
}

/** column index → field, built once per import from the header → field mapping. */
export type ColumnMap = Array<{ index: number; header: string; field: ImportField }>;

export function columnMap(headers: string[], mapping: Record<string, ImportField | null | undefined>): ColumnMap {
  return headers.flatMap((header, index) => {
    const field = mapping[header];
    return field ? [{ index, header, field }] : [];
  });
}

const REASON = {
  required: { zh: '必填', en: 'required' },
  tooLong: (n: number) => ({ zh: `不能超过 ${n} 个字`, en: `at most ${n} characters` }),
  date: { zh: '不是有效日期（例：1980-01-02）', en: 'not a valid date (e.g. 1980-01-02)' },
  future: { zh: '日期不能晚于今天', en: 'cannot be later than today' },
  sex: { zh: '应为“男”或“女”', en: 'must be 男/女 (M/F)' },
  status: { zh: '应为 在家 / 外出 / 迁出 / 死亡', en: 'must be 在家 / 外出 / 迁出 / 死亡 (present / away / moved out / deceased)' },
  idType: { zh: '不认识的证件类型', en: 'unknown document type' },
  group: (w: string) => ({ zh: `不认识的人群类别“${w}”`, en: `unknown group "${w}"` }),
  idAsNumber: {
    zh: 'Excel 把身份证号存成了数字，后几位已丢失；请把该列设为“文本”后重新填写',
    en: 'Excel stored the ID number as a number and lost its last digits; format the column as text and enter it again',
  },
  noHousehold: { zh: '有门牌号或房号时须填写地址或村民小组', en: 'a house or room number needs an address or village group' },
};

const MAX_LEN: Partial<Record<ImportField, number>> = {
  name: 50,
  address: 200,
  villageGroup: 40,
  houseNo: 20,
  unit: 20,
  room: 20,
  registeredAddress: 200,
  awayWhere: 100,
  notes: 500,
  area: 100,
};

export function checkRow(row: number, cells: CellValue[], columns: ColumnMap, today: string): { ok: ParsedRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const headerOf = new Map<ImportField, string>();
  const raw = new Map<ImportField, CellValue>();
  const text = new Map<ImportField, string>();
  for (const c of columns) {
    headerOf.set(c.field, c.header);
    const v = cells[c.index] ?? null;
    raw.set(c.field, v);
    text.set(c.field, cellText(v));
  }
  const add = (field: ImportField | string, reason: { zh: string; en: string }) =>
    problems.push({ column: headerOf.get(field as ImportField) ?? field, ...reason });
  const t = (f: ImportField) => text.get(f) ?? '';
  const optional = (f: ImportField) => t(f) || null;

  for (const [f, max] of Object.entries(MAX_LEN) as Array<[ImportField, number]>) {
    if (t(f).length > max) add(f, REASON.tooLong(max));
  }
  if (!t('name')) add('name', REASON.required);

  const date = (f: 'birthDate' | 'movedInOn') => {
    const d = parseDate(raw.get(f) ?? null);
    if (d === 'invalid') add(f, REASON.date);
    else if (d && d > today) add(f, REASON.future);
    return d === 'invalid' ? null : d;
  };
  const birthDate = date('birthDate');
  const movedInOn = date('movedInOn');
  const sex = parseSex(t('sex'));
  if (sex === 'invalid') add('sex', REASON.sex);
  const status = parseStatus(t('status'));
  if (status === 'invalid') add('status', REASON.status);
  const idType = parseIdType(t('idType'));
  if (idType === 'invalid') add('idType', REASON.idType);
  const relation = parseRelation(t('relation'));
  const groups = parseGroups(t('groups'));
  if (!Array.isArray(groups)) add('groups', REASON.group(groups.invalid));

  let identity: ReturnType<typeof checkIdentityFields> = null;
  if (idNumberLostToExcel(raw.get('idNumber') ?? null)) add('idNumber', REASON.idAsNumber);
  else if (idType !== 'invalid') {
    const input = { idType: idType ?? undefined, idNumber: t('idNumber'), sex: sex === 'invalid' ? null : sex, birthDate };
    const zh: Record<string, string> = {};
    identity = checkIdentityFields(input, 'zh', zh);
    if (!identity) {
      const en: Record<string, string> = {};
      checkIdentityFields(input, 'en' as Lang, en);
      for (const k of Object.keys(zh)) add(k, { zh: zh[k], en: en[k] ?? zh[k] });
    }
  }
  const phone = (f: 'phone' | 'phone2') => {
    const zh: Record<string, string> = {};
    const value = checkPhoneField(t(f), f, 'zh', zh);
    if (zh[f]) {
      const en: Record<string, string> = {};
      checkPhoneField(t(f), f, 'en', en);
      add(f, { zh: zh[f], en: en[f] });
    }
    return value;
  };
  const phone1 = phone('phone');
  const phone2 = phone('phone2');

  const address = t('address') || [t('villageGroup'), t('houseNo') && !/号$/.test(t('houseNo')) ? `${t('houseNo')}号` : t('houseNo')].join('');
  if (!t('address') && !t('villageGroup') && (t('houseNo') || t('unit') || t('room'))) add('address', REASON.noHousehold);

  if (problems.length) return { problems };
  return {
    ok: {
      row,
      supplied: new Set(columns.map((c) => c.field)),
      name: t('name'),
      idType: identity!.idType,
      idNumber: identity!.idNumber,
      sex: identity!.sex,
      birthDate: identity!.birthDate,
      phone: phone1,
      phone2,
      relation,
      registeredAddress: optional('registeredAddress'),
      groups: groups as ParsedRow['groups'],
      status: status as ParsedRow['status'],
      movedInOn,
      awayWhere: optional('awayWhere'),
      notes: optional('notes'),
      household: address
        ? { address, villageGroup: optional('villageGroup'), houseNo: optional('houseNo'), unit: optional('unit'), room: optional('room') }
        : null,
      area: optional('area'),
    },
  };
}
