import type { Writable } from 'node:stream';
import { CATEGORY_NAMES, type CATEGORIES } from '../../../domain/volunteers/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { excelJs } from '../../platform/exceljs';
import { neutralise, stampBook, stampLine, stampedSheet } from '../../platform/spreadsheets/write';
import type { ExportStamp } from '../../platform/export-stamp';
import { placeArea } from './checks';
import * as repo from './repo';

/** Service hours and the figures a town shows on one screen ("98 branches, 1,000+ members reported"). */

const MAX_DAYS = 92;

function checkRange(from: string, to: string) {
  if (to < from) throw badRequest('VALIDATION_FAILED', {}, { to: 'too_small' });
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days >= MAX_DAYS) throw badRequest('VALIDATION_FAILED', {}, { to: 'too_big' });
}

async function underPathOf(ctx: Ctx, under?: number) {
  return under ? (await placeArea(ctx, under, 'under')).path : undefined;
}

export async function hours(ctx: Ctx, p: { from: string; to: string; under?: number; volunteerId?: number }) {
  checkRange(p.from, p.to);
  const rows = await repo.hoursPerDay(ctx.db, ctx.actor.scope, { ...p, underPath: await underPathOf(ctx, p.under) });
  return { items: rows.map((r) => ({ volunteerId: r.volunteer_id, name: r.name, on: r.on, hours: r.hours, sources: r.sources })) };
}

export async function totals(ctx: Ctx, p: { from: string; to: string; under?: number; by: 'branch' | 'team' | 'category' | 'person' }) {
  checkRange(p.from, p.to);
  const rows = await repo.hoursTotals(ctx.db, ctx.actor.scope, { ...p, underPath: await underPathOf(ctx, p.under) });
  return {
    items: rows.map((r) => ({
      key: r.key,
      name: p.by === 'category' ? (CATEGORY_NAMES[r.key as (typeof CATEGORIES)[number]]?.[ctx.lang] ?? r.key) : r.name,
      people: r.people,
      hours: r.hours,
    })),
  };
}

function row(r: repo.FigureRow, name: string) {
  return { key: r.key, name, enlisted: r.enlisted, pending: r.pending, approved: r.approved, refused: r.refused, volunteers: r.volunteers, onDuty: r.on_duty };
}

export async function figures(ctx: Ctx, p: { under?: number; on?: string }) {
  const underPath = (await underPathOf(ctx, p.under)) ?? ctx.actor.scope.path;
  const on = p.on ?? ctx.today;
  const args = { underPath, on };
  const [counts, total, byCategory, byBranch, byArea] = await Promise.all([
    repo.branchCounts(ctx.db, ctx.actor.scope, underPath),
    repo.figures(ctx.db, ctx.actor.scope, { ...args, by: 'total' }),
    repo.figures(ctx.db, ctx.actor.scope, { ...args, by: 'category' }),
    repo.figures(ctx.db, ctx.actor.scope, { ...args, by: 'branch' }),
    repo.figures(ctx.db, ctx.actor.scope, { ...args, by: 'area' }),
  ]);
  const t = total[0];
  const none = ctx.lang === 'zh' ? '（未入支部）' : '(no branch)';
  return {
    on,
    totals: {
      branches: counts.branches,
      branchesReporting: counts.reporting,
      enlisted: t?.enlisted ?? 0,
      pending: t?.pending ?? 0,
      approved: t?.approved ?? 0,
      refused: t?.refused ?? 0,
      volunteers: t?.volunteers ?? 0,
      onDuty: t?.on_duty ?? 0,
    },
    byCategory: byCategory.map((r) => row(r, CATEGORY_NAMES[r.key as (typeof CATEGORIES)[number]]?.[ctx.lang] ?? r.key)),
    byBranch: byBranch.map((r) => row(r, r.name ?? none)),
    byArea: byArea.map((r) => row(r, r.name ?? r.key)),
  };
}

const HEADERS = ['名称', '报到人数', '待审批', '已批准', '未通过', '在册志愿者', '当日在岗'];

/** The figures as a workbook, one sheet per grouping; cells that would run as formulas are quoted. Audited. */
export async function prepareFiguresExport(ctx: Ctx, p: { under?: number; on?: string }, stamp: ExportStamp) {
  const f = await figures(ctx, p);
  await audit(ctx.db, ctx, {
    action: 'export',
    entity: 'volunteer_figures',
    areaPath: (await underPathOf(ctx, p.under)) ?? ctx.actor.scope.path,
    after: { on: f.on, under: p.under ?? null, purpose: stamp.purpose },
  });
  return {
    on: f.on,
    write: async (out: Writable) => {
      const wb = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
      stampBook(wb, stamp, `志愿者统计（${f.on}）`);
      const sheets: Array<[string, ReturnType<typeof row>[]]> = [
        ['按类别', f.byCategory],
        ['按支部', f.byBranch],
        ['按区域', f.byArea],
      ];
      for (const [name, rows] of sheets) {
        const sheet = wb.addWorksheet(name, stampedSheet(stamp));
        sheet.columns = HEADERS.map((h, i) => ({ header: h, width: i === 0 ? 28 : 12 }));
        sheet.getRow(1).font = { bold: true };
        sheet.getRow(1).commit();
        for (const r of rows) sheet.addRow([neutralise(r.name), r.enlisted, r.pending, r.approved, r.refused, r.volunteers, r.onDuty]).commit();
        sheet
          .addRow([
            `合计（${f.totals.branchesReporting}/${f.totals.branches} 个支部有人报到）`,
            f.totals.enlisted,
            f.totals.pending,
            f.totals.approved,
            f.totals.refused,
            f.totals.volunteers,
            f.totals.onDuty,
          ])
          .commit();
        for (const r of stampLine(sheet, stamp)) r.commit();
        await sheet.commit();
      }
      await wb.commit();
    },
  };
}
