import { readWithHeader } from '../../platform/spreadsheets/header-scan';
import type { Readable } from 'node:stream';
import path from 'node:path';
import { unlink } from 'node:fs/promises';
import { maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, ruleViolation } from '../../platform/errors';
import { type CellValue, cellText } from '../../platform/spreadsheets/cells';
import { oneHeavyImport } from '../../platform/spreadsheets/heavy-import';
import { sheetProblem } from '../../platform/spreadsheets/problems';
import { storeUpload } from '../../platform/spreadsheets/stored-upload';
import { SheetError } from '../../platform/spreadsheets/threaded-reader';
import { checkIdentityFields, checkPhoneField } from '../residents';
import * as ledgerRepo from './ledger-repo';
import { mustFind } from './register';
import { checkStaffCases } from './suspension';

/**
 * The staff list (员工排查台账), imported whole from a spreadsheet through the platform's reader: every row valid
 * (ID numbers by the registry's own rules) or nothing kept, each problem named with its row. An import is checked
 * against the case register at once: a case among the new staff suspends the enterprise.
 */
export const MAX_STAFF_ROWS = 5000;

type Column = 'name' | 'idNumber' | 'phone' | 'post';
const HEADERS: [RegExp, Column][] = [
  [/^(姓名|员工姓名|name)$/i, 'name'],
  [/^(身份证号|身份证号码|证件号码|证件号|id ?number)$/i, 'idNumber'],
  [/^(手机号|手机号码|联系电话|电话|phone)$/i, 'phone'],
  [/^(岗位|工种|部门|post)$/i, 'post'],
];
const columnOf = (text: string) => HEADERS.find(([re]) => re.test(text.replace(/\s/g, '')))?.[1];

async function readRows(file: string) {
  const read = await readWithHeader<Column>(file, {
    columnOf,
    required: ['name', 'idNumber'],
    maxRows: MAX_STAFF_ROWS,
    tooMany: () => ruleViolation('ENTERPRISES_STAFF_TOO_MANY', { max: MAX_STAFF_ROWS }),
  });
  if (!read) throw badRequest('ENTERPRISES_STAFF_HEADERS');
  return read;
}

export async function importStaff(ctx: Ctx, enterpriseId: number, upload: { filename: string; file: Readable }, maxBytes: number, uploadDir: string) {
  const e = await mustFind(ctx, enterpriseId);
  return oneHeavyImport(ctx.actor.userId, async () => {
    const file = await storeUpload(upload.file, uploadDir, maxBytes);
    try {
      let read: Awaited<ReturnType<typeof readRows>>;
      try {
        read = await readRows(file);
      } catch (err) {
        if (err instanceof SheetError) throw sheetProblem(err, ctx.lang);
        throw err;
      }
      const { columns, rows } = read;
      if (!rows.length) throw badRequest('IMPORT_NO_DATA');
      const cell = (cells: CellValue[], col: Column) => (columns[col] === undefined ? '' : cellText(cells[columns[col]!] ?? null).trim());
      const problems: { row: number; text: string }[] = [];
      const people: { name: string; idNumber: string; phone: string | null; post: string | null }[] = [];
      const seen = new Map<string, number>();
      for (const { row, cells } of rows) {
        const fields: Record<string, string> = {};
        const name = cell(cells, 'name').slice(0, 40);
        const rawId = cell(cells, 'idNumber');
        if (!name && !rawId) continue;
        if (!name) fields.name = ctx.lang === 'zh' ? '姓名为空' : 'no name';
        const id = rawId ? checkIdentityFields({ idNumber: rawId }, ctx.lang, fields) : null;
        if (!rawId) fields.idNumber = ctx.lang === 'zh' ? '证件号码为空' : 'no ID number';
        const phone = checkPhoneField(cell(cells, 'phone'), 'phone', ctx.lang, fields);
        const number = id?.idNumber ?? null;
        if (number && seen.has(number)) {
          fields.idNumber = ctx.lang === 'zh' ? `与第 ${seen.get(number)} 行重复` : `repeats row ${seen.get(number)}`;
        }
        const text = Object.values(fields).join('; ');
        if (text || !number) {
          problems.push({ row, text: text || (ctx.lang === 'zh' ? '证件号码不正确' : 'wrong ID number') });
          continue;
        }
        seen.set(number, row);
        people.push({ name, idNumber: number, phone, post: cell(cells, 'post').slice(0, 40) || null });
      }
      if (problems.length) {
        const fields = Object.fromEntries(problems.slice(0, 100).map((p) => [`row ${p.row}`, p.text]));
        throw ruleViolation('ENTERPRISES_STAFF_ROWS', { count: problems.length, row: problems[0].row, first: problems[0].text }, fields);
      }
      if (!people.length) throw badRequest('IMPORT_NO_DATA');
      await ctx.db.tx(async (tx) => {
        await ledgerRepo.replaceStaff(tx, enterpriseId, e.area_path, people);
        await audit(tx, ctx, {
          action: 'import',
          entity: 'enterprise_staff',
          entityId: enterpriseId,
          areaPath: e.area_path,
          after: { file: path.basename(upload.filename || 'upload').slice(0, 200), rows: people.length },
        });
      });
      const check = await checkStaffCases(ctx.db, ctx, enterpriseId);
      return { imported: people.length, suspended: check.suspended };
    } finally {
      await unlink(file).catch(() => {});
    }
  });
}

/** Names, ID numbers and phones masked, as every list of people. */
export async function listStaff(ctx: Ctx, enterpriseId: number, p: { limit: number; offset: number }) {
  await mustFind(ctx, enterpriseId);
  const { rows, total } = await ledgerRepo.staffOf(ctx.db, enterpriseId, p);
  return {
    items: rows.map((r) => ({ id: r.id, name: maskName(r.name), idNumber: maskIdNumber(r.id_number)!, phone: maskPhone(r.phone), post: r.post })),
    total,
  };
}
