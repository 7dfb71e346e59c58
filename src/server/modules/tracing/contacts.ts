import type { z } from 'zod';
import { type ContactLevel, type MeasureKind, evaluate } from '../../../domain/policy/rules';
import { closerLevel, isAtLeastAsStrict } from '../../../domain/tracing/kinds';
import type { ContactInput, contactsBody, placementBody } from '../../../domain/tracing/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, isUniqueViolation, notFound, ruleViolation } from '../../platform/errors';
import * as monitoring from '../monitoring';
import * as residents from '../residents';
import * as tasks from '../tasks';
import { mustCase } from './cases';
import { setInForceToday } from './policy-view';
import * as repo from './repo';
import { toContactItem } from './view';

/**
 * Contacts (密接、次密接、一般接触者) of a case, entered as a line list of registry people. Each is proposed the
 * measure the rule set in force gives its level, counted from the last exposure, through the monitoring module —
 * unless the person is already under a measure at least as strict, which is kept — and gets a task for the
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

type Outcome = 'proposed' | 'kept_stricter' | 'weaker_open' | 'none';

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
  const existing = await repo.contactsOf(ctx.db, caseId);
  const people = new Map<number, NonNullable<Awaited<ReturnType<typeof residents.findResident>>>>();
  for (const [i, r] of b.contacts.entries()) {
    if (!hours.has(r.level)) {
      fields[`contacts.${i}.level`] = 'not_identified';
      notIdentified.push(LEVEL_NAMES[r.level][ctx.lang]);
    }
    if (r.lastExposureOn > ctx.today) fields[`contacts.${i}.lastExposureOn`] = 'in_future';
    if (r.viaContactId && !existing.some((k) => k.id === r.viaContactId)) fields[`contacts.${i}.viaContactId`] = 'not_found';
    if (r.residentId === c.resident_id) fields[`contacts.${i}.residentId`] = 'is_case';
    else if (!people.has(r.residentId)) {
      const person = await residents.findResident(ctx.db, ctx.actor.scope, r.residentId);
      if (!person || person.merged_into) fields[`contacts.${i}.residentId`] = 'not_found';
      else people.set(r.residentId, person);
    }
  }
  if (notIdentified.length) {
    throw ruleViolation('TRACING_LEVEL_NOT_IDENTIFIED', { levels: [...new Set(notIdentified)].join(', '), set: set.name[ctx.lang] }, fields);
  }
  if (Object.keys(fields).length) throw badRequest('VALIDATION_FAILED', {}, fields);

  const items = [];
  for (const input of foldBatch(b.contacts)) {
    const person = people.get(input.residentId)!;
    items.push(await addOne(ctx, c, set, hours.get(input.level)!, input, person));
  }
  const rows = await repo.contactsOf(ctx.db, caseId);
  return {
    items: items.map((o) => ({ ...o, contact: toContactItem(rows.find((k) => k.id === o.id)!) })),
  };
}

async function addOne(
  ctx: monitoring.MCtx,
  c: repo.CaseRow,
  set: Awaited<ReturnType<typeof setInForceToday>>,
  placeWithinHours: number,
  input: ContactInput,
  person: { id: number; name: string; area_id: number; area_path: string },
) {
  // The merge first, so a person reported again is judged at their closer level and later exposure.
  const old = await repo.contactOnCase(ctx.db, c.id, person.id);
  const merged = old ? mergeInput({ ...input, level: old.level, lastExposureOn: old.last_exposure_on, certainty: old.certainty }, input) : input;

  // The measure: what the set gives this level from the last exposure, unless a measure at least as strict is running.
  const decision = evaluate(set, { contactType: merged.level, exposedOn: merged.lastExposureOn }, ctx.today);
  let outcome: Outcome = 'none';
  let measureId: number | null = null;
  let ruleVersion = decision.ruleVersion;
  if (decision.measure !== 'none') {
    const live = await monitoring.liveMeasureOf(ctx.db, person.id);
    if (live && isAtLeastAsStrict(live.kind as MeasureKind, decision.measure)) {
      outcome = 'kept_stricter';
      measureId = live.id;
    } else if (live) {
      outcome = 'weaker_open';
    } else {
      const proposed = await monitoring.propose(ctx, { residentId: person.id, situation: { contactType: merged.level, exposedOn: merged.lastExposureOn } });
      outcome = proposed.measure ? 'proposed' : 'none';
      measureId = proposed.measure?.id ?? null;
      ruleVersion = proposed.decision.ruleVersion;
    }
  }
  const warnings: 'exposure_after_isolation'[] = c.isolated_on && merged.lastExposureOn > c.isolated_on ? ['exposure_after_isolation'] : [];
  const fields = { ...merged, measureId, ruleVersion };

  // Two requests adding the same person to a case at once: the second's insert meets the first's row (the
  // lock finds no row to lock before it exists) and is run again, now merging into it.
  const write = () =>
    ctx.db.tx(async (tx) => {
      const locked = await repo.contactOnCase(tx, c.id, person.id, true);
      let id: number;
      if (locked) {
        id = locked.id;
        await repo.updateContact(tx, id, fields);
      } else {
        id = await repo.insertContact(
          tx,
          { caseId: c.id, residentId: person.id, areaId: person.area_id, areaPath: person.area_path, by: ctx.actor.userId },
          fields,
        );
      }
      // One open task per contact: a merge keeps the task already given.
      if (!locked?.task_id) {
        const [taskId] = await tasks.createTasks(tx, [
          {
            type: 'trace_contact',
            title: `流调排查（${LEVEL_NAMES[merged.level].zh}）：${person.name}，${placeWithinHours} 小时内找到并落实管控`,
            titleKey: 'traceContact',
            titleParams: { name: person.name, hours: placeWithinHours, level: merged.level },
            subjectKind: 'tracing_contact',
            subjectId: id,
            areaId: person.area_id,
            areaPath: person.area_path,
            assigneeRole: 'grid_worker',
            dueAt: new Date(Date.now() + placeWithinHours * 3_600_000),
            priority: merged.level === 'close' ? 'urgent' : 'high',
            createdBy: ctx.actor.userId,
          },
        ]);
        await repo.setContactTask(tx, id, taskId);
      }
      await audit(tx, ctx, {
        action: locked ? 'merge' : 'add',
        entity: 'tracing_contact',
        entityId: id,
        areaPath: person.area_path,
        before: locked ? { level: locked.level, lastExposureOn: locked.last_exposure_on } : undefined,
        after: { caseId: c.id, residentId: person.id, level: merged.level, lastExposureOn: merged.lastExposureOn, measure: outcome, measureId, ruleVersion },
      });
      return id;
    });
  const id = await write().catch((e) => {
    if (isUniqueViolation(e)) return write();
    throw e;
  });
  return { id, merged: !!old, measure: outcome, warnings };
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
