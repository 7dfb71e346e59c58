import { afterStep, stepOf, tierOf } from '../../../domain/help/policy';
import type { StepInput } from '../../../domain/help/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import * as tasks from '../tasks';
import { policyInForce } from './policy-repo';
import * as repo from './repo';
import type { RequestRow } from './sql-parts';
import { toDetail } from './view';

/**
 * Triage (分拣): a request walks its kind's steps in order, each decided by a holder of the step's role (or of
 * help.manage). An option either moves it on — to the next step, or to dispatch after the last — or closes it as
 * impossible with the reason the person is told. A step that sets the urgency sets the deadline from receipt.
 */
export async function mustRequest(ctx: Ctx, id: number): Promise<RequestRow> {
  const r = await repo.findRequest(ctx.db, ctx.actor.scope, id);
  if (!r) throw notFound();
  return r;
}

export const isOpen = (r: Pick<RequestRow, 'status'>) => ['triage', 'dispatch', 'delivering', 'delivered'].includes(r.status);

/** Closing in any way: the time, whether within the deadline, and the request's open tasks done. */
export async function closeFields(
  tx: Parameters<typeof tasks.closeForSubject>[0],
  ctx: Ctx,
  r: RequestRow,
  status: 'closed' | 'impossible',
  note: string | null,
) {
  const now = new Date();
  for (const kind of ['help_delivery', 'help_transfer', 'help_overdue']) await tasks.closeForSubject(tx, kind, r.id, ctx.actor.userId);
  return {
    status,
    queue: null,
    closed_at: now,
    closed_within: now <= new Date(r.due_at),
    public_note: note,
    transfer_area_id: null,
    transfer_path: null,
    transfer_reason: null,
  };
}

export async function decideStep(ctx: Ctx, id: number, input: StepInput) {
  const found = await mustRequest(ctx, id);
  if (!found.area_path.startsWith(ctx.actor.scope.path)) throw notFound();
  const policy = await policyInForce(ctx.db);
  const step = stepOf(policy, found.kind, input.step);
  if (!step) throw badRequest('VALIDATION_FAILED', {}, { step: 'unknown' });
  if (!ctx.actor.roles.includes(step.role) && !ctx.actor.permissions.has('help.manage')) throw forbidden('HELP_STEP_ROLE', { role: step.role });
  const next = afterStep(policy, found.kind, step.code, input.option);
  if (!next) throw badRequest('HELP_OPTION_UNKNOWN', {}, { option: 'unknown' });
  const tier = input.tier ? tierOf(policy, input.tier) : null;
  if (input.tier && !tier) throw badRequest('HELP_TIER_UNKNOWN', { tiers: policy.tiers.map((t) => t.name[ctx.lang]).join(', ') }, { tier: 'unknown' });
  if (step.setsTier && !tier && next.status !== 'impossible') throw badRequest('HELP_TIER_REQUIRED', {}, { tier: 'required' });
  const note = input.note?.trim() || null;
  if (next.status === 'impossible' && !note) throw badRequest('HELP_REASON_REQUIRED', {}, { note: 'required' });
  await ctx.db.tx(async (tx) => {
    const r = await repo.lockRequest(tx, id);
    if (r.status !== 'triage' || r.queue !== step.code) throw conflict('HELP_STEP_MOVED', { step: r.queue ?? r.status });
    const decisions = { ...r.decisions, [step.code]: { option: input.option, note, by: ctx.actor.displayName, at: new Date().toISOString() } };
    const set: Record<string, unknown> = { decisions, step_since: new Date() };
    if (tier) {
      const due = new Date(new Date(r.created_at).getTime() + tier.minutes * 60_000);
      Object.assign(set, { tier: tier.code, due_at: due });
      if (r.escalation_level === 0) set.escalate_after = due;
    }
    if (next.status === 'impossible') Object.assign(set, await closeFields(tx, ctx, r, 'impossible', note));
    else Object.assign(set, { status: next.status, queue: next.step ?? 'dispatch' });
    await repo.updateRequest(tx, id, set);
    await audit(tx, ctx, {
      entity: 'help_request',
      action: next.status === 'impossible' ? 'impossible' : 'step',
      entityId: id,
      areaPath: r.area_path,
      before: { step: r.queue, tier: r.tier },
      after: { step: step.code, option: input.option, tier: set.tier ?? r.tier, next: next.step ?? next.status, note },
    });
  });
  return toDetail((await repo.findRequest(ctx.db, ctx.actor.scope, id))!);
}
