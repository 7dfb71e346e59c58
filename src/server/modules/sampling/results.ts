import { maskIdNumber } from '../../../domain/residents/identity';
import { maskName, RETEST_HOURS, normalizeBarcode } from '../../../domain/sampling/rules';
import { type AuditEvent, auditActorOf, auditMany } from '../../platform/audit';
import { type Engine, type Queryable, planForBulkWrite } from '../../db/engine';
import { copyLine } from '../../db/copy-text';
import type { Ctx } from '../../platform/context';
import * as tasks from '../tasks';
import * as repo from './repo';
import { areaInScope, mustRound } from './lookups';

/** Lab results and the trace-back of positives: flags, retest tasks, the positives board. */

// ——— lab results and trace-back ———
export interface ResultInput {
  row?: number;
  barcode: string;
  result: 'negative' | 'positive' | 'invalid';
  testedAt: string;
  lab: string;
}

export interface ResultsSummary {
  received: number;
  applied: number;
  already: number;
  unknown: string[];
  conflicts: { barcode: string; stored: string; received: string }[];
  invalidRows: { row: number; problem: string }[];
  positives: { tubes: number; flagged: number; tasks: number; closed: number };
}

export function emptySummary(): ResultsSummary {
  return { received: 0, applied: 0, already: 0, unknown: [], conflicts: [], invalidRows: [], positives: { tubes: 0, flagged: 0, tasks: 0, closed: 0 } };
}

const LIST_MAX = 1000;

/**
 * Checks and dedupes results as they come, answering the staged (COPY) line of each one to apply: a barcode that
 * cannot be one is an invalid row; the same barcode again in one sending is answered from its first row (the same
 * result → already; another → conflict) and not sent again.
 */
export class ResultStager {
  private readonly seen = new Map<string, ResultInput['result']>();
  constructor(readonly sum: ResultsSummary) {}

  line(it: ResultInput, n: number): string | null {
    const sum = this.sum;
    sum.received++;
    const code = normalizeBarcode(it.barcode);
    if (!code) {
      if (sum.invalidRows.length < LIST_MAX) sum.invalidRows.push({ row: it.row ?? n, problem: 'barcode' });
      return null;
    }
    const first = this.seen.get(code);
    if (first) {
      if (first !== it.result && sum.conflicts.length < LIST_MAX) sum.conflicts.push({ barcode: code, stored: first, received: it.result });
      else sum.already++;
      return null;
    }
    this.seen.set(code, it.result);
    return copyLine([n, code, it.result, it.testedAt, it.lab]);
  }
}

/** Lines are sent in pieces of about this many characters: one CopyData message each. */
const PIECE_CHARS = 64 * 1024;
/** PGlite's COPY reads one blob gathered in memory: a file goes to it in parts of about this many characters. */
const PGLITE_PART_CHARS = 4 * 1024 * 1024;

/** Gathers lines into pieces of about PIECE_CHARS. */
export async function* piecesOf(lines: AsyncIterable<string | null> | Iterable<string | null>): AsyncGenerator<string> {
  let piece = '';
  for await (const line of lines) {
    if (line === null) continue;
    piece += line;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** PostgreSQL streams the lines into its COPY as they are read; PGlite takes them in parts (engine.ts, copyFrom). */
async function copyStaged(engine: Engine, tx: Queryable, pieces: AsyncIterable<string>): Promise<number> {
  if (engine === 'postgres') return tx.copyFrom(repo.RESULT_STAGE, repo.RESULT_STAGE_COLUMNS, pieces);
  let copied = 0;
  let part: string[] = [];
  let chars = 0;
  for await (const piece of pieces) {
    part.push(piece);
    chars += piece.length;
    if (chars >= PGLITE_PART_CHARS) {
      copied += await tx.copyFrom(repo.RESULT_STAGE, repo.RESULT_STAGE_COLUMNS, part);
      part = [];
      chars = 0;
    }
  }
  if (part.length) copied += await tx.copyFrom(repo.RESULT_STAGE, repo.RESULT_STAGE_COLUMNS, part);
  return copied;
}

/**
 * A sending of results (a lab file, streamed, or the API's list) in one transaction: staged by COPY and written
 * set-based (repo/result-stage.ts), then the loop closed for retests and the trace-back of new positives (flags,
 * retest tasks, audit rows) — a result never lands without its consequences, and a file lands whole or not at all.
 * `lines` are the stager's (ResultStager.line), read as the COPY asks for them.
 */
export async function receiveStaged(ctx: Ctx, lines: AsyncIterable<string | null> | Iterable<string | null>, sum: ResultsSummary): Promise<ResultsSummary> {
  await ctx.db.tx(async (tx) => {
    // The flags', tasks' and audit rows' key checks and triggers keep one plan for the file (engine.ts).
    await planForBulkWrite(tx);
    await repo.createResultStage(tx);
    if (!(await copyStaged(ctx.db.engine, tx, piecesOf(lines)))) return;
    const { applied: appliedCount, rows: out } = await repo.applyStagedResults(tx, ctx.actor.scope, ctx.actor.userId);
    sum.applied += appliedCount;
    const applied = out.filter((o) => o.applied);
    for (const o of out) {
      if (!o.tube_id) {
        if (sum.unknown.length < LIST_MAX) sum.unknown.push(o.barcode);
      } else if (!o.applied) {
        if (o.stored === o.result) sum.already++;
        else if (sum.conflicts.length < LIST_MAX) sum.conflicts.push({ barcode: o.barcode, stored: o.stored ?? '', received: o.result });
      }
    }
    // Retests first: a single tube of someone held in this round closes their flag (and is not a new flag).
    const closed = await repo.closeFlagsByRetest(
      tx,
      applied.filter((o) => o.capacity === 1).map((o) => o.tube_id!),
    );
    const retestTubes = new Set(closed.map((c) => c.retest_tube_id));
    await tasks.closeForSubjects(
      tx,
      'sampling_flag',
      closed.map((c) => c.id),
      ctx.actor.userId,
    );
    const positives = applied.filter((o) => o.result === 'positive' && !retestTubes.has(o.tube_id!)).map((o) => o.tube_id!);
    const traced = await repo.traceBackPositives(tx, positives, {
      by: ctx.actor.userId,
      dueAt: new Date(Date.now() + RETEST_HOURS * 3600_000),
      actor: auditActorOf(ctx),
    });
    await auditMany(
      tx,
      auditActorOf(ctx),
      closed.map(
        (c): AuditEvent => ({
          action: 'retest',
          entity: 'sampling_flag',
          entityId: c.id,
          areaPath: c.area_path,
          after: { status: c.status, retestTubeId: c.retest_tube_id },
        }),
      ),
    );
    sum.positives.tubes += positives.length;
    sum.positives.flagged += traced.flagged;
    sum.positives.tasks += traced.tasks;
    sum.positives.closed += closed.length;
  });
  return sum;
}

/** Results through the API: one call, one transaction. */
export async function receiveAll(ctx: Ctx, items: ResultInput[]) {
  const stager = new ResultStager(emptySummary());
  return receiveStaged(
    ctx,
    items.map((it, i) => stager.line(it, i + 1)),
    stager.sum,
  );
}

export async function positives(ctx: Ctx, roundId: number, p: { status?: string; under?: number }) {
  await mustRound(ctx, roundId);
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const rows = await repo.listFlags(ctx.db, ctx.actor.scope, { roundId, status: p.status, underPath });
  return {
    items: rows.map((f) => ({
      id: f.id,
      roundId: f.round_id,
      residentId: f.resident_id,
      name: maskName(f.name),
      idNumber: maskIdNumber(f.id_number),
      areaId: f.area_id,
      areaName: f.area_name,
      householdAddress: f.household_address,
      tubeBarcode: f.barcode,
      status: f.status,
      gridWorkers: f.grid_workers,
      createdAt: f.created_at,
      closedAt: f.closed_at,
      retestResultId: f.retest_result_id,
    })),
  };
}
