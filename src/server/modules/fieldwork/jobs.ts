import type { z } from 'zod';
import { jobProblems } from '../../../domain/fieldwork/rules';
import type { jobBody, jobDoneBody, roundBody } from '../../../domain/fieldwork/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import { closeForSubject, createTasks } from '../tasks';
import { findTeam } from '../volunteers';
import * as repo from './jobs-repo';
import * as photos from './photo-link';
import { policyOf } from './policy';
import { roundTask } from './tasks';
import { toJob, toJobDetail, toRound } from './view';

/**
 * Disinfection jobs (消杀): recorded on the spot, or planned (a round's, a case's terminal job) and recorded done —
 * each one audited transaction with its photos bound and its task closed.
 */
type Done = z.infer<typeof jobDoneBody>;

export async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

/** A registered team in reach (its name kept beside it), or a name where none is registered; never both, never neither. */
export async function teamOf(ctx: Ctx, b: { teamId?: number; teamName?: string }, required: boolean) {
  if (b.teamId && b.teamName) throw badRequest('FIELDWORK_TEAM', {}, { teamName: 'not_allowed' });
  if (b.teamId) {
    const team = await findTeam(ctx.db, ctx.actor.scope, b.teamId);
    if (!team || team.disbanded_at) throw badRequest('VALIDATION_FAILED', {}, { teamId: 'not_found' });
    return { teamId: team.id, teamName: team.name };
  }
  if (b.teamName?.trim()) return { teamId: null, teamName: b.teamName.trim() };
  if (required) throw badRequest('FIELDWORK_TEAM', {}, { teamId: 'required' });
  return { teamId: null, teamName: null };
}

async function workOf(ctx: Ctx, b: Done, kind: 'routine' | 'terminal', now: Date, teamRequired: boolean): Promise<repo.Work> {
  const doneAt = b.doneAt ? new Date(b.doneAt) : now;
  const pol = await policyOf(ctx.db);
  const [problem] = jobProblems({ kind, areaM2: b.areaM2, doneAt, afterPhotoIds: b.afterPhotoIds ?? [] }, pol, now);
  if (problem) throw badRequest(problem.code, { max: pol.maxJobAreaM2 }, { [problem.field]: problem.reason });
  const team = await teamOf(ctx, b, teamRequired);
  return {
    ...team,
    disinfectant: b.disinfectant,
    concentration: b.concentration ?? null,
    method: b.method,
    areaM2: b.areaM2,
    doneAt,
    by: ctx.actor.userId,
    latitude: b.latitude ?? null,
    longitude: b.longitude ?? null,
    accuracyM: b.accuracyM ?? null,
    note: b.note ?? null,
  };
}

async function bindBoth(tx: Parameters<typeof photos.bind>[0], ctx: Ctx, b: Done, id: number, areaPath: string) {
  await photos.bind(tx, ctx, { ids: b.beforePhotoIds, owner: photos.OWNERS.before, ownerId: id, areaPath, field: 'beforePhotoIds' });
  await photos.bind(tx, ctx, { ids: b.afterPhotoIds, owner: photos.OWNERS.after, ownerId: id, areaPath, field: 'afterPhotoIds' });
}

const auditWork = (w: repo.Work, b: Done) => ({
  teamId: w.teamId,
  teamName: w.teamName,
  disinfectant: w.disinfectant,
  concentration: w.concentration,
  method: w.method,
  areaM2: w.areaM2,
  doneAt: w.doneAt,
  photos: { before: b.beforePhotoIds?.length ?? 0, after: b.afterPhotoIds?.length ?? 0 },
  located: w.latitude != null,
});

export async function recordJob(ctx: Ctx, b: z.infer<typeof jobBody>, now = new Date()) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  const work = await workOf(ctx, b, b.kind, now, true);
  const id = await ctx.db.tx(async (tx) => {
    const jobId = await repo.insertDoneJob(tx, { kind: b.kind, areaId: area.id, areaPath: area.path, place: b.place, ...work });
    await bindBoth(tx, ctx, b, jobId, area.path);
    await audit(tx, ctx, {
      action: 'record',
      entity: 'disinfection_job',
      entityId: jobId,
      areaPath: area.path,
      after: { kind: b.kind, place: b.place, ...auditWork(work, b) },
    });
    return jobId;
  });
  return getJob(ctx, id);
}

export async function completeJob(ctx: Ctx, id: number, b: Done, now = new Date()) {
  const job = await repo.findJob(ctx.db, ctx.actor.scope, id);
  if (!job) throw notFound();
  if (job.status === 'done') throw conflict('FIELDWORK_JOB_DONE');
  // A round's job already names its team; a terminal job is given one now.
  const work = await workOf(ctx, b, job.kind, now, !job.team_id && !job.team_name);
  await ctx.db.tx(async (tx) => {
    if (!(await repo.markDone(tx, id, work))) throw conflict('FIELDWORK_JOB_DONE');
    await bindBoth(tx, ctx, b, id, job.area_path);
    await closeForSubject(tx, 'disinfection_job', id, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'complete',
      entity: 'disinfection_job',
      entityId: id,
      areaPath: job.area_path,
      before: { status: 'planned' },
      after: auditWork(work, b),
    });
  });
  return getJob(ctx, id);
}

export async function getJob(ctx: Ctx, id: number) {
  const job = await repo.findJob(ctx.db, ctx.actor.scope, id);
  if (!job) throw notFound();
  const [before, after] = await Promise.all([
    photos.of(ctx.db, ctx.actor.scope, photos.OWNERS.before, [id]),
    photos.of(ctx.db, ctx.actor.scope, photos.OWNERS.after, [id]),
  ]);
  return toJobDetail(job, { before: before.get(id) ?? [], after: after.get(id) ?? [] });
}

export async function listJobs(
  ctx: Ctx,
  p: { under?: number; kind?: 'routine' | 'terminal'; status?: 'planned' | 'done'; overdue?: 'true'; limit: number; offset: number },
) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listJobs(ctx.db, ctx.actor.scope, { ...p, overdue: p.overdue === 'true', underPath });
  return { items: rows.map((r) => toJob(r)), total };
}

/** A round: every public place × every date one planned job, due at the end of its day, each a task of the team. */
export async function planRound(ctx: Ctx, b: z.infer<typeof roundBody>, timeZone: string) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  const team = await teamOf(ctx, b, true);
  const dates = [...new Set(b.dates)].sort();
  const places = [];
  for (const [i, p] of b.places.entries()) {
    const at = await areaInScope(ctx, p.areaId, `places.${i}.areaId`);
    if (!at.path.startsWith(area.path)) throw badRequest('FIELDWORK_PLACE_OUTSIDE', { place: p.name }, { [`places.${i}.areaId`]: 'not_found' });
    places.push({ ...p, area: at });
  }
  const jobs = places.flatMap((p) => dates.map((d) => ({ areaId: p.area.id, areaPath: p.area.path, place: p.name, plannedOn: d })));
  if (jobs.length > 500) throw badRequest('FIELDWORK_ROUND_TOO_BIG', { n: jobs.length }, { dates: 'too_big' });
  const id = await ctx.db.tx(async (tx) => {
    const r = await repo.insertRound(
      tx,
      { name: b.name, areaId: area.id, areaPath: area.path, ...team, startsOn: dates[0], endsOn: dates.at(-1)!, by: ctx.actor.userId, timeZone },
      jobs,
    );
    await createTasks(
      tx,
      r.jobs.map((j) =>
        roundTask({ jobId: j.id, place: j.place, day: j.planned_on, dueAt: j.due_at, area: { id: j.area_id, path: j.area_path }, team, by: ctx.actor.userId }),
      ),
    );
    await audit(tx, ctx, {
      action: 'create',
      entity: 'disinfection_round',
      entityId: r.id,
      areaPath: area.path,
      after: { name: b.name, ...team, places: b.places.length, dates, jobs: r.jobs.length },
    });
    return r.id;
  });
  return toRound((await repo.findRound(ctx.db, ctx.actor.scope, id))!);
}

export async function listRounds(ctx: Ctx, p: { under?: number; limit: number; offset: number }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listRounds(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toRound), total };
}
