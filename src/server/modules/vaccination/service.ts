import type { z } from 'zod';
import type { Card, OutreachRow } from '../../../domain/vaccination/api';
import { applyOutcome, checkDose, eligibility } from '../../../domain/vaccination/eligibility';
import type { Band, Contraindication, MobilisationState, RefusalReason } from '../../../domain/vaccination/kinds';
import type { callsBody, contactBody, doseBody } from '../../../domain/vaccination/schemas';
import { maskPhone } from '../../../domain/residents/identity';
import { audit } from '../../platform/audit';
import { maskKind } from '../../platform/audit-mask';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { areaTree } from '../areas';
import { closeForSubject, createTasks } from '../tasks';
import { tasksAs } from '../tasks/sql';
import * as repo from './repo';
import { ridesOfPerson } from './ride-repo';
import { callTask, followUpTask, observeTask } from './tasks';

/** The outreach: the working list, a person's card, calls and visits with their outcome, doses, and the call tasks. */

export async function areaInScope(ctx: Ctx, id: number, field: string) {
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, id);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { [field]: 'not_found' });
  return area;
}

function toRow(r: repo.OutreachRowDb, policy: Awaited<ReturnType<typeof repo.policyOf>>, today: string): OutreachRow {
  const e = eligibility({ birthDate: r.birth_date, doses: r.doses, lastDoseOn: r.last_dose_on, state: r.state }, policy, today);
  return {
    residentId: r.id,
    name: r.name,
    phone: maskPhone(r.phone),
    age: e.age,
    band: e.band,
    areaId: r.area_id,
    areaName: r.area_name,
    state: r.state,
    reason: (r.refusal_reason as RefusalReason | null) ?? null,
    doses: r.doses,
    lastDoseOn: r.last_dose_on,
    due: e.due,
    dueOn: e.dueOn,
    needsRide: r.needs_ride,
    wheelchair: r.wheelchair,
  };
}

export async function outreach(ctx: Ctx, p: { under?: number; band: Band; state?: MobilisationState; dueOnly?: boolean; limit: number; offset: number }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : ctx.actor.scope.path;
  const policy = await repo.policyOf(ctx.db);
  const { rows, total } = await repo.outreach(ctx.db, ctx.actor.scope, { ...p, policy, today: ctx.today, underPath });
  return { items: rows.map((r) => toRow(r, policy, ctx.today)), total };
}

async function mustPerson(ctx: Ctx, id: number) {
  const r = await repo.person(ctx.db, ctx.actor.scope, id);
  if (!r) throw notFound();
  return r;
}

export async function card(ctx: Ctx, id: number): Promise<Card> {
  const r = await mustPerson(ctx, id);
  const policy = await repo.policyOf(ctx.db);
  const [doses, contacts, rides, [{ n }]] = await Promise.all([
    repo.dosesOf(ctx.db, id),
    repo.contactsOf(ctx.db, id),
    ridesOfPerson(ctx.db, ctx.actor.scope, id),
    ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${tasksAs('t')} WHERE t.subject_kind LIKE 'vaccination\\_%' AND t.subject_id = $1 AND t.status IN ('open', 'in_progress')`,
      [id],
    ),
  ]);
  const e = eligibility({ birthDate: r.birth_date, doses: r.doses, lastDoseOn: r.last_dose_on, state: r.state }, policy, ctx.today);
  return {
    ...toRow(r, policy, ctx.today),
    householdAddress: r.address === null ? null : (maskKind('address', r.address) as string),
    contraindication: (r.contraindication as Contraindication | null) ?? null,
    dueNow: e.dueNow,
    dosesList: doses.map((d) => ({
      id: d.id,
      doseNo: d.dose_no,
      givenOn: d.given_on,
      product: d.product,
      batch: d.batch,
      site: d.site,
      recordedByName: d.recorded_by_name,
      recordedAt: new Date(d.recorded_at).toISOString(),
    })),
    contacts: contacts.map((c) => ({
      id: c.id,
      kind: c.kind,
      outcome: c.outcome as Card['contacts'][number]['outcome'],
      reason: c.reason as RefusalReason | null,
      contraindication: c.contraindication as Contraindication | null,
      fromState: c.from_state as MobilisationState,
      toState: c.to_state as MobilisationState,
      note: c.note,
      byName: c.by_name,
      at: new Date(c.created_at).toISOString(),
    })),
    rides,
    openTasks: n,
  };
}

/** A call or visit: logged with the state before and after, the state changed and audited, the open call task closed. */
export async function recordContact(ctx: Ctx, id: number, b: z.infer<typeof contactBody>): Promise<Card> {
  const r = await mustPerson(ctx, id);
  await ctx.db.tx(async (tx) => {
    const cur = await repo.lockPerson(tx, r);
    const change = applyOutcome(cur.state, b);
    if (!change.ok)
      throw badRequest(
        change.problem === 'reason_required' ? 'VACCINATION_REASON_REQUIRED' : 'VACCINATION_CONTRAINDICATION_REQUIRED',
        {},
        { [change.field]: 'required' },
      );
    const unchanged = b.outcome === 'no_answer';
    const next = unchanged
      ? { state: cur.state, reason: cur.refusal_reason, contraindication: cur.contraindication }
      : { state: change.to, reason: change.reason, contraindication: change.contraindication };
    await repo.setState(tx, id, { ...next, needsRide: b.needsRide, wheelchair: b.wheelchair, by: ctx.actor.userId });
    const contactId = await repo.insertContact(tx, {
      residentId: id,
      areaId: r.area_id,
      areaPath: r.area_path,
      kind: b.kind,
      outcome: b.outcome,
      reason: b.reason ?? null,
      contraindication: b.contraindication ?? null,
      from: cur.state,
      to: next.state,
      note: b.note ?? null,
      by: ctx.actor.userId,
    });
    // An answer closes the open call task; no answer leaves it for the next try.
    if (!unchanged) await closeForSubject(tx, 'vaccination_call', id, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'contact',
      entity: 'vaccination_person',
      entityId: id,
      areaPath: r.area_path,
      before: { state: cur.state, reason: cur.refusal_reason, contraindication: cur.contraindication },
      after: { contactId, kind: b.kind, outcome: b.outcome, ...next, needsRide: b.needsRide, wheelchair: b.wheelchair },
    });
  });
  return card(ctx, id);
}

const DOSE_ERRORS = {
  before_birth: ['VACCINATION_DOSE_BEFORE_BIRTH', 'givenOn', 'before_birth'],
  in_future: ['VACCINATION_DOSE_IN_FUTURE', 'givenOn', 'in_future'],
  not_after_last: ['VACCINATION_DOSE_NOT_AFTER_LAST', 'givenOn', 'not_after_last'],
} as const;

/**
 * A dose: refused with why when dated before birth, in the future or not after the last one; refused for a person not
 * suitable or whose course and boosters are complete. A dose given today starts the 30-minute observation (the
 * recorder's task) and the next day's follow-up call (the household's linked member or the grid worker).
 */
export async function recordDose(ctx: Ctx, id: number, b: z.infer<typeof doseBody>, now = new Date()): Promise<Card> {
  const r = await mustPerson(ctx, id);
  const policy = await repo.policyOf(ctx.db);
  await ctx.db.tx(async (tx) => {
    const cur = await repo.lockPerson(tx, r);
    const problem = checkDose(
      { birthDate: r.birth_date, givenOn: b.givenOn, lastDoseOn: cur.last_dose_on, doses: cur.doses, state: cur.state },
      policy,
      ctx.today,
    );
    if (problem === 'not_suitable') throw conflict('VACCINATION_NOT_SUITABLE');
    if (problem === 'course_complete') throw conflict('VACCINATION_COURSE_COMPLETE', { doses: cur.doses });
    if (problem) {
      const [code, field, text] = DOSE_ERRORS[problem];
      throw badRequest(code, { birthDate: r.birth_date ?? '', lastDoseOn: cur.last_dose_on ?? '', today: ctx.today }, { [field]: text });
    }
    const doseNo = cur.doses + 1;
    const doseId = await repo.insertDose(tx, {
      residentId: id,
      areaId: r.area_id,
      areaPath: r.area_path,
      doseNo,
      givenOn: b.givenOn,
      product: b.product,
      batch: b.batch,
      site: b.site ?? null,
      by: ctx.actor.userId,
    });
    await closeForSubject(tx, 'vaccination_call', id, ctx.actor.userId);
    if (b.givenOn === ctx.today) {
      const caller = await repo.callerOf(tx, r);
      await createTasks(tx, [
        observeTask(r, policy.observationMinutes, ctx.actor.userId, now),
        followUpTask(r, caller, new Date(now.getTime() + 86_400_000), ctx.actor.userId),
      ]);
    }
    await audit(tx, ctx, {
      action: 'dose',
      entity: 'vaccination_person',
      entityId: id,
      areaPath: r.area_path,
      before: { state: cur.state, doses: cur.doses },
      after: { doseId, doseNo, givenOn: b.givenOn, product: b.product, batch: b.batch, state: 'vaccinated' },
    });
  });
  return card(ctx, id);
}

/** Call (or visit) tasks for the due people of a band under an area who have none open: at most 2,000 at a time. */
export async function makeCalls(ctx: Ctx, b: z.infer<typeof callsBody>) {
  const area = await areaInScope(ctx, b.areaId, 'areaId');
  const policy = await repo.policyOf(ctx.db);
  const created = await ctx.db.tx(async (tx) => {
    const targets = await repo.callTargets(tx, ctx.actor.scope, { policy, today: ctx.today, underPath: area.path, band: b.band, limit: 2000 });
    const ids = await createTasks(
      tx,
      targets.map((t) => callTask(t, b.kind, t.member_user_id ?? t.grid_worker_id, ctx.actor.userId)),
    );
    if (ids.length) {
      await audit(tx, ctx, {
        action: 'create',
        entity: 'vaccination_calls',
        entityId: area.id,
        areaPath: area.path,
        after: { band: b.band, kind: b.kind, tasks: ids.length },
      });
    }
    return ids.length;
  });
  return { created };
}
