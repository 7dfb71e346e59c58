import { maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import type { CreateResidentInput } from '../../../domain/residents/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import * as residents from '../residents';
import * as repo from './proposal-repo';

/**
 * Roster proposals: a visit by someone without `residents.write` (a volunteer, a branch secretary) cannot
 * change the registry, which refuses them directly; what they found — a person living here, one moved out —
 * waits here until a cadre confirms it (through the registry's own rules, as that cadre) or rejects it.
 */

const iso = (d: Date | string) => new Date(d).toISOString();

export function toProposalView(p: repo.ProposalRow) {
  const data = p.payload as { name?: string; idNumber?: string | null; phone?: string | null; movedInOn?: string; on?: string; reason?: string | null };
  return {
    id: p.id,
    visitId: p.visit_id,
    householdId: p.household_id,
    address: p.address,
    areaName: p.area_name,
    kind: p.kind,
    residentId: p.resident_id,
    name: p.resident_name ?? data.name ?? '',
    idNumber: maskIdNumber(data.idNumber),
    phone: maskPhone(data.phone),
    on: (p.kind === 'add' ? data.movedInOn : data.on) ?? iso(p.proposed_at).slice(0, 10),
    reason: data.reason ?? null,
    status: p.status,
    proposedByName: p.proposed_by_name,
    proposedAt: iso(p.proposed_at),
    decidedByName: p.decided_by_name,
    decidedAt: p.decided_at ? iso(p.decided_at) : null,
    decisionReason: p.decision_reason,
    anonymised: p.anonymised_at !== null,
  };
}

export async function list(ctx: Ctx, f: { status?: string; page: number; pageSize: number }) {
  const { rows, total } = await repo.listProposals(ctx.db, ctx.actor.scope, f);
  return { items: rows.map(toProposalView), total };
}

async function mustPending(ctx: Ctx, id: number) {
  const p = await repo.findProposal(ctx.db, ctx.actor.scope, id);
  if (!p) throw notFound();
  if (p.status !== 'pending') throw conflict('PROPOSAL_DECIDED');
  return p;
}

async function answer(ctx: Ctx, id: number) {
  return toProposalView((await repo.findProposal(ctx.db, ctx.actor.scope, id))!);
}

export async function confirm(ctx: Ctx, id: number) {
  const p = await mustPending(ctx, id);
  // Checked as the confirming cadre, with the registry's rules of today (the household may have changed since).
  const add = p.kind === 'add' ? await residents.prepareCreate(ctx, { ...(p.payload as CreateResidentInput), householdId: p.household_id }) : null;
  const move =
    p.kind === 'move_out'
      ? await residents.prepareMove(ctx, p.resident_id!, { kind: 'out', on: String(p.payload.on), reason: (p.payload.reason as string | null) ?? null })
      : null;
  await ctx.db.tx(async (tx) => {
    let residentId: number | null = null;
    if (add) residentId = await residents.insertPrepared(tx, ctx, add);
    if (move) await residents.applyMove(tx, ctx, move);
    if (!(await repo.decideProposal(tx, id, { status: 'confirmed', by: ctx.actor.userId, reason: null, residentId }))) throw conflict('PROPOSAL_DECIDED');
    await audit(tx, ctx, { action: 'confirm', entity: 'roster_proposal', entityId: id, areaPath: p.area_path, after: { kind: p.kind, residentId } });
  });
  return answer(ctx, id);
}

export async function reject(ctx: Ctx, id: number, reason: string) {
  const p = await mustPending(ctx, id);
  await ctx.db.tx(async (tx) => {
    if (!(await repo.decideProposal(tx, id, { status: 'rejected', by: ctx.actor.userId, reason, residentId: null }))) throw conflict('PROPOSAL_DECIDED');
    await audit(tx, ctx, { action: 'reject', entity: 'roster_proposal', entityId: id, areaPath: p.area_path, after: { kind: p.kind, reason } });
  });
  return answer(ctx, id);
}
