import type { Writable } from 'node:stream';
import { ID_TYPE_NAMES, type IdType, ageOn, maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import { CATEGORY_NAMES, SKILL_NAMES, type Availability, type CATEGORIES, type SKILLS } from '../../../domain/volunteers/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden, ruleViolation } from '../../platform/errors';
import { SqlParams } from '../../platform/sql';
import { writeList } from '../../platform/spreadsheets/write';
import type { ExportStamp } from '../../platform/export-stamp';
import * as repo from './repo';
import { placeArea } from './checks';
import { areasAs } from '../areas/sql';

/**
 * The filtered volunteer list as .xlsx (the registry's pattern: residents/import/export.ts). ID numbers
 * and phones are masked unless the caller holds residents.reveal (查看完整证件号与电话) and asks for them;
 * every export is one audit row with its row count and filters. Rows are read by id in pages, and the
 * workbook is streamed by ExcelJS (through platform/exceljs.ts, in writeList).
 */
export const VOLUNTEER_EXPORT_MAX_ROWS = 100_000;
const PAGE = 2000;

const HEADERS = [
  '姓名',
  '证件类型',
  '证件号码',
  '性别',
  '出生日期',
  '年龄',
  '联系电话',
  '类别',
  '所属区域',
  '所在支部',
  '技能',
  '可服务时间',
  '健康状况',
  '紧急联系人',
  '紧急联系电话',
  '状态',
  '备注',
];
const HEALTH_ZH: Record<string, string> = { healthy: '健康', unwell: '身体不适', isolating: '隔离中', unknown: '未填报' };
const DAY_ZH: Record<string, string> = { mon: '一', tue: '二', wed: '三', thu: '四', fri: '五', sat: '六', sun: '日' };

export interface ExportFilters {
  q?: string;
  under?: number;
  category?: string;
  skill?: string;
  orgId?: number;
  teamId?: number;
}

interface ExportRow {
  id: number;
  name: string;
  id_type: string;
  id_number: string | null;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  category: string;
  area_name: string;
  branch: string | null;
  skills: string[];
  availability: Availability | null;
  health_status: string;
  emergency_name: string | null;
  emergency_phone: string | null;
  status: string;
  notes: string | null;
}

function availabilityText(a: Availability | null): string {
  if (!a) return '';
  const days = a.days.length === 7 ? '每天' : a.days.length ? `周${a.days.map((d) => DAY_ZH[d] ?? d).join('、')}` : '';
  const hours = a.from || a.to ? `${a.from ?? ''}–${a.to ?? ''}` : '';
  return [days, hours, a.remoteOnly ? '远程服务' : '', a.note ?? ''].filter(Boolean).join(' ');
}

export async function prepareVolunteerExport(ctx: Ctx, filters: ExportFilters, reveal: boolean, stamp: ExportStamp) {
  if (reveal && !ctx.actor.permissions.has('residents.reveal')) throw forbidden();
  const underPath = filters.under ? (await placeArea(ctx, filters.under, 'under')).path : undefined;
  const q = new SqlParams();
  const where = repo.searchWhere(ctx.actor.scope, { ...filters, underPath, byNumber: ctx.actor.permissions.has('residents.reveal') }, q);
  const [{ n }] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM volunteers v WHERE ${where} LIMIT ${VOLUNTEER_EXPORT_MAX_ROWS + 1}) s`,
    q.values,
  );
  if (n > VOLUNTEER_EXPORT_MAX_ROWS) throw ruleViolation('VOLUNTEER_EXPORT_TOO_MANY', { max: VOLUNTEER_EXPORT_MAX_ROWS });
  await audit(ctx.db, ctx, {
    action: 'export',
    entity: 'volunteer',
    areaPath: underPath ?? ctx.actor.scope.path,
    after: { rows: n, revealed: reveal, purpose: stamp.purpose, filters },
  });
  return { rows: n, write: (out: Writable) => writeList(out, '志愿者名册', HEADERS, pages(ctx, where, q.values, reveal), stamp) };
}

async function* pages(ctx: Ctx, where: string, values: unknown[], reveal: boolean): AsyncGenerator<string[][]> {
  let after = 0;
  for (;;) {
    const rows = await ctx.db.query<ExportRow>(
      `SELECT v.id, v.name, v.id_type, v.id_number, v.sex, to_char(v.birth_date, 'YYYY-MM-DD') AS birth_date, v.phone, v.category,
              a.name AS area_name,
              (SELECT o.name FROM party_memberships m JOIN party_orgs o ON o.id = m.org_id
                WHERE m.volunteer_id = v.id AND m.left_on IS NULL ORDER BY m.kind = 'home' DESC, m.id LIMIT 1) AS branch,
              v.skills, v.availability, v.health_status, v.emergency_name, v.emergency_phone, v.status, v.notes
         FROM volunteers v JOIN ${areasAs('a')} ON a.id = v.area_id
        WHERE ${where} AND v.id > $${values.length + 1} ORDER BY v.id LIMIT ${PAGE}`,
      [...values, after],
    );
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    yield rows.map((r) => [
      r.name,
      ID_TYPE_NAMES[r.id_type as IdType]?.zh ?? r.id_type,
      (reveal ? r.id_number : maskIdNumber(r.id_number)) ?? '',
      r.sex === 'M' ? '男' : r.sex === 'F' ? '女' : '',
      // Part of the ID number: shown only with the numbers revealed (the age column stands beside it).
      (reveal || !r.id_number ? r.birth_date : null) ?? '',
      r.birth_date ? String(ageOn(r.birth_date, ctx.today)) : '',
      (reveal ? r.phone : maskPhone(r.phone)) ?? '',
      CATEGORY_NAMES[r.category as (typeof CATEGORIES)[number]]?.zh ?? r.category,
      r.area_name,
      r.branch ?? '',
      r.skills.map((s) => SKILL_NAMES[s as (typeof SKILLS)[number]]?.zh ?? s).join('、'),
      availabilityText(r.availability),
      HEALTH_ZH[r.health_status] ?? r.health_status,
      r.emergency_name ?? '',
      (reveal ? r.emergency_phone : maskPhone(r.emergency_phone)) ?? '',
      r.status === 'active' ? '在册' : '停用',
      r.notes ?? '',
    ]);
    if (rows.length < PAGE) return;
  }
}
