import type { Writable } from 'node:stream';
import { areasAs } from '../../areas/sql';
import { ID_TYPE_NAMES, type IdType, ageOn, maskIdNumber, maskPhone } from '../../../../domain/residents/identity';
import { audit } from '../../../platform/audit';
import type { Ctx } from '../../../platform/context';
import { isHealthGroup } from '../../../../domain/residents/schemas';
import { forbidden, ruleViolation } from '../../../platform/errors';
import { SqlParams } from '../../../platform/sql';
import { searchWhere } from '../search-repo';
import { type SearchParams, toSearch } from '../service';
import { writeList } from '../../../platform/spreadsheets/write';
import type { ExportStamp } from '../../../platform/export-stamp';

/**
 * The filtered resident list as .xlsx. Personal numbers are masked unless the caller holds
 * residents.reveal and asks for them; every export is one audit row with its count and filters.
 * Rows are read by id in pages of EXPORT_PAGE, so a large export never sits in memory.
 */
export const EXPORT_MAX_ROWS = 200_000;
const EXPORT_PAGE = 2000;

const RELATION_ZH: Record<string, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};
const STATUS_ZH: Record<string, string> = { present: '在家', away: '外出', moved_out: '迁出', deceased: '死亡' };
const GROUP_ZH: Record<string, string> = {
  disabled: '残疾',
  pregnant: '孕妇',
  chronic: '慢性病',
  dialysis: '透析',
  bedridden: '卧床',
  alone: '独居',
  no_smartphone: '无智能手机',
};
/** The template's headers where they exist, so an export (with numbers revealed) can be imported again. */
const HEADERS = [
  '姓名',
  '证件类型',
  '身份证号',
  '性别',
  '出生日期',
  '年龄',
  '联系电话',
  '备用电话',
  '现住址',
  '所属网格',
  '与户主关系',
  '特殊人群',
  '状态',
  '外出地点',
  '户籍地址',
  '备注',
];

interface ExportRow {
  id: number;
  name: string;
  id_type: string;
  id_number: string | null;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  phone2: string | null;
  address: string | null;
  area_name: string;
  relation: string | null;
  groups: string[];
  status: string;
  away_where: string | null;
  registered_address: string | null;
  notes: string | null;
}

export async function prepareExport(ctx: Ctx, params: SearchParams, reveal: boolean, stamp: ExportStamp) {
  if (reveal && !ctx.actor.permissions.has('residents.reveal')) throw forbidden();
  const search = await toSearch(ctx, params);
  const q = new SqlParams();
  const where = searchWhere(ctx.actor.scope, search, q);
  const [{ n }] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM residents r WHERE ${where} LIMIT ${EXPORT_MAX_ROWS + 1}) s`,
    q.values,
  );
  if (n > EXPORT_MAX_ROWS) throw ruleViolation('EXPORT_TOO_MANY', { count: EXPORT_MAX_ROWS, max: EXPORT_MAX_ROWS });
  await audit(ctx.db, ctx, {
    action: 'export',
    entity: 'resident',
    areaPath: search.underPath ?? ctx.actor.scope.path,
    after: { rows: n, revealed: reveal, purpose: stamp.purpose, filters: { ...params, page: undefined, pageSize: undefined } },
  });
  return {
    rows: n,
    write: (out: Writable) => writeList(out, '居民台账', HEADERS, pages(ctx, where, q.values, reveal), stamp),
  };
}

async function* pages(ctx: Ctx, where: string, values: unknown[], reveal: boolean): AsyncGenerator<string[][]> {
  // Health groups only for those who may see them; the birth date (part of the ID number) only with the numbers revealed.
  const health = ctx.actor.permissions.has('residents.health');
  let after = 0;
  for (;;) {
    const rows = await ctx.db.query<ExportRow>(
      `SELECT r.id, r.name, r.id_type, r.id_number, r.sex, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.phone, r.phone2,
              h.address, a.name AS area_name, r.relation, r.groups, r.status, r.away_where, r.registered_address, r.notes
         FROM residents r JOIN ${areasAs('a')} ON a.id = r.area_id LEFT JOIN households h ON h.id = r.household_id
        WHERE ${where} AND r.id > $${values.length + 1} ORDER BY r.id LIMIT ${EXPORT_PAGE}`,
      [...values, after],
    );
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    yield rows.map((r) => [
      r.name,
      ID_TYPE_NAMES[r.id_type as IdType]?.zh ?? r.id_type,
      (reveal ? r.id_number : maskIdNumber(r.id_number)) ?? '',
      r.sex === 'M' ? '男' : r.sex === 'F' ? '女' : '',
      (reveal || !r.id_number ? r.birth_date : null) ?? '',
      r.birth_date ? String(ageOn(r.birth_date, ctx.today)) : '',
      (reveal ? r.phone : maskPhone(r.phone)) ?? '',
      (reveal ? r.phone2 : maskPhone(r.phone2)) ?? '',
      r.address ?? '',
      r.area_name,
      r.relation ? (RELATION_ZH[r.relation] ?? r.relation) : '',
      r.groups
        .filter((g) => health || !isHealthGroup(g))
        .map((g) => GROUP_ZH[g] ?? g)
        .join('、'),
      STATUS_ZH[r.status] ?? r.status,
      r.away_where ?? '',
      r.registered_address ?? '',
      r.notes ?? '',
    ]);
    if (rows.length < EXPORT_PAGE) return;
  }
}
