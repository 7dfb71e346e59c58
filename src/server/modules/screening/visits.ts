import { addDays } from '../../../domain/policy/rules';
import type { VisitInput } from '../../../domain/screening/schemas';
import { audit, auditActorOf } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { DomainError, badRequest, conflict, notFound } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import * as monitoring from '../monitoring';
import * as residentRepo from '../residents';
import * as residents from '../residents';
import * as tasks from '../tasks';
import * as arrivals from './arrivals';
import { localInstant } from '../../platform/dates';
import * as campaignRepo from './campaign-repo';
import * as proposalRepo from './proposal-repo';
import * as repo from './visit-repo';
import { plainVisitWriter, visitWriter } from './visit-writer';
import { toVisitView } from './view';

/**
 * A household visit from a phone. The phone makes `clientId`; the first submission claims it with
 * INSERT … ON CONFLICT DO NOTHING in the transaction that does everything else (roster changes through the
 * registry's dated moves, arrivals, the target's attempt, the task closed, a revisit task, a fever alert), so
 * a retry — even one racing the first — answers the first result and never counts twice. A temperature at or
 * above the policy's threshold, or an alerting symptom, raises the same fever alert as a follow-up (monitoring's
 * face): to the command center, the grid worker and the village doctor.
 */
type VCtx = Ctx & { timeZone: string };

/** The recorded visit for this phone id, if any: the same answer every time (404 outside the caller's scope). */
async function replay(ctx: Ctx, b: VisitInput) {
  const v = await repo.visitByClientIdUnscoped(ctx.db, b.clientId);
  return v ? answerOf(ctx, b, v) : null;
}

/** A recorded visit as the answer to this request: 404 outside the caller's scope, 409 when the phone id was reused. */
function answerOf(ctx: Ctx, b: VisitInput, v: repo.VisitRow) {
  if (!pathInScope(ctx.actor.scope, v.area_path)) throw notFound();
  if (v.campaign_id !== b.campaignId || v.household_id !== b.householdId) throw conflict('VISIT_ID_REUSED');
  return toVisitView(v);
}

type Submitted = { created: boolean; visit: ReturnType<typeof toVisitView> };

export async function submit(ctx: VCtx, b: VisitInput): Promise<Submitted> {
  return isPlain(ctx, b) ? submitPlain(ctx, b) : submitFull(ctx, b);
}

/**
 * Most visits change nothing but the household's task and coverage: no roster change, no arrival, no revisit (a door
 * nobody opened gets a revisit task), no date to refuse. Those go in one set-based statement with the other phones'
 * (visit-batch-repo.ts); one whose reading raises a fever alert is answered `alert` there and written in full.
 */
function isPlain(ctx: VCtx, b: VisitInput): b is VisitInput & { outcome: 'visited' | 'refused' } {
  return b.outcome !== 'nobody_home' && !b.added?.length && !b.movedOut?.length && !b.arrivals?.length && !(b.revisitOn && b.revisitOn < ctx.today);
}

async function submitPlain(ctx: VCtx, b: VisitInput & { outcome: 'visited' | 'refused' }): Promise<Submitted> {
  const data = {
    rosterConfirmed: b.rosterConfirmed ?? false,
    added: [],
    movedOut: [],
    proposed: [],
    arrivals: [],
    note: b.note ?? null,
    revisitTaskId: null,
    alertId: null,
  };
  const fields = { ...requestFields(b), outcome: b.outcome };
  const outcome = await plainVisitWriter(ctx.db).write({
    ctx,
    visit: {
      ...fields,
      scopePath: ctx.actor.scope.path,
      codeColour: b.codeColour ?? null,
      testProof: b.testProof ?? null,
      feverResidentId: b.feverResidentId ?? null,
      data,
      audited: { ...fields, ...data },
      visitedBy: ctx.actor.userId,
      who: auditActorOf(ctx),
    },
  });
  switch (outcome.kind) {
    case 'written':
      return { created: true, visit: toVisitView(outcome.visit) };
    case 'seen':
      return { created: false, visit: answerOf(ctx, b, outcome.visit) };
    case 'not_found':
      throw notFound();
    case 'closed':
      throw conflict('CAMPAIGN_CLOSED', { name: outcome.campaignName });
    case 'fever_resident':
      throw badRequest('VALIDATION_FAILED', {}, { feverResidentId: 'not_found' });
    default: {
      // `raced`: another request with this phone id committed first (its record is there now); `alert`: written in full.
      const first = await replay(ctx, b);
      return first ? { created: false, visit: first } : submitFull(ctx, b);
    }
  }
}

/** The request's own fields of a visit: its claim and its audit row take them, the same on both paths. */
function requestFields(b: VisitInput) {
  return {
    clientId: b.clientId,
    campaignId: b.campaignId,
    householdId: b.householdId,
    outcome: b.outcome,
    temperature: b.temperature ?? null,
    symptoms: b.symptoms ?? [],
    needs: b.needs ?? [],
  };
}

async function submitFull(ctx: VCtx, b: VisitInput): Promise<Submitted> {
  const first = await replay(ctx, b);
  if (first) return { created: false, visit: first };
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(ctx, b);
  } catch (e) {
    // A retry racing its first submission can fail a check the first one just made true (a person it moved out).
    const again = e instanceof DomainError ? await replay(ctx, b) : null;
    if (again) return { created: false, visit: again };
    throw e;
  }
  const { target, added, movedOut, arrivalsIn, revisitOn, proposing, alert } = prepared;
  // Group-committed with the other phones' visits (visit-writer.ts): committed when it returns.
  const key = await visitWriter(ctx.db).write(async (tx) => {
    const key = await repo.claimVisit(tx, {
      ...requestFields(b),
      areaId: target.area_id,
      areaPath: target.area_path,
      codeColour: b.codeColour ?? null,
      testProof: b.testProof ?? null,
      revisitOn,
      visitedBy: ctx.actor.userId,
    });
    if (key === null) return null; // recorded by the first submission: answer that one
    const addedIds: { residentId: number; name: string }[] = [];
    const proposed: { proposalId: number; kind: 'add' | 'move_out'; name: string }[] = [];
    if (proposing) {
      // The visitor may not change the registry: what they found waits for a cadre (roster_proposals).
      const base = { visit: key, householdId: b.householdId, areaPath: target.area_path, by: ctx.actor.userId };
      for (const [i, p] of added.entries()) {
        const given = b.added![i];
        const payload = { ...given, idType: given.idType ?? (given.idNumber ? undefined : 'none'), movedInOn: p.movedInOn };
        proposed.push({
          proposalId: await proposalRepo.insertProposal(tx, { ...base, kind: 'add', residentId: null, payload }),
          kind: 'add',
          name: p.row.name,
        });
      }
      for (const m of movedOut) {
        const payload = { on: m.input.on, reason: m.input.reason ?? null };
        proposed.push({
          proposalId: await proposalRepo.insertProposal(tx, { ...base, kind: 'move_out', residentId: m.id, payload }),
          kind: 'move_out',
          name: m.r.name,
        });
      }
    } else {
      for (const p of added) addedIds.push({ residentId: await residents.insertPrepared(tx, ctx, p), name: p.row.name });
      for (const m of movedOut) await residents.applyMove(tx, ctx, m);
    }
    const arrivalViews = [];
    for (const a of arrivalsIn) {
      const who = a.residentId ?? addedIds[a.addedIndex!].residentId;
      const arrivalId = await arrivals.insertAudited(
        tx,
        ctx,
        arrivals.newArrival(ctx, a.fields, a.origin, { residentId: who, areaId: target.area_id, areaPath: target.area_path }, key),
      );
      arrivalViews.push({
        id: arrivalId,
        residentId: who,
        originName: a.origin.originName,
        originRiskLevel: a.origin.originRiskLevel,
        arrivedOn: a.fields.arrivedOn,
      });
    }
    await tasks.closeForSubject(tx, 'screening_target', target.id, ctx.actor.userId);
    let revisitTaskId: number | null = null;
    if (b.outcome === 'nobody_home') {
      [revisitTaskId] = await tasks.createTasks(tx, [
        {
          type: 'revisit',
          title: `复访：${target.address}`.slice(0, 200),
          titleKey: 'revisit',
          titleParams: { address: target.address },
          subjectKind: 'screening_target',
          subjectId: target.id,
          areaId: target.area_id,
          areaPath: target.area_path,
          assigneeUserId: target.assignee_user_id ?? (target.assignee_role ? null : ctx.actor.userId),
          assigneeRole: target.assignee_user_id ? null : target.assignee_role,
          dueAt: localInstant(revisitOn!, '20:00', ctx.timeZone),
          priority: 'high',
          createdBy: ctx.actor.userId,
        },
      ]);
    }
    await repo.recordAttempt(tx, target.id, b.outcome, revisitTaskId);
    const alertId = alert
      ? await monitoring.raiseFeverAlert(
          tx,
          ctx,
          alert.policy,
          {
            visit: key,
            householdId: b.householdId,
            residentId: alert.residentId,
            name: alert.name,
            areaId: target.area_id,
            areaPath: target.area_path,
            temperature: b.temperature ?? null,
            symptoms: b.symptoms ?? [],
          },
          // The visitor when they are the grid worker; otherwise every grid worker and doctor whose scope covers the household.
          { gridWorkerId: ctx.actor.roles.includes('grid_worker') ? ctx.actor.userId : null, doctorId: null },
        )
      : null;
    const data = {
      rosterConfirmed: b.rosterConfirmed ?? false,
      added: addedIds,
      movedOut: proposing ? [] : movedOut.map((m) => ({ residentId: m.id, name: m.r.name, on: m.input.on })),
      proposed,
      arrivals: arrivalViews,
      note: b.note ?? null,
      revisitTaskId,
      alertId,
    };
    await repo.setVisitData(tx, key, data);
    await audit(tx, ctx, {
      action: 'visit',
      entity: 'screening_visit',
      entityId: key.id,
      areaPath: target.area_path,
      after: { ...requestFields(b), ...data },
    });
    return key;
  });
  const visit = await replay(ctx, b);
  if (!visit) throw new Error(`visit ${b.clientId} missing after commit`);
  return { created: key !== null, visit };
}

/** Every check that can be made before the transaction: the target in scope and open, each roster change and arrival. */
async function prepare(ctx: VCtx, b: VisitInput) {
  const target = await campaignRepo.findTarget(ctx.db, ctx.actor.scope, { campaignId: b.campaignId, householdId: b.householdId });
  if (!target) throw notFound();
  // The target in scope proves the campaign is seen.
  const campaign = (await campaignRepo.campaignStatus(ctx.db, b.campaignId))!;
  if (campaign.status !== 'open') throw conflict('CAMPAIGN_CLOSED', { name: campaign.name });
  if (b.revisitOn && b.revisitOn < ctx.today) throw badRequest('VALIDATION_FAILED', {}, { revisitOn: 'too_small' });
  const revisitOn = b.outcome === 'nobody_home' ? (b.revisitOn ?? addDays(ctx.today, 1)) : null;

  const proposing = !ctx.actor.permissions.has('residents.write') && ((b.added?.length ?? 0) > 0 || (b.movedOut?.length ?? 0) > 0);
  const members = await residentRepo.householdMembers(ctx.db, b.householdId);
  const present = new Set(members.filter((m) => m.status !== 'moved_out' && m.status !== 'deceased').map((m) => m.id));
  const added: residents.PreparedResident[] = [];
  for (const [i, p] of (b.added ?? []).entries()) {
    try {
      added.push(
        await residents.prepareCreate(ctx, {
          householdId: b.householdId,
          name: p.name,
          idType: p.idType ?? (p.idNumber ? undefined : 'none'),
          idNumber: p.idNumber,
          sex: p.sex,
          birthDate: p.birthDate,
          phone: p.phone,
          relation: p.relation,
          movedInOn: p.movedInOn ?? ctx.today,
        }),
      );
    } catch (e) {
      throw prefixFields(e, `added.${i}.`);
    }
  }
  const movedOut: residents.PreparedMove[] = [];
  const seen = new Set<number>();
  for (const [i, m] of (b.movedOut ?? []).entries()) {
    if (!present.has(m.residentId) || seen.has(m.residentId)) throw badRequest('VALIDATION_FAILED', {}, { [`movedOut.${i}.residentId`]: 'not_found' });
    seen.add(m.residentId);
    try {
      movedOut.push(await residents.prepareMove(ctx, m.residentId, { kind: 'out', on: m.on ?? ctx.today, reason: m.reason ?? '入户走访发现已迁出' }));
    } catch (e) {
      throw prefixFields(e, `movedOut.${i}.`);
    }
  }
  const arrivalsIn = [];
  for (const [i, a] of (b.arrivals ?? []).entries()) {
    const field = `arrivals.${i}.`;
    const { residentId, addedIndex, ...fields } = a;
    if ((residentId === undefined) === (addedIndex === undefined)) throw badRequest('VALIDATION_FAILED', {}, { [`${field}residentId`]: 'required' });
    if (residentId !== undefined && (!present.has(residentId) || seen.has(residentId)))
      throw badRequest('VALIDATION_FAILED', {}, { [`${field}residentId`]: 'not_found' });
    if (addedIndex !== undefined && addedIndex >= added.length) throw badRequest('VALIDATION_FAILED', {}, { [`${field}addedIndex`]: 'not_found' });
    // A person only proposed is not in the registry yet: their arrival is registered once a cadre confirms them.
    if (addedIndex !== undefined && proposing) throw badRequest('VALIDATION_FAILED', {}, { [`${field}addedIndex`]: 'pending_confirmation' });
    arrivals.checkDates(ctx, fields, field);
    const origin = await arrivals.resolveOrigin(ctx, fields, target.area_path, field);
    arrivalsIn.push({ residentId, addedIndex, fields, origin });
  }
  // A fever found at the door: the policy's threshold and symptoms (read here, before the transaction).
  let alert: { policy: monitoring.AlertPolicy; residentId: number | null; name: string } | null = null;
  if (b.feverResidentId !== undefined && !present.has(b.feverResidentId)) throw badRequest('VALIDATION_FAILED', {}, { feverResidentId: 'not_found' });
  if (b.outcome === 'visited') {
    const policy = await monitoring.alertPolicy(ctx);
    if (monitoring.mustAlert(policy, b.temperature, b.symptoms ?? [])) {
      const who = b.feverResidentId === undefined ? undefined : members.find((m) => m.id === b.feverResidentId);
      alert = { policy, residentId: who?.id ?? null, name: who?.name ?? target.address };
    }
  }
  return { target, added, movedOut, arrivalsIn, revisitOn, proposing, alert };
}

function prefixFields(e: unknown, prefix: string): unknown {
  if (!(e instanceof DomainError) || !e.fields) return e;
  return new DomainError(e.kind, e.code, e.params, Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [prefix + k, v])));
}

export async function list(ctx: Ctx, p: { campaignId?: number; householdId?: number; page: number; pageSize: number }) {
  const { rows, total } = await repo.listVisits(ctx.db, ctx.actor.scope, p);
  return { items: rows.map(toVisitView), total };
}
