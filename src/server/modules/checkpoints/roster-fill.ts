import type { FillInput } from '../../../domain/checkpoints/schemas';
import type { Db, Queryable } from '../../db/engine';
import { type AuditActor, audit, auditActorOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, isUniqueViolation, notFound } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areaTree } from '../areas';
import { areasAs } from '../areas/sql';
import { solveRoster, warmRosterWorkers } from './roster';
import { buildProblem, saveFill } from './roster-data';
import { rosterPolicyInForce } from './roster-policy';

/**
 * "Fill the week" (一键排班): the greedy fill then the optimiser, for an area's posts over up to seven days, as a
 * background job (it may take a minute). The fill row is what the board polls: phase, the best roster's objective,
 * the proven lower bound and the gap. One fill per area at a time (a unique index on running fills).
 */
export const FILL_JOB = 'checkpoints.roster-fill';

interface FillJobData {
  fillId: number;
  scope: Scope;
  actor: AuditActor;
}

interface FillRow {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  from_day: string;
  days: number;
  status: 'running' | 'done' | 'failed';
  phase: 'queued' | 'greedy' | 'optimising' | 'saving' | 'done';
  policy_version: number;
  feasible: boolean | null;
  objective: number | null;
  lower_bound: number | null;
  gap_pct: number | null;
  greedy_objective: number | null;
  optimal: boolean | null;
  assigned: number | null;
  unfilled: number | null;
  failure: string | null;
  started_at: Date;
  finished_at: Date | null;
}

const FILL_COLUMNS = `f.id, f.area_id, f.area_path, a.name AS area_name, f.from_day::text AS from_day, f.days, f.status, f.phase, f.policy_version,
  f.feasible, f.objective, f.lower_bound, f.gap_pct, f.greedy_objective, f.optimal, f.assigned, f.unfilled, f.failure, f.started_at, f.finished_at`;

export function fillView(f: FillRow, now = new Date()) {
  return {
    id: f.id,
    areaId: f.area_id,
    areaName: f.area_name,
    from: f.from_day,
    days: f.days,
    status: f.status,
    phase: f.phase,
    policyVersion: f.policy_version,
    feasible: f.feasible,
    objective: f.objective,
    lowerBound: f.lower_bound,
    gapPct: f.gap_pct,
    greedyObjective: f.greedy_objective,
    optimal: f.optimal,
    assigned: f.assigned,
    unfilled: f.unfilled,
    failed: f.failure !== null,
    startedAt: f.started_at,
    finishedAt: f.finished_at,
    elapsedSeconds: Math.max(0, Math.round(((f.finished_at ? new Date(f.finished_at) : now).getTime() - new Date(f.started_at).getTime()) / 1000)),
  };
}

async function findFill(db: Queryable, scope: Scope, id: number): Promise<FillRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<FillRow>(
    `SELECT ${FILL_COLUMNS} FROM checkpoint_roster_fills f JOIN ${areasAs('a')} ON a.id = f.area_id
      WHERE f.id = ${q.add(id)} AND ${scopeClause(scope, 'f.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function getFill(ctx: Ctx, id: number) {
  const f = await findFill(ctx.db, ctx.actor.scope, id);
  if (!f) throw notFound();
  return fillView(f);
}

/** The latest fill of an area (the board shows it on load, so a fill started elsewhere is seen running). */
export async function latestFill(ctx: Ctx, areaId: number) {
  const q = new SqlParams();
  const [row] = await ctx.db.query<FillRow>(
    `SELECT ${FILL_COLUMNS} FROM checkpoint_roster_fills f JOIN ${areasAs('a')} ON a.id = f.area_id
      WHERE f.area_id = ${q.add(areaId)} AND ${scopeClause(ctx.actor.scope, 'f.area_path', q)} ORDER BY f.id DESC LIMIT 1`,
    q.values,
  );
  return { fill: row ? fillView(row) : null };
}

export async function startFill(ctx: Ctx, b: FillInput, seconds: number) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, b.areaId);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { areaId: 'not_found' });
  if (!ctx.jobs) throw new Error('roster fills run on the job queue, which this context lacks');
  const jobs = ctx.jobs;
  const { version } = await rosterPolicyInForce(ctx.db);
  let id: number;
  try {
    id = await ctx.db.tx(async (tx) => {
      // A fill still "running" long past its time limit lost its process (and the queue's retry): it no longer holds the area.
      await tx.execute(
        `UPDATE checkpoint_roster_fills SET status = 'failed', failure = 'abandoned', finished_at = now()
          WHERE area_id = $1 AND status = 'running' AND started_at < now() - make_interval(secs => $2)`,
        [area.id, staleAfterSeconds(seconds)],
      );
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO checkpoint_roster_fills (area_id, area_path, from_day, days, policy_version, started_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [area.id, area.path, b.from, b.days, version, ctx.actor.userId],
      );
      await audit(tx, ctx, {
        action: 'fill',
        entity: 'checkpoint_roster',
        entityId: row.id,
        areaPath: area.path,
        after: { areaId: area.id, from: b.from, days: b.days, policyVersion: version },
      });
      const data: FillJobData = { fillId: row.id, scope: ctx.actor.scope, actor: auditActorOf(ctx) };
      await jobs.send(FILL_JOB, data, { tx });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('ROSTER_FILL_RUNNING', { area: area.name });
    throw e;
  }
  return getFill(ctx, id);
}

/** The job's progress, written to the fill row at most once a second (the board polls every two). */
class ProgressWriter {
  private last = 0;
  private chain: Promise<unknown> = Promise.resolve();
  constructor(
    private readonly db: Db,
    private readonly fillId: number,
  ) {}
  write(fields: Record<string, unknown>, force = false) {
    const now = Date.now();
    if (!force && now - this.last < 1000) return;
    this.last = now;
    const keys = Object.keys(fields);
    const sets = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
    this.chain = this.chain.then(() =>
      this.db
        .execute(`UPDATE checkpoint_roster_fills SET ${sets} WHERE id = $1 AND status = 'running'`, [this.fillId, ...keys.map((k) => fields[k])])
        .catch(() => {}),
    );
  }
  done() {
    return this.chain;
  }
}

/** A fill's optimiser threads' JavaScript heap (HiGHS's WebAssembly memory comes on top). */
const FILL_HEAP_MB = 512;

/** Starts the fill's optimiser threads ahead and keeps them waiting (the server at its start: ROSTER_WARM_THREADS). */
export function warmFillThreads(count: number): Promise<void> {
  return warmRosterWorkers(FILL_HEAP_MB, count);
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

export async function runFill(db: Db, data: FillJobData, p: { timeZone: string; seconds: number; log?: Ctx['log'] }): Promise<void> {
  const [fill] = await db.query<FillRow>(`SELECT ${FILL_COLUMNS} FROM checkpoint_roster_fills f JOIN ${areasAs('a')} ON a.id = f.area_id WHERE f.id = $1`, [
    data.fillId,
  ]);
  // Already finished (the process stopped between our last write and the queue's record): nothing to do again.
  if (!fill || fill.status !== 'running') return;
  const progress = new ProgressWriter(db, fill.id);
  try {
    progress.write({ phase: 'greedy' }, true);
    const { policy } = await rosterPolicyInForce(db);
    const week = await buildProblem(db, data.scope, { underPath: fill.area_path, from: fill.from_day, days: fill.days, tz: p.timeZone });
    let best = Number.POSITIVE_INFINITY;
    let bound: number | null = null;
    const solution = await solveRoster(week.problem, policy, {
      timeLimitMs: p.seconds * 1000,
      workerHeapMb: FILL_HEAP_MB,
      onProgress: (x) => {
        if (Number.isFinite(x.objective)) best = Math.min(best, x.objective);
        if (x.bound !== undefined && Number.isFinite(x.bound)) bound = Math.max(bound ?? 0, x.bound);
        const objective = finite(best);
        const gap = objective && bound !== null ? Math.max(0, ((objective - bound) / objective) * 100) : null;
        progress.write({ phase: 'optimising', objective, lower_bound: bound, gap_pct: gap });
      },
    });
    if (solution.optimiserError)
      p.log?.warn({ fillId: fill.id, error: solution.optimiserError }, 'roster optimiser gave nothing back; the greedy roster stands');
    progress.write({ phase: 'saving' }, true);
    await progress.done();
    const rows = solution.assignments
      .filter((a) => !week.fixedKeys.has(`${a.shiftId}#${a.personId}`))
      .map((a) => ({ shift: week.shifts.get(a.shiftId)!, userId: Number(a.personId), role: a.role }));
    // The fill was audited when asked for; its outcome is this row, and each assignment it made names it (fill_id).
    await db.tx(async (tx) => {
      const assigned = await saveFill(tx, { fillId: fill.id, replacedIds: week.replaced.map((r) => r.id), rows, by: data.actor.actorId });
      await tx.execute(
        `UPDATE checkpoint_roster_fills SET status = 'done', phase = 'done', feasible = $2, objective = $3, lower_bound = $4, gap_pct = $5,
                greedy_objective = $6, optimal = $7, assigned = $8, unfilled = $9, finished_at = now() WHERE id = $1`,
        [
          fill.id,
          solution.feasible,
          solution.objective,
          solution.lowerBound,
          solution.gapPct,
          solution.greedy.objective,
          solution.optimal,
          assigned,
          solution.unfilled.reduce((n, u) => n + u.missing, 0),
        ],
      );
    });
  } catch (e) {
    await progress.done();
    p.log?.warn({ err: e, fillId: fill.id }, 'roster fill failed');
    await db.execute(`UPDATE checkpoint_roster_fills SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1 AND status = 'running'`, [
      fill.id,
      e instanceof Error ? e.message.slice(0, 500) : 'failed',
    ]);
  }
}

/** Past this, a running fill is taken as lost: the job's expiry and its one retry have both passed. */
const staleAfterSeconds = (seconds: number) => 2 * expiryOf(seconds) + 60;
const expiryOf = (seconds: number) => Math.max(120, seconds * 4);

export async function defineRosterFillJob(jobs: JobQueue, db: Db, p: { timeZone: string; seconds: number; log?: Ctx['log'] }) {
  await jobs.define<FillJobData>({
    name: FILL_JOB,
    // A failure is recorded on the fill row and the person starts again; a cut-off run is retried once.
    retryLimit: 1,
    retryDelaySeconds: 2,
    expireInSeconds: expiryOf(p.seconds),
    pollingIntervalSeconds: 1,
    run: (data) => runFill(db, data, p),
  });
}
