import type { z } from 'zod';
import { KNOWN_POINTS_LIMIT } from '../../../domain/tracing/api-exposures';
import { type trajectoryBody, trajectoryRowProblems } from '../../../domain/tracing/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import * as checkpoints from '../checkpoints';
import * as sampling from '../sampling';
import * as venuesRepo from './venues-repo';
import { mustCase } from './cases';
import * as repo from './repo';
import { toTrajectoryItem } from './view';

/**
 * The trajectory (行程轨迹) as a line list: several rows in one request, all written or none. A window that
 * ends before it starts is refused naming its rows; an area named as a place must be in the caller's scope
 * (its name comes back in the answer).
 */
export async function addRows(ctx: Ctx, caseId: number, b: z.infer<typeof trajectoryBody>) {
  const c = await mustCase(ctx, caseId);
  const fields: Record<string, string> = {};
  const backwards: number[] = [];
  b.rows.forEach((r, i) => {
    for (const [f, code] of Object.entries(trajectoryRowProblems(r))) {
      fields[`rows.${i}.${f}`] = code;
      if (code === 'before_start') backwards.push(i + 1);
    }
  });
  for (const [i, r] of b.rows.entries()) {
    if (r.areaId && !(await areaTree.findInScope(ctx.db, ctx.actor.scope, r.areaId))) fields[`rows.${i}.areaId`] = 'not_found';
  }
  await checkPlaceRefs(ctx, b.rows, fields);
  if (backwards.length) throw badRequest('TRACING_WINDOW_ORDER', { rows: backwards.join(', ') }, fields);
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);
  const ids = await ctx.db.tx(async (tx) => {
    const ids = await repo.insertTrajectory(tx, c, b.rows, ctx.actor.userId);
    await audit(tx, ctx, { action: 'add', entity: 'tracing_trajectory', entityId: caseId, areaPath: c.area_path, after: { caseId, rows: ids } });
    return ids;
  });
  const all = await repo.trajectoryOf(ctx.db, caseId);
  return { items: all.filter((j) => ids.includes(j.id)).map(toTrajectoryItem) };
}

export async function removeRow(ctx: Ctx, id: number) {
  const row = await repo.findTrajectoryRow(ctx.db, ctx.actor.scope, id);
  if (!row) throw notFound();
  await ctx.db.tx(async (tx) => {
    await repo.deleteTrajectoryRow(tx, id);
    await audit(tx, ctx, {
      action: 'remove',
      entity: 'tracing_trajectory',
      entityId: row.case_id,
      areaPath: row.area_path,
      before: { id, kind: row.kind, startsAt: row.starts_at, endsAt: row.ends_at, place: row.place, transportNumber: row.transport_number },
    });
  });
  return { ok: true as const };
}

/** A sampling point, post or venue named by a row must be one in the caller's scope (its name comes back in the suggestions). */
async function checkPlaceRefs(ctx: Ctx, rows: z.infer<typeof trajectoryBody>['rows'], fields: Record<string, string>) {
  const ids = (f: (r: (typeof rows)[number]) => number | null | undefined) => [...new Set(rows.map(f).filter((x): x is number => !!x))];
  const [points, posts, venues] = await Promise.all([
    sampling.pointsByIds(
      ctx.db,
      ids((r) => r.samplingPointId),
    ),
    checkpoints.postsByIds(
      ctx.db,
      ids((r) => r.postId),
    ),
    venuesRepo.venuesByIds(
      ctx.db,
      ids((r) => r.venueId),
    ),
  ]);
  rows.forEach((r, i) => {
    const seen = (list: { id: number; area_path: string }[], id: number) => list.some((p) => p.id === id && pathInScope(ctx.actor.scope, p.area_path));
    if (r.samplingPointId && !seen(points, r.samplingPointId)) fields[`rows.${i}.samplingPointId`] = 'not_found';
    if (r.postId && !seen(posts, r.postId)) fields[`rows.${i}.postId`] = 'not_found';
    if (r.venueId && !seen(venues, r.venueId)) fields[`rows.${i}.venueId`] = 'not_found';
  });
}

/** The sampling points in scope a row may name, for the line list's picker of known places. */
export async function knownPoints(ctx: Ctx) {
  const rows = await sampling.pointsInScope(ctx.db, ctx.actor.scope, KNOWN_POINTS_LIMIT);
  return { items: rows.map((p) => ({ id: p.id, name: p.name, roundId: p.round_id, roundName: p.round_name, startsOn: p.starts_on })) };
}
