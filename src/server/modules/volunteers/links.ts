import { maskPhone } from '../../../domain/residents/identity';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { optionalVolunteer, placeArea, volunteersIn } from './checks';
import * as repo from './repo';

/** The links that route work: member ↔ households, cadre ↔ village group, building and floor captains. */

// ——— member ↔ households ———

export async function listHouseholdLinks(ctx: Ctx, p: { householdId?: number; volunteerId?: number; under?: number }) {
  if (!p.householdId && !p.volunteerId && !p.under) throw badRequest('VALIDATION_FAILED', {}, { householdId: 'required' });
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const rows = await repo.listHouseholdLinks(ctx.db, ctx.actor.scope, { ...p, underPath, limit: 20_000 });
  return {
    items: rows.map((r) => ({
      householdId: r.household_id,
      address: r.address,
      areaId: r.area_id,
      areaName: r.area_name,
      volunteerId: r.volunteer_id,
      volunteerName: r.volunteer_name,
      phone: maskPhone(r.phone),
    })),
  };
}

async function householdsChecked(ctx: Ctx, ids: number[]) {
  const unique = [...new Set(ids)];
  const found = await repo.householdsInScope(ctx.db, ctx.actor.scope, unique);
  if (found.length !== unique.length) throw badRequest('VALIDATION_FAILED', {}, { householdIds: 'not_found' });
  return unique;
}

export async function linkHouseholds(ctx: Ctx, volunteerId: number, householdIds: number[]) {
  const v = await optionalVolunteer(ctx, volunteerId, 'volunteerId');
  const ids = await householdsChecked(ctx, householdIds);
  const added = await ctx.db.tx(async (tx) => {
    const added = await repo.addHouseholdLinks(tx, v!.id, ids);
    await audit(tx, ctx, { action: 'link_households', entity: 'volunteer', entityId: v!.id, areaPath: v!.area_path, after: { householdIds: ids, added } });
    return added;
  });
  return { added };
}

export async function unlinkHouseholds(ctx: Ctx, volunteerId: number, householdIds: number[]) {
  const v = await optionalVolunteer(ctx, volunteerId, 'volunteerId');
  const ids = await householdsChecked(ctx, householdIds);
  const removed = await ctx.db.tx(async (tx) => {
    const removed = await repo.removeHouseholdLinks(tx, v!.id, ids);
    await audit(tx, ctx, { action: 'unlink_households', entity: 'volunteer', entityId: v!.id, areaPath: v!.area_path, after: { householdIds: ids, removed } });
    return removed;
  });
  return { removed };
}

/** The households of a building or area shared evenly among members, in one transaction and one audit row. */
export async function splitHouseholds(ctx: Ctx, input: { areaId: number; volunteerIds: number[]; replace?: boolean }) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  if (new Set(input.volunteerIds).size !== input.volunteerIds.length) throw badRequest('VALIDATION_FAILED', {}, { volunteerIds: 'duplicate' });
  await volunteersIn(ctx, input.volunteerIds, 'volunteerIds');
  const started = performance.now();
  const r = await ctx.db.tx(async (tx) => {
    const r = await repo.splitHouseholds(tx, ctx.actor.scope, area.path, input.volunteerIds, input.replace ?? true);
    await audit(tx, ctx, {
      action: 'split_households',
      entity: 'area',
      entityId: area.id,
      areaPath: area.path,
      after: { volunteerIds: input.volunteerIds, replace: input.replace ?? true, linked: r.n },
    });
    return r;
  });
  return {
    households: r.households,
    linked: r.n,
    members: input.volunteerIds.length,
    perMember: { min: r.min ?? 0, max: r.max ?? 0 },
    ms: Math.round(performance.now() - started),
  };
}

// ——— cadre ↔ village group, captains ———

export async function listGroupLinks(ctx: Ctx, p: { under?: number; volunteerId?: number }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const rows = await repo.listGroupLinks(ctx.db, ctx.actor.scope, { ...p, underPath });
  return {
    items: rows.map((g) => ({
      id: g.id,
      volunteerId: g.volunteer_id,
      volunteerName: g.volunteer_name,
      areaId: g.area_id,
      areaName: g.area_name,
      villageGroup: g.village_group,
    })),
  };
}

export async function addGroupLink(ctx: Ctx, input: { volunteerId: number; areaId: number; villageGroup: string }) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  const v = await optionalVolunteer(ctx, input.volunteerId, 'volunteerId');
  const id = await ctx.db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO group_links (volunteer_id, area_id, area_path, village_group) VALUES ($1, $2, $3, $4)
       ON CONFLICT (volunteer_id, area_id, village_group) WHERE ended_at IS NULL DO UPDATE SET village_group = EXCLUDED.village_group RETURNING id`,
      [v!.id, area.id, area.path, input.villageGroup],
    );
    await audit(tx, ctx, { action: 'create', entity: 'group_link', entityId: row.id, areaPath: area.path, after: input });
    return row.id;
  });
  return { id, ...(await listGroupLinks(ctx, { volunteerId: v!.id })) };
}

export async function removeGroupLink(ctx: Ctx, id: number) {
  const g = await repo.findGroupLink(ctx.db, ctx.actor.scope, id);
  if (!g) throw notFound();
  await ctx.db.tx(async (tx) => {
    await tx.query('UPDATE group_links SET ended_at = now() WHERE id = $1', [id]);
    await audit(tx, ctx, {
      action: 'end',
      entity: 'group_link',
      entityId: id,
      areaPath: g.area_path,
      before: { volunteerId: g.volunteer_id, villageGroup: g.village_group },
    });
  });
  return { ok: true };
}

export async function listCaptains(ctx: Ctx, p: { under?: number; volunteerId?: number }) {
  const underPath = p.under ? (await placeArea(ctx, p.under, 'under')).path : undefined;
  const rows = await repo.listCaptains(ctx.db, ctx.actor.scope, { ...p, underPath });
  return {
    items: rows.map((c) => ({
      id: c.id,
      kind: c.kind,
      areaId: c.area_id,
      areaName: c.area_name,
      floor: c.floor || null,
      volunteerId: c.volunteer_id,
      volunteerName: c.volunteer_name,
    })),
  };
}

export async function setCaptain(ctx: Ctx, input: { areaId: number; kind: 'building' | 'floor'; floor?: string; volunteerId: number | null }) {
  const area = await placeArea(ctx, input.areaId, 'areaId');
  if (input.kind === 'floor' && !input.floor) throw badRequest('VALIDATION_FAILED', {}, { floor: 'required' });
  const floor = input.kind === 'floor' ? input.floor! : '';
  const v = await optionalVolunteer(ctx, input.volunteerId, 'volunteerId');
  await ctx.db.tx(async (tx) => {
    if (v) {
      await tx.query(
        `INSERT INTO captains (kind, area_id, area_path, floor, volunteer_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (area_id, kind, floor) DO UPDATE SET volunteer_id = EXCLUDED.volunteer_id, created_at = now()`,
        [input.kind, area.id, area.path, floor, v.id],
      );
    } else {
      await tx.query('DELETE FROM captains WHERE area_id = $1 AND kind = $2 AND floor = $3', [area.id, input.kind, floor]);
    }
    await audit(tx, ctx, {
      action: v ? 'set_captain' : 'clear_captain',
      entity: 'area',
      entityId: area.id,
      areaPath: area.path,
      after: { kind: input.kind, floor: floor || null, volunteerId: v?.id ?? null },
    });
  });
  return listCaptains(ctx, { under: area.id });
}
