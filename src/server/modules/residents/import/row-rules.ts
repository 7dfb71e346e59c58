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
  supplied: ReadonlySet<ImportField>;
  name: string;
  /** The name's search keys in pinyin: filled by a commit as it reads ahead (withNameKeys), not by validation. */
  nameKeys?: { full: string; initials: string };
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

/** The mapped columns of an import, built once per job from the header → field mapping. */
export interface ColumnMap {
  /** field → its column (mapped twice: the last such column). */
  indexOf: Partial<Record<ImportField, number>>;
  /** field → the header a problem names. */
  headerOf: Partial<Record<ImportField, string>>;
  /** The fields the file supplies: one set shared by every row parsed under this map, never changed. */
  supplied: ReadonlySet<ImportField>;
}

export function columnMap(headers: string[], mapping: Record<string, ImportField | null | undefined>): ColumnMap {
  const list = headers.flatMap((header, index) => {
    const field = mapping[header];
    return field ? [{ index, header, field }] : [];
  });
  const indexOf: ColumnMap['indexOf'] = {};
  const headerOf: ColumnMap['headerOf'] = {};
  for (const c of list) {
    indexOf[c.field] = c.index;
    headerOf[c.field] = c.header;
  }
  return { indexOf, headerOf, supplied: new Set(list.map((c) => c.field)) };
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

const MAX_LEN_ENTRIES = Object.entries(MAX_LEN) as Array<[ImportField, number]>;

// Module-level helpers rather than closures made per row: a 100,000-row file made half a million of them.
function rawOf(cells: CellValue[], columns: ColumnMap, f: ImportField): CellValue {
  const i = columns.indexOf[f];
  return i === undefined ? null : (cells[i] ?? null);
}

const textOf = (cells: CellValue[], columns: ColumnMap, f: ImportField) => cellText(rawOf(cells, columns, f));
const orNull = (s: string) => s || null;

function addProblem(problems: RowProblem[], columns: ColumnMap, field: string, reason: { zh: string; en: string }) {
  problems.push({ column: columns.headerOf[field as ImportField] ?? field, ...reason });
}

function dateOf(cells: CellValue[], columns: ColumnMap, f: 'birthDate' | 'movedInOn', today: string, problems: RowProblem[]) {
  const d = parseDate(rawOf(cells, columns, f));
  if (d === 'invalid') addProblem(problems, columns, f, REASON.date);
  else if (d && d > today) addProblem(problems, columns, f, REASON.future);
  return d === 'invalid' ? null : d;
}

function phoneOf(text: string, f: 'phone' | 'phone2', columns: ColumnMap, problems: RowProblem[]) {
  const zh: Record<string, string> = {};
  const value = checkPhoneField(text, f, 'zh', zh);
  if (zh[f]) {
    const en: Record<string, string> = {};
    checkPhoneField(text, f, 'en', en);
    addProblem(problems, columns, f, { zh: zh[f], en: en[f] });
  }
  return value;
}

export function checkRow(row: number, cells: CellValue[], columns: ColumnMap, today: string): { ok: ParsedRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  for (const [f, max] of MAX_LEN_ENTRIES) {
    if (textOf(cells, columns, f).length > max) addProblem(problems, columns, f, REASON.tooLong(max));
  }
  const name = textOf(cells, columns, 'name');
  if (!name) addProblem(problems, columns, 'name', REASON.required);

  const birthDate = dateOf(cells, columns, 'birthDate', today, problems);
  const movedInOn = dateOf(cells, columns, 'movedInOn', today, problems);
  const sex = parseSex(textOf(cells, columns, 'sex'));
  if (sex === 'invalid') addProblem(problems, columns, 'sex', REASON.sex);
  const status = parseStatus(textOf(cells, columns, 'status'));
  if (status === 'invalid') addProblem(problems, columns, 'status', REASON.status);
  const idType = parseIdType(textOf(cells, columns, 'idType'));
  if (idType === 'invalid') addProblem(problems, columns, 'idType', REASON.idType);
  const relation = parseRelation(textOf(cells, columns, 'relation'));
  const groups = parseGroups(textOf(cells, columns, 'groups'));
  if (!Array.isArray(groups)) addProblem(problems, columns, 'groups', REASON.group(groups.invalid));

  let identity: ReturnType<typeof checkIdentityFields> = null;
  const idCell = rawOf(cells, columns, 'idNumber');
  if (idNumberLostToExcel(idCell)) addProblem(problems, columns, 'idNumber', REASON.idAsNumber);
  else if (idType !== 'invalid') {
    const input = { idType: idType ?? undefined, idNumber: cellText(idCell), sex: sex === 'invalid' ? null : sex, birthDate };
    const zh: Record<string, string> = {};
    identity = checkIdentityFields(input, 'zh', zh);
    if (!identity) {
      const en: Record<string, string> = {};
      checkIdentityFields(input, 'en' as Lang, en);
      for (const k of Object.keys(zh)) addProblem(problems, columns, k, { zh: zh[k], en: en[k] ?? zh[k] });
    }
  }
  const phone = phoneOf(textOf(cells, columns, 'phone'), 'phone', columns, problems);
  const phone2 = phoneOf(textOf(cells, columns, 'phone2'), 'phone2', columns, problems);

  const addressCell = textOf(cells, columns, 'address');
  const villageGroup = textOf(cells, columns, 'villageGroup');
  const houseNo = textOf(cells, columns, 'houseNo');
  const unit = textOf(cells, columns, 'unit');
  const room = textOf(cells, columns, 'room');
  const address = addressCell || villageGroup + (houseNo && !houseNo.endsWith('号') ? `${houseNo}号` : houseNo);
  if (!addressCell && !villageGroup && (houseNo || unit || room)) addProblem(problems, columns, 'address', REASON.noHousehold);

  if (problems.length) return { problems };
  return {
    ok: {
      row,
      supplied: columns.supplied,
      name,
      idType: identity!.idType,
      idNumber: identity!.idNumber,
      sex: identity!.sex,
      birthDate: identity!.birthDate,
      phone,
      phone2,
      relation,
      registeredAddress: orNull(textOf(cells, columns, 'registeredAddress')),
      groups: groups as ParsedRow['groups'],
      status: status as ParsedRow['status'],
      movedInOn,
      awayWhere: orNull(textOf(cells, columns, 'awayWhere')),
      notes: orNull(textOf(cells, columns, 'notes')),
      household: address ? { address, villageGroup: orNull(villageGroup), houseNo: orNull(houseNo), unit: orNull(unit), room: orNull(room) } : null,
      area: orNull(textOf(cells, columns, 'area')),
    },
  };
}
