import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ListedLevel } from '../../../domain/screening/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, forbidden, ruleViolation } from '../../platform/errors';
import { isRootScope } from '../../platform/scope';
import * as divisions from '../divisions';
import { type CellValue, cellText, parseDate } from '../../platform/spreadsheets/cells';
import { SheetError, inspect, readBatches } from '../../platform/spreadsheets/threaded-reader';
import { sheetProblem } from '../../platform/spreadsheets/problems';
import { oneHeavyImport } from '../../platform/spreadsheets/heavy-import';
import { storeUpload } from '../../platform/spreadsheets/stored-upload';
import { originLevel } from './origin-level';
import * as repo from './risk-area-repo';
import { toRiskAreaView } from './view';

/**
 * The official risk-area list (风险地区名单): imported from csv (UTF-8 or GBK) or xlsx through the registry
 * import's file reading, all or nothing, appended so the history stays; and the level of a place on a day.
 */
export const MAX_RISK_ROWS = 20_000;

type Column = 'code' | 'name' | 'level' | 'from' | 'to';
const HEADER_ALIASES: Record<Column, string[]> = {
  code: ['区划代码', '行政区划代码', '地区代码', '代码', '区划编码', '编码', 'code', 'divisioncode', 'division'],
  name: ['地区', '地区名称', '名称', '风险地区', '风险区域', '区域', '区域名称', '地点', 'name', 'area', 'place', 'region'],
  level: ['风险等级', '等级', '级别', '风险级别', '类别', '区域类别', 'level', 'risklevel', 'risk'],
  from: ['开始日期', '起始日期', '开始', '起', '生效日期', '划定日期', '开始时间', 'from', 'start', 'since', 'fromdate', 'startdate'],
  to: ['结束日期', '截止日期', '结束', '止', '解除日期', '失效日期', '结束时间', 'to', 'end', 'until', 'todate', 'enddate'],
};

const LEVEL_WORDS: Record<string, ListedLevel> = {
  高: 'high',
  高风险: 'high',
  高风险区: 'high',
  高风险地区: 'high',
  high: 'high',
  中: 'medium',
  中风险: 'medium',
  中风险区: 'medium',
  中风险地区: 'medium',
  medium: 'medium',
  低: 'low',
  低风险: 'low',
  低风险区: 'low',
  低风险地区: 'low',
  low: 'low',
  封控: 'lockdown',
  封控区: 'lockdown',
  lockdown: 'lockdown',
  管控: 'control',
  管控区: 'control',
  control: 'control',
  防范: 'prevention',
  防范区: 'prevention',
  prevention: 'prevention',
};

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()（）:：*]/g, '');
export function parseLevel(s: string): ListedLevel | null {
  return LEVEL_WORDS[norm(s)] ?? null;
}

function columnOf(header: string): Column | null {
  const h = norm(header);
  for (const [col, aliases] of Object.entries(HEADER_ALIASES) as [Column, string[]][]) if (aliases.includes(h)) return col;
  return null;
}

/** The significant digits of a 2/4/6/9/12-digit division code ('420106000000' → '420106'). */
export function significantCode(code: string): string {
  const c12 = divisions.normalizeDivisionCode(code);
  for (const n of divisions.CODE_LENGTHS) if (/^0*$/.test(c12.slice(n))) return c12.slice(0, n);
  return c12;
}

/** "湖北省武汉市江岸区": the names from the province down, or null for a code not in the national list. */
const fullNames = new Map<string, Promise<string | null>>();
export function divisionFullName(code: string): Promise<string | null> {
  const key = divisions.normalizeDivisionCode(code);
  let hit = fullNames.get(key);
  if (!hit) {
    hit = fullNameOf(key);
    if (fullNames.size > 50_000) fullNames.clear();
    fullNames.set(key, hit);
  }
  return hit;
}

async function fullNameOf(code: string): Promise<string | null> {
  let d = await divisions.getDivision(divisions.normalizeDivisionCode(code));
  if (!d) return null;
  const names: string[] = [];
  while (d) {
    names.unshift(d.name);
    d = d.parentCode ? await divisions.getDivision(d.parentCode) : null;
  }
  // Municipalities list their city level as 市辖区: leave it out.
  return names.filter((n) => n !== '市辖区' && n !== '县').join('');
}

interface Problem {
  row: number;
  zh: string;
  en: string;
}

/** Every row of the file below its header row (found among the first 20 by the column names), with row numbers. */
async function readRows(file: string): Promise<{ columns: Partial<Record<Column, number>>; rows: { row: number; cells: CellValue[] }[] }> {
  const info = await inspect(file);
  const all: { row: number; cells: CellValue[] }[] = [];
  for await (const batch of readBatches({ ...info, headerRow: 0 })) {
    for (const r of batch) {
      all.push(r);
      if (all.length > MAX_RISK_ROWS + 20) throw ruleViolation('RISK_IMPORT_TOO_MANY', { max: MAX_RISK_ROWS });
    }
  }
  for (const candidate of all.slice(0, 20)) {
    const columns: Partial<Record<Column, number>> = {};
    candidate.cells.forEach((c, i) => {
      const col = columnOf(cellText(c));
      if (col && columns[col] === undefined) columns[col] = i;
    });
    if (columns.level !== undefined && (columns.code !== undefined || columns.name !== undefined)) {
      return { columns, rows: all.filter((r) => r.row > candidate.row) };
    }
  }
  throw badRequest('RISK_IMPORT_HEADERS');
}

/** Import: all rows valid, or nothing written and every problem named with its row. Root scope only. */
export async function importList(ctx: Ctx, upload: { filename: string; file: Readable } | undefined, maxBytes: number, uploadDir: string) {
  if (!isRootScope(ctx.actor.scope)) throw forbidden('RISK_IMPORT_ROOT');
  if (!upload) throw badRequest('IMPORT_NO_FILE');
  return oneHeavyImport(ctx.actor.userId, () => importFile(ctx, upload, maxBytes, uploadDir));
}

async function importFile(ctx: Ctx, upload: { filename: string; file: Readable }, maxBytes: number, uploadDir: string) {
  const file = await storeUpload(upload.file, uploadDir, maxBytes);
  try {
    let read: Awaited<ReturnType<typeof readRows>>;
    try {
      read = await readRows(file);
    } catch (e) {
      if (e instanceof SheetError) throw sheetProblem(e, ctx.lang);
      throw e;
    }
    const { columns, rows } = read;
    if (!rows.length) throw badRequest('IMPORT_NO_DATA');
    const cell = (cells: CellValue[], col: Column) => (columns[col] === undefined ? null : (cells[columns[col]!] ?? null));
    const problems: Problem[] = [];
    const parsed: (repo.NewRiskArea & { row: number; byName: boolean })[] = [];
    for (const { row, cells } of rows) {
      const bad = (zh: string, en: string) => problems.push({ row, zh, en });
      const codeText = cellText(cell(cells, 'code')).replace(/\s/g, '');
      const nameText = cellText(cell(cells, 'name'));
      const levelText = cellText(cell(cells, 'level'));
      let divisionCode: string | null = null;
      let name = nameText;
      if (codeText) {
        if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(codeText)) {
          bad(`区划代码“${codeText}”应为 2、4、6、9 或 12 位数字`, `division code "${codeText}" must be 2, 4, 6, 9 or 12 digits`);
        } else {
          const full = await divisionFullName(codeText);
          if (!full) bad(`区划代码 ${codeText} 不在全国行政区划代码中`, `division code ${codeText} is not in the national list`);
          else {
            divisionCode = significantCode(codeText);
            name = nameText || full;
          }
        }
      } else if (!nameText) {
        bad('区划代码和地区名称都为空', 'neither a division code nor a place name is given');
      }
      const level = levelText ? parseLevel(levelText) : null;
      if (!levelText) bad('风险等级为空', 'the risk level is empty');
      else if (!level)
        bad(
          `风险等级“${levelText}”无法识别（可填：高、中、低、封控区、管控区、防范区）`,
          `risk level "${levelText}" is not recognised (high, medium, low, lockdown, control, prevention)`,
        );
      const from = parseDate(cell(cells, 'from'));
      const to = parseDate(cell(cells, 'to'));
      if (from === null) bad('开始日期为空', 'the start date is empty');
      else if (from === 'invalid') bad(`开始日期“${cellText(cell(cells, 'from'))}”无法识别`, `start date "${cellText(cell(cells, 'from'))}" is not a date`);
      if (to === 'invalid') bad(`结束日期“${cellText(cell(cells, 'to'))}”无法识别`, `end date "${cellText(cell(cells, 'to'))}" is not a date`);
      else if (to && from && from !== 'invalid' && to < from) bad(`结束日期 ${to} 早于开始日期 ${from}`, `end date ${to} is before the start date ${from}`);
      if (name.length > 100) bad('地区名称超过 100 个字', 'the place name is longer than 100 characters');
      parsed.push({
        row,
        byName: !codeText,
        divisionCode,
        name,
        areaId: null,
        areaPath: null,
        level: level ?? 'high',
        fromOn: typeof from === 'string' && from !== 'invalid' ? from : '',
        toOn: to && to !== 'invalid' ? to : null,
      });
    }
    // Rows named without a code: an area of this deployment (an estate or building declared at risk).
    const named = parsed.filter((p) => p.byName && p.name);
    const areas = await repo.areasNamedUnscoped(ctx.db, [...new Set(named.map((p) => p.name))]);
    for (const p of named) {
      const hits = areas.filter((a) => a.name === p.name);
      if (hits.length === 1) {
        p.areaId = hits[0].id;
        p.areaPath = hits[0].path;
        p.divisionCode = hits[0].division_code ? significantCode(hits[0].division_code) : null;
      } else if (hits.length === 0) {
        problems.push({ row: p.row, zh: `找不到地区“${p.name}”；请填写区划代码`, en: `no place named "${p.name}"; give its division code` });
      } else {
        problems.push({
          row: p.row,
          zh: `有 ${hits.length} 个地区名为“${p.name}”；请填写区划代码`,
          en: `${hits.length} places are named "${p.name}"; give the division code`,
        });
      }
    }
    if (problems.length) {
      problems.sort((a, b) => a.row - b.row);
      const fields: Record<string, string> = {};
      for (const p of problems.slice(0, 100)) {
        const key = `row ${p.row}`;
        fields[key] = fields[key] ? `${fields[key]}; ${p[ctx.lang]}` : p[ctx.lang];
      }
      const rowsWithProblems = new Set(problems.map((p) => p.row)).size;
      const first = problems[0];
      throw ruleViolation('RISK_IMPORT_ROWS', { count: rowsWithProblems, row: first.row, first: first[ctx.lang] }, fields);
    }
    const batch = randomUUID();
    await ctx.db.tx(async (tx) => {
      await repo.insertRiskAreas(tx, parsed, batch, ctx.actor.userId);
      await audit(tx, ctx, {
        action: 'import',
        entity: 'risk_areas',
        entityId: batch,
        areaPath: null,
        after: { file: path.basename(upload.filename || 'upload').slice(0, 200), rows: parsed.length },
      });
    });
    const levels: Record<string, number> = {};
    for (const p of parsed) levels[p.level] = (levels[p.level] ?? 0) + 1;
    return { batch, imported: parsed.length, levels };
  } finally {
    await unlink(file).catch(() => {});
  }
}

export async function list(ctx: Ctx, p: { on?: string; level?: string; q?: string; page: number; pageSize: number }) {
  const { rows, total } = await repo.listRiskAreas(ctx.db, p);
  return { items: rows.map(toRiskAreaView), total };
}

/** The level of a place (a 6/9/12-digit code) on a day: the listed row that decides it, or `none`. */
export async function levelOf(ctx: Ctx, code: string, on: string) {
  const code12 = divisions.normalizeDivisionCode(code);
  const { level, listed: row } = await originLevel(ctx.db, code12, on);
  return { code, on, level: level as ListedLevel | 'none', riskArea: row ? toRiskAreaView(row) : null };
}
