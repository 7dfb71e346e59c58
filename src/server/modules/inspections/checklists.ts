import type { z } from 'zod';
import { checklistProblems } from '../../../domain/inspections/checklist';
import type { TargetKind } from '../../../domain/inspections/kinds';
import type { checklistBody } from '../../../domain/inspections/schemas';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { conflict, isUniqueViolation, ruleViolation } from '../../platform/errors';
import { mustBeRoot } from '../../platform/scope';
import * as repo from './repo';
import { toChecklist } from './view';

/** Checklists as data (督导检查表): read by anyone who inspects, saved as a new version from the top of the tree only. */
export async function listChecklists(ctx: Ctx, kind?: TargetKind) {
  return { items: (await repo.checklists(ctx.db, kind)).map(toChecklist) };
}

/** A checklist whose weights make no sense is refused with why (the first problem's code, every problem's field). */
export async function saveChecklist(ctx: Ctx, b: z.infer<typeof checklistBody>) {
  mustBeRoot(ctx.actor.scope, 'INSPECTIONS_CHECKLIST_ROOT');
  const problems = checklistProblems(b);
  if (problems.length) {
    const fields: Record<string, string> = {};
    for (const p of problems) {
      if (p.kind === 'no_items') fields.items = 'empty';
      else if (p.kind === 'pass_score') fields.passScore = 'out_of_range';
      else fields[`items.${p.item - 1}.${p.kind === 'weight' ? 'weight' : 'code'}`] = p.kind === 'weight' ? 'not_positive' : 'repeated';
    }
    const first = problems[0];
    if (first.kind === 'no_items') throw ruleViolation('INSPECTIONS_CHECKLIST_EMPTY', {}, fields);
    if (first.kind === 'pass_score') throw ruleViolation('INSPECTIONS_CHECKLIST_PASS_SCORE', {}, fields);
    const same = problems.filter((p) => p.kind === first.kind).map((p) => ('item' in p ? p.item : 0));
    throw ruleViolation(first.kind === 'weight' ? 'INSPECTIONS_CHECKLIST_WEIGHT' : 'INSPECTIONS_CHECKLIST_CODE_TWICE', { items: same.join(', ') }, fields);
  }
  try {
    const id = await ctx.db.tx(async (tx) => {
      const made = await repo.insertChecklist(tx, { kind: b.targetKind, name: b.name, passScore: b.passScore, items: b.items, by: ctx.actor.userId });
      await audit(tx, ctx, {
        action: 'publish',
        entity: 'inspection_checklist',
        entityId: made.id,
        areaPath: null,
        after: { targetKind: b.targetKind, version: made.version, name: b.name, passScore: b.passScore, items: b.items.length },
      });
      return made.id;
    });
    const row = await repo.checklistById(ctx.db, id);
    return toChecklist(row!);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('INSPECTIONS_CHECKLIST_RACE');
    throw e;
  }
}

export const getPolicy = (ctx: Ctx) => repo.policy(ctx.db);
