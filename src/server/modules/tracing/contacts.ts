import type { z } from 'zod';
import { type ContactLevel, type MeasureKind, evaluate } from '../../../domain/policy/rules';
import { closerLevel, isAtLeastAsStrict } from '../../../domain/tracing/kinds';
import type { ContactInput, contactsBody, placementBody } from '../../../domain/tracing/schemas';
import { ageOn } from '../../../domain/residents/identity';
import type { Queryable } from '../../db/engine';
import { type AuditEvent, audit, auditActorOf, auditMany } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, ruleViolation } from '../../platform/errors';
import * as monitoring from '../monitoring';
import * as residents from '../residents';
import * as tasks from '../tasks';
import { mustCase } from './cases';
import { setInForceToday } from './policy-view';
import { lockContactsOnCase, setContactTasks, upsertContacts } from './contacts-batch-repo';
import * as repo from './repo';
import { toContactItem } from './view';

/**
 * Contacts (密接、次密接、一般接触者) of a case, entered as a line list of registry people. Each is proposed the
 * measure the rule set in force gives its level, counted from the last exposure, through the monitoring module —
 * unless the person is already under a measure at least as strict, which is kept; a weaker one running is upgraded
 * in place to the stricter (never a second measure beside it) — and gets a task for the
 * grid worker of where they live to find and place them within the set's hours. A person reported twice on one
 * case is merged into one contact (the closer level, the later exposure); an exposure after the case was
 * isolated is accepted and warned.
 */
const CERTAINTY_RANK = { low: 1, medium: 2, high: 3 } as const;
const LEVEL_NAMES: Record<ContactLevel, { zh: string; en: string }> = {
  close: { zh: '密接', en: 'close contact' },
  secondary: { zh: '次密接', en: 'secondary contact' },
  general: { zh: '一般接触者', en: 'general contact' },
};

type Outcome = 'proposed' | 'kept_stricter' | 'upgraded' | 'weaker_open' | 'none';

/** Merges the rows of one request about the same person, as a second report on the case would be merged. */
function foldBatch(rows: ContactInput[]): ContactInput[] {
  const by = new Map<number, ContactInput>();
  for (const r of rows) {
    const prev = by.get(r.residentId);
    by.set(r.residentId, prev ? mergeInput(prev, r) : r);
  }
  return [...by.values()];
}

function mergeInput(a: ContactInput, b: ContactInput): ContactInput {
  return {
    ...a,
    ...b,
    level: closerLevel(a.level, b.level),
    lastExposureOn: a.lastExposureOn > b.lastExposureOn ? a.lastExposureOn : b.lastExposureOn,
    certainty: CERTAINTY_RANK[a.certainty] >= CERTAINTY_RANK[b.certainty] ? a.certainty : b.certainty,
    place: b.place ?? a.place,
    viaContactId: b.viaContactId ?? a.viaContactId,
  };
}

export async function addContacts(ctx: monitoring.MCtx, caseId: number, b: z.infer<typeof contactsBody>) {
  const c = await mustCase(ctx, caseId);
  const set = await setInForceToday(ctx);
  const hours = new Map(set.tracing.contactLevels.map((l) => [l.level, l.placeWithinHours]));
  // Every row checked before anything is written: a refusal names the rows and leaves the case as it was.
  const fields: Record<string, string> = {};
  const notIdentified: string[] = [];
  const vias = [...new Set(b.contacts.flatMap((r) => (r.viaContactId ? [r.viaContactId] : [])))];
  const [viaOnCase, found] = await Promise.all([
    repo.contactIdsOnCase(ctx.db, caseId, vias),
    residents.findResidents(
      ctx.db,
      ctx.actor.scope,
      b.contacts.map((r) => r.residentId),
    ),
  ]);
  const people = new Map(found.filter((p) => !p.merged_into).map((p) => [p.id, p]));
  for (const [i, r] of b.contacts.entries()) {
    if (!hours.has(r.level)) {
      fields[`contacts.${i}.level`] = 'not_identified';
      notIdentified.push(LEVEL_NAMES[r.level][ctx.lang]);
    }
    if (r.lastExposureOn > ctx.today) fields[`contacts.${i}.lastExposureOn`] = 'in_future';
    if (r.viaContactId && !viaOnCase.has(r.viaContactId)) fields[`contacts.${i}.viaContactId`] = 'not_found';
    if (r.residentId === c.resident_id) fields[`contacts.${i}.residentId`] = 'is_case';
    else if (!people.has(r.residentId)) fields[`contacts.${i}.residentId`] = 'not_found';
  }
  if (notIdentified.length) {
    throw ruleViolation('TRACING_LEVEL_NOT_IDENTIFIED', { levels: [...new Set(notIdentified)].join(', '), set: set.name[ctx.lang] }, fields);
  }
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);

  const inputs = foldBatch(b.contacts);
  const outcomes = await ctx.db.tx((tx) => writeContacts(tx, ctx, c, set, hours, inputs, people));
  // Only the rows just written are read back: a case's list can run to hundreds, read once per line list.
  const rows = new Map(
    (
      await repo.contactsByIds(
        ctx.db,
        outcomes.map((o) => o.id),
      )
    ).map((k) => [k.id, k]),
  );
  return {
    items: outcomes.map((o) => ({ ...o, contact: toContactItem(rows.get(o.id)!) })),
  };
}

type Person = NonNullable<Awaited<ReturnType<typeof residents.findResident>>>;

/**
 * The line list in one transaction and a handful of statements: the case's rows of these people locked, each
 * merged with what was reported before (judged at the closer level and later exposure), the measure each level
 * gives decided from the set in force — unless a measure at least as strict is running, which is kept — all
 * proposed in one statement, the contacts written in one upsert, one task each for its grid worker, one audit
 * statement (the measures' rows and the contacts').
 */
async function writeContacts(
  tx: Queryable,
  ctx: monitoring.MCtx,
  c: repo.CaseRow,
  set: Awaited<ReturnType<typeof setInForceToday>>,
  hours: Map<string, number>,
  inputs: ContactInput[],
  people: Map<number, Person>,
) {
  const ids = inputs.map((i) => i.residentId);
  const locked = await lockContactsOnCase(tx, c.id, ids);
  const live = await monitoring.liveMeasuresOf(tx, ids);
  const plans = inputs.map((input) => {
    const old = locked.get(input.residentId);
    const merged = old ? mergeInput({ ...input, level: old.level, lastExposureOn: old.last_exposure_on, certainty: old.certainty }, input) : input;
    const person = people.get(input.residentId)!;
    const situation = {
      contactType: merged.level,
      exposedOn: merged.lastExposureOn,
      age: person.birth_date ? ageOn(person.birth_date, ctx.today) : undefined,
      specialGroups: person.groups,
    };
    const decision = evaluate(set, situation, ctx.today);
    const running = live.get(person.id);
    let outcome = 'none' as Outcome;
    if (decision.measure !== 'none') {
      if (running && isAtLeastAsStrict(running.kind as MeasureKind, decision.measure)) outcome = 'kept_stricter';
      else if (running) outcome = 'upgraded';
      else outcome = 'proposed';
    }
    return { input, merged, old, person, situation, decision, outcome, running, measureId: outcome === 'kept_stricter' ? running!.id : null };
  });
  // A weaker measure running (home monitoring, say) is upgraded in place: one measure, its follow-ups rescheduled.
  const upgrading = plans.filter((p) => p.outcome === 'upgraded');
  const upgraded = await monitoring.upgradeMany(
    tx,
    ctx,
    upgrading.map((p) => ({ measureId: p.running!.id, fromKind: p.running!.kind, situation: p.situation, decision: p.decision })),
  );
  for (const p of upgrading) {
    if (upgraded.has(p.running!.id)) p.measureId = p.running!.id;
    // Changed by someone else a moment ago (released, or already made stricter): theirs stands, reported as running.
    else p.outcome = 'weaker_open';
  }
  // The measures' audit rows go with the contacts' in one statement at the end (the audit chain's lock is held from
  // there to the commit, not through the whole line list).
  const audits: AuditEvent[] = [];
  const proposed = await monitoring.proposeMany(
    tx,
    ctx,
    plans.filter((p) => p.outcome === 'proposed').map((p) => ({ resident: p.person, situation: p.situation, decision: p.decision })),
    audits,
  );
  for (const p of plans.filter((x) => x.outcome === 'proposed')) {
    p.measureId = proposed.get(p.person.id) ?? null;
    // Someone placed this person under a measure a moment ago: theirs stands.
    if (!p.measureId) p.outcome = 'weaker_open';
  }
  const written = await upsertContacts(
    tx,
    c.id,
    ctx.actor.userId,
    plans.map((p) => ({
      residentId: p.person.id,
      areaId: p.person.area_id,
      areaPath: p.person.area_path,
      input: p.input,
      measureId: p.measureId,
      ruleVersion: p.decision.ruleVersion,
    })),
  );
  const rowOf = new Map(written.map((w) => [w.resident_id, w]));
  // One open task per contact: a merge keeps the task already given.
  const needTask = plans.filter((p) => !rowOf.get(p.person.id)!.task_id);
  const taskIds = await tasks.createTasks(
    tx,
    needTask.map((p) => {
      const within = hours.get(p.merged.level)!;
      return {
        type: 'trace_contact',
        title: `流调排查（${LEVEL_NAMES[p.merged.level].zh}）：${p.person.name}，${within} 小时内找到并落实管控`,
        titleKey: 'traceContact',
        titleParams: { name: p.person.name, hours: within, level: p.merged.level },
        subjectKind: 'tracing_contact',
        subjectId: rowOf.get(p.person.id)!.id,
        areaId: p.person.area_id,
        areaPath: p.person.area_path,
        assigneeRole: 'grid_worker',
        dueAt: new Date(Date.now() + within * 3_600_000),
        priority: p.merged.level === 'close' ? ('urgent' as const) : ('high' as const),
        createdBy: ctx.actor.userId,
      };
    }),
  );
  await setContactTasks(
    tx,
    needTask.map((p, i) => ({ id: rowOf.get(p.person.id)!.id, taskId: taskIds[i] })),
  );
  await auditMany(tx, auditActorOf(ctx), [
    ...audits,
    ...plans.map((p) => ({
      action: p.old ? ('merge' as const) : ('add' as const),
      entity: 'tracing_contact' as const,
      entityId: rowOf.get(p.person.id)!.id,
      areaPath: p.person.area_path,
      before: p.old ? { level: p.old.level, lastExposureOn: p.old.last_exposure_on } : undefined,
      after: {
        caseId: c.id,
        residentId: p.person.id,
        level: p.merged.level,
        lastExposureOn: p.merged.lastExposureOn,
        measure: p.outcome,
        measureId: p.measureId,
        ruleVersion: p.decision.ruleVersion,
      },
    })),
  ]);
  const warnings = (p: (typeof plans)[number]): 'exposure_after_isolation'[] =>
    c.isolated_on && p.merged.lastExposureOn > c.isolated_on ? ['exposure_after_isolation'] : [];
  return plans.map((p) => ({ id: rowOf.get(p.person.id)!.id, merged: !!p.old, measure: p.outcome, warnings: warnings(p) }));
}

/** Found and placed, not found (the task stays open: keep looking), or living elsewhere (handed on; the task closes). */
export async function setPlacement(ctx: Ctx, id: number, b: z.infer<typeof placementBody>) {
  const k = await repo.findContact(ctx.db, ctx.actor.scope, id);
  if (!k) throw notFound();
  await ctx.db.tx(async (tx) => {
    await repo.setPlacement(tx, id, b.state, b.note ?? null);
    if (b.state !== 'not_found') await tasks.closeForSubject(tx, 'tracing_contact', id, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'placement',
      entity: 'tracing_contact',
      entityId: id,
      areaPath: k.area_path,
      before: { placement: k.placement },
      after: { placement: b.state, note: b.note ?? null },
    });
  });
  return toContactItem((await repo.findContact(ctx.db, ctx.actor.scope, id))!);
}
