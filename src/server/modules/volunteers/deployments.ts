import type { CreateDeploymentInput, ServiceRecordInput } from '../../../domain/volunteers/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, ruleViolation } from '../../platform/errors';
import { fail, mustVolunteerField, optionalVolunteer, placeArea } from './checks';
import * as repo from './repo';
import { toDeploymentViews, toVolunteerView } from './view';

/** Deployments (who serves where, when), a person's own assignments, recorded work and liaison notes. */

// ——— deployments ———

async function withConflicts(ctx: Ctx, rows: repo.DeploymentRow[]) {
  return toDeploymentViews(
    ctx.actor.scope,
    rows,
    await repo.conflictsOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
  );
}

export async function listDeployments(
  ctx: Ctx,
  p: { under?: number; on?: string; volunteerId?: number; teamId?: number; conflictsOnly?: boolean; page: number; pageSize: number },
) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listDeployments(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: await withConflicts(ctx, rows), total };
}

export async function createDeployment(ctx: Ctx, input: CreateDeploymentInput) {
  if (!input.volunteerId === !input.teamId) throw badRequest('VALIDATION_FAILED', {}, { volunteerId: 'volunteer_or_team' });
  const fields: Record<string, string> = {};
  if (input.endsOn < input.startsOn) fields.endsOn = 'too_small';
  fail(fields);
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const v = await optionalVolunteer(ctx, input.volunteerId, 'volunteerId');
  const team = input.teamId ? await repo.findTeam(ctx.db, ctx.actor.scope, input.teamId) : null;
  if (input.teamId && !team) throw badRequest('VALIDATION_FAILED', {}, { teamId: 'not_found' });
  if (input.orgId) {
    const org = await repo.findOrg(ctx.db, ctx.actor.scope, input.orgId);
    if (!org) throw badRequest('VALIDATION_FAILED', {}, { orgId: 'not_found' });
  }
  const row = {
    volunteerId: v?.id ?? null,
    teamId: team?.id ?? null,
    orgId: input.orgId ?? null,
    areaId: area.id,
    areaPath: area.path,
    place: input.place,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    role: input.role ?? null,
    hoursPerDay: input.hoursPerDay ?? 8,
    notes: input.notes ?? null,
    createdBy: ctx.actor.userId,
  };
  const id = await ctx.db.tx(async (tx) => {
    const id = await repo.insertDeployment(tx, row);
    await audit(tx, ctx, { action: 'create', entity: 'deployment', entityId: id, areaPath: area.path, after: row });
    return id;
  });
  const [view] = await withConflicts(ctx, [(await repo.findDeployment(ctx.db, ctx.actor.scope, id))!]);
  return view;
}

export async function cancelDeployment(ctx: Ctx, id: number) {
  const d = await repo.findDeployment(ctx.db, ctx.actor.scope, id);
  if (!d) throw notFound();
  if (d.cancelled_at) throw ruleViolation('DEPLOYMENT_CANCELLED');
  await ctx.db.tx(async (tx) => {
    await tx.query('UPDATE deployments SET cancelled_at = now() WHERE id = $1', [id]);
    await audit(tx, ctx, { action: 'cancel', entity: 'deployment', entityId: id, areaPath: d.area_path });
  });
  const [view] = toDeploymentViews(ctx.actor.scope, [(await repo.findDeployment(ctx.db, ctx.actor.scope, id))!], []);
  return view;
}

/** The signed-in person's own work: found by their account, whatever area their session covers. */
export async function myAssignments(ctx: Ctx) {
  const v = await repo.findVolunteerByUserUnscoped(ctx.db, ctx.actor.userId);
  if (!v) return { volunteer: null, deployments: [], teams: [], posts: [], households: [], captains: [], groups: [] };
  const links = await repo.linksOfVolunteer(ctx.db, v.id, ctx.today);
  const conflicts = await repo.conflictsOf(
    ctx.db,
    links.deployments.map((d) => d.id),
  );
  // Their own clashes are theirs to see, wherever the other place is.
  return { volunteer: toVolunteerView(v, ctx.today), ...links, deployments: toDeploymentViews({ areaId: 0, path: '/' }, links.deployments, conflicts) };
}

// ——— service records ———

export async function addServiceRecord(ctx: Ctx, input: ServiceRecordInput) {
  const v = await mustVolunteerField(ctx, input.volunteerId);
  if (input.on > ctx.today) throw badRequest('VALIDATION_FAILED', {}, { on: 'too_big' });
  const id = await ctx.db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO service_records (volunteer_id, area_path, on_date, hours, work, note, liaison_group, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [v.id, v.area_path, input.on, input.hours ?? 0, input.work ?? null, input.note ?? null, input.liaisonGroup ?? null, ctx.actor.userId],
    );
    await audit(tx, ctx, { action: 'create', entity: 'service_record', entityId: row.id, areaPath: v.area_path, after: input });
    return row.id;
  });
  const { rows } = await repo.listServiceRecords(ctx.db, ctx.actor.scope, { id, page: 1, pageSize: 1 });
  return toServiceRecordView(rows[0]);
}

function toServiceRecordView(r: repo.ServiceRecordRow) {
  return {
    id: r.id,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    areaName: r.area_name,
    on: r.on,
    hours: r.hours,
    work: r.work,
    note: r.note,
    liaisonGroup: r.liaison_group,
    recordedBy: r.recorded_by_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Recorded work and liaison groups' notes on how people perform, newest first. */
export async function listServiceRecords(
  ctx: Ctx,
  p: { volunteerId?: number; under?: number; from?: string; to?: string; notesOnly?: boolean; page: number; pageSize: number },
) {
  if (p.from && p.to && p.to < p.from) throw badRequest('VALIDATION_FAILED', {}, { to: 'too_small' });
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const { rows, total } = await repo.listServiceRecords(ctx.db, ctx.actor.scope, { ...p, underPath });
  return { items: rows.map(toServiceRecordView), total };
}
