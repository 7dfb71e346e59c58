import type { z } from 'zod';
import { addDays } from '../../../domain/policy/rules';
import { type Figures, addFigures, emptyFigures } from '../../../domain/reports/figures';
import type { reopenBody, submitBody } from '../../../domain/reports/api';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../db/engine';
import { conflict, forbidden, notFound, ruleViolation } from '../../platform/errors';
import type { Scope } from '../../platform/scope';
import { areaTree } from '../areas';
import type { AreaRow } from '../areas';
import * as repo from './repo';
import { reportWorkbook } from './workbook';
import type { ExportStamp } from '../../platform/export-stamp';

/**
 * The village daily report (日报): computed live from the records until a cadre submits the village's day,
 * which stores and locks its figures; a user scoped above the village may reopen it with a reason. Any
 * area above the villages is the sum of its villages (submitted ones count with their stored figures).
 */
export type RCtx = Ctx & {
  timeZone: string;
  /** The replica's handle (app.readDb) for the reads that may be a moment behind; absent = ctx.db. */
  readDb?: Db;
};

/**
 * Where a report's figures are read (ARCHITECTURE, "Reading from a replica"). A village's own report is the page
 * its day is submitted and reopened on, so it reads the primary and shows the write just made ('by-area'). The
 * sums above villages, and the overview's roll-up and trend ('replica'), read the replica: a moment behind at
 * worst. Area lookups stay on ctx.db (the process's area cache); every write goes through ctx.db.
 */
export type ReadFrom = 'by-area' | 'replica';

function figuresDb(ctx: RCtx, area: AreaRow, from: ReadFrom): Db {
  return from === 'by-area' && isVillage(area) ? ctx.db : (ctx.readDb ?? ctx.db);
}

const BELOW_VILLAGE = new Set(['grid', 'estate', 'building']);

async function reportArea(ctx: Ctx, areaId: number): Promise<AreaRow> {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, areaId);
  if (!area) throw notFound();
  if (BELOW_VILLAGE.has(area.kind)) throw ruleViolation('REPORT_AREA_KIND');
  return area;
}

/** Every area, for reading the ancestors of an area the caller may see (their ids are in its path). */
const WHOLE_TREE: Scope = { areaId: 0, path: '/' };

/** The village (or community) an area below villages lies in: the deepest one on its path. */
async function villageOf(ctx: Ctx, area: AreaRow): Promise<AreaRow | null> {
  const ids = area.path.split('/').filter(Boolean).map(Number).reverse();
  for (const id of ids) {
    const a = await areaTree.findInScope(ctx.db, WHOLE_TREE, id);
    if (a && isVillage(a)) return a;
  }
  return null;
}

/**
 * The area a report is read for, and the scope its figures are read in. A user scoped below a village (a grid
 * worker, a building's volunteer) reads their village's report: asked for their own village, or for any area
 * in their scope, the answer is that village's, its figures read over the whole village (counts only: no
 * person's record leaves the scope). Everyone else reads villages and areas above them in their scope.
 */
async function reportRead(ctx: Ctx, areaId: number): Promise<{ area: AreaRow; scope: Scope }> {
  const inScope = await areaTree.findInScope(ctx.db, ctx.actor.scope, areaId);
  if (inScope && !BELOW_VILLAGE.has(inScope.kind)) return { area: inScope, scope: ctx.actor.scope };
  const own = await areaTree.findInScope(ctx.db, ctx.actor.scope, ctx.actor.scope.areaId);
  const village = own && BELOW_VILLAGE.has(own.kind) ? await villageOf(ctx, own) : null;
  if (village && (inScope || areaId === village.id)) return { area: village, scope: { areaId: village.id, path: village.path } };
  if (!inScope) throw notFound();
  throw ruleViolation('REPORT_AREA_KIND');
}

function mustNotBeFuture(ctx: Ctx, day: string) {
  if (day > ctx.today) throw ruleViolation('REPORT_FUTURE', { day });
}

function isVillage(area: { kind: string }) {
  return repo.VILLAGE_KINDS.includes(area.kind);
}

type Status = 'live' | 'submitted' | 'reopened';
const statusOf = (r: repo.ReportRow | undefined): Status => (r?.status === 'submitted' ? 'submitted' : r?.status === 'reopened' ? 'reopened' : 'live');

function reportView(r: repo.ReportRow | undefined) {
  if (!r) return null;
  return {
    status: statusOf(r),
    notes: r.notes,
    submittedAt: r.submitted_at,
    submittedByName: r.submitted_by_name,
    reopenedAt: r.reopened_at,
    reopenedByName: r.reopened_by_name,
    reopenReason: r.reopen_reason,
  };
}

/** Every village under the area with its figures of the day (stored ones for submitted villages) and its report row. */
async function villagesOfDay(ctx: RCtx, area: AreaRow, day: string, scope: Scope, from: ReadFrom) {
  const db = figuresDb(ctx, area, from);
  const [villages, rows, reports] = await Promise.all([
    repo.villagesUnder(db, scope, area.path),
    repo.figuresByVillage(db, scope, { path: area.path, day, timeZone: ctx.timeZone, stored: true }),
    repo.reportsOfDay(db, scope, area.path, day),
  ]);
  const figures = new Map<number, Figures>(villages.map((v) => [v.id, emptyFigures()]));
  for (const r of rows) {
    const f = figures.get(r.village_id);
    if (f && r.key in f) f[r.key as keyof Figures] += r.n;
  }
  const byArea = new Map(reports.map((r) => [r.area_id, r]));
  return villages.map((v) => ({ village: v, figures: figures.get(v.id)!, report: byArea.get(v.id) }));
}

/** The report of an area and day: a village's own figures and state, or a roll-up with its children's rows. */
export async function getReport(ctx: RCtx, p: { areaId: number; day?: string }, from: ReadFrom = 'by-area') {
  const day = p.day ?? ctx.today;
  mustNotBeFuture(ctx, day);
  const { area, scope } = await reportRead(ctx, p.areaId);
  const villages = await villagesOfDay(ctx, area, day, scope, from);
  const total = villages.reduce((sum, v) => addFigures(sum, v.figures), emptyFigures());
  const head = { area: { id: area.id, name: area.name, kind: area.kind }, day, today: ctx.today };
  const count = { villages: villages.length, submitted: villages.filter((v) => statusOf(v.report) === 'submitted').length };
  if (isVillage(area)) {
    const report = villages[0]?.report;
    const status = statusOf(report);
    return { ...head, village: true, status, report: reportView(report), ...count, figures: total, rows: [] };
  }
  // The children's rows: each child of the area that holds villages (or is one), in the villages' order.
  const rows = new Map<
    number,
    { areaId: number; areaName: string; kind: string; villages: number; submitted: number; status: Status | null; figures: Figures }
  >();
  const children = new Map((await areaTree.childrenInScope(ctx.db, ctx.actor.scope, area.id, false)).map((c) => [c.id, c]));
  for (const v of villages) {
    const childId = Number(v.village.path.slice(area.path.length).split('/')[0]);
    const child = children.get(childId);
    if (!child) continue;
    let row = rows.get(childId);
    if (!row) {
      row = {
        areaId: child.id,
        areaName: child.name,
        kind: child.kind,
        villages: 0,
        submitted: 0,
        status: isVillage(child) ? statusOf(v.report) : null,
        figures: emptyFigures(),
      };
      rows.set(childId, row);
    }
    row.villages += 1;
    if (statusOf(v.report) === 'submitted') row.submitted += 1;
    addFigures(row.figures, v.figures);
  }
  return { ...head, village: false, status: null, report: null, ...count, figures: total, rows: [...rows.values()] };
}

async function mustVillage(ctx: Ctx, areaId: number) {
  const area = await reportArea(ctx, areaId);
  if (!isVillage(area)) throw ruleViolation('REPORT_NOT_VILLAGE');
  return area;
}

/** A cadre submits a village's day: its live figures are stored and locked (409 REPORT_LOCKED when already submitted). */
export async function submit(ctx: RCtx, b: z.infer<typeof submitBody>) {
  mustNotBeFuture(ctx, b.day);
  const area = await mustVillage(ctx, b.areaId);
  const [existing] = await repo.reportsOfDay(ctx.db, ctx.actor.scope, area.path, b.day).then((rs) => rs.filter((r) => r.area_id === area.id));
  if (existing?.status === 'submitted') throw conflict('REPORT_LOCKED', { day: b.day });
  const live = await repo.figuresByVillage(ctx.db, ctx.actor.scope, { path: area.path, day: b.day, timeZone: ctx.timeZone, stored: false });
  const figures = emptyFigures();
  for (const r of live) if (r.village_id === area.id && r.key in figures) figures[r.key as keyof Figures] += r.n;
  await ctx.db.tx(async (tx) => {
    const id = await repo.submit(tx, { areaId: area.id, areaPath: area.path, day: b.day, figures, notes: b.notes ?? null, by: ctx.actor.userId });
    if (!id) throw conflict('REPORT_LOCKED', { day: b.day });
    await audit(tx, ctx, {
      action: 'submit',
      entity: 'daily_report',
      entityId: id,
      areaPath: area.path,
      after: { day: b.day, figures, notes: b.notes ?? null },
    });
  });
  return getReport(ctx, { areaId: area.id, day: b.day });
}

/** Only a user scoped above the village (the level above, or higher) reopens a submitted day, with a reason. */
export async function reopen(ctx: RCtx, b: z.infer<typeof reopenBody>) {
  const area = await mustVillage(ctx, b.areaId);
  if (ctx.actor.scope.path === area.path || !area.path.startsWith(ctx.actor.scope.path)) throw forbidden('REPORT_REOPEN_LEVEL');
  const [existing] = await repo.reportsOfDay(ctx.db, ctx.actor.scope, area.path, b.day).then((rs) => rs.filter((r) => r.area_id === area.id));
  if (existing?.status !== 'submitted') throw conflict('REPORT_NOT_SUBMITTED', { day: b.day });
  await ctx.db.tx(async (tx) => {
    if (!(await repo.reopen(tx, existing.id, { reason: b.reason, by: ctx.actor.userId }))) throw conflict('REPORT_NOT_SUBMITTED', { day: b.day });
    await audit(tx, ctx, {
      action: 'reopen',
      entity: 'daily_report',
      entityId: existing.id,
      areaPath: area.path,
      before: { status: 'submitted', figures: existing.figures },
      after: { status: 'reopened', reason: b.reason },
    });
  });
  return getReport(ctx, { areaId: area.id, day: b.day });
}

/** The last `days` days up to `to` (default today), summed over the area's villages. */
export async function series(ctx: RCtx, p: { areaId: number; days: number; to?: string; keys?: string[] }, from: ReadFrom = 'by-area') {
  const to = p.to ?? ctx.today;
  mustNotBeFuture(ctx, to);
  const { area, scope } = await reportRead(ctx, p.areaId);
  const days = Array.from({ length: p.days }, (_, i) => addDays(to, i - p.days + 1));
  const rows = await repo.figuresByDay(figuresDb(ctx, area, from), scope, { path: area.path, days, timeZone: ctx.timeZone, keys: p.keys });
  // Every figure, or only the keys asked for.
  const blank = () => (p.keys ? (Object.fromEntries(p.keys.map((k) => [k, 0])) as Figures) : emptyFigures());
  const byDay = new Map(days.map((d) => [d, blank()]));
  for (const r of rows) {
    const f = byDay.get(r.day);
    if (f && r.key in f) f[r.key as keyof Figures] += r.n;
  }
  return { area: { id: area.id, name: area.name, kind: area.kind }, items: days.map((day) => ({ day, figures: byDay.get(day)! })) };
}

/** The workbook of an area's day: one row per village, Chinese headers, a totals row. Audited as an export. */
export async function exportReport(ctx: RCtx, p: { areaId: number; day?: string }, stamp: ExportStamp) {
  const day = p.day ?? ctx.today;
  mustNotBeFuture(ctx, day);
  const { area, scope } = await reportRead(ctx, p.areaId);
  const villages = await villagesOfDay(ctx, area, day, scope, 'by-area');
  const buffer = await reportWorkbook({
    title: `${area.name}疫情防控日报（${day}）`,
    rows: villages.map((v) => ({ town: v.village.parent_name ?? '', village: v.village.name, status: statusOf(v.report), figures: v.figures })),
    stamp,
  });
  await ctx.db.tx((tx) =>
    audit(tx, ctx, {
      action: 'export',
      entity: 'daily_report',
      entityId: null,
      areaPath: area.path,
      after: { areaId: area.id, day, villages: villages.length, purpose: stamp.purpose },
    }),
  );
  return { buffer, fileName: `日报-${area.name}-${day}.xlsx` };
}
