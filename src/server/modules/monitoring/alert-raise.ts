import { type PolicySet, type Symptom, isAlert } from '../../../domain/policy/rules';
import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import * as policyRepo from '../policy';
import * as tasks from '../tasks';
import * as repo from './repo';

/**
 * Raising a fever alert, written once for every reading that can find a fever: a follow-up of a person under a
 * measure, and a door-to-door visit (screening, through this module's face). The alert row, its urgent tasks
 * (command center, grid worker, village doctor) due within the policy's `alertDueMinutes`, and its audit row —
 * all in the caller's transaction.
 */

export type AlertPolicy = Pick<PolicySet, 'feverThreshold' | 'alertSymptoms' | 'alertDueMinutes'>;

/** Used when no published set covers the day. */
const FALLBACK: AlertPolicy = { feverThreshold: 37.3, alertSymptoms: ['fever'] as Symptom[], alertDueMinutes: 30 };

/** The alert rules of a set (a measure's), else of the set in force today, else 37.3 °C and 30 minutes. Read before the transaction. */
export async function alertPolicy(ctx: Ctx, setId: number | null = null): Promise<AlertPolicy> {
  if (setId === null) return (await policyRepo.alertRulesOn(ctx.db, ctx.today)) ?? FALLBACK;
  const sets = await policyRepo.publishedSets(ctx.db);
  const set = sets.find((s) => s.id === setId) ?? sets.find((s) => s.effectiveFrom <= ctx.today && (!s.effectiveTo || ctx.today <= s.effectiveTo));
  return set ? { feverThreshold: set.feverThreshold, alertSymptoms: set.alertSymptoms, alertDueMinutes: set.alertDueMinutes } : FALLBACK;
}

/** A reading at or above the threshold, or with an alerting symptom. */
export function mustAlert(policy: AlertPolicy, temperature: number | null | undefined, symptoms: string[]): boolean {
  return isAlert(policy, temperature, symptoms);
}

export interface AlertSource {
  /** The follow-up whose reading raised it: its id and due time (the key of a month-partitioned table). */
  followUp?: { id: number; dueAt: string };
  measureId?: number;
  /** The door-to-door visit that raised it: its id and time (the key of a month-partitioned table). */
  visit?: { id: number; at: string };
  householdId?: number;
  residentId?: number | null;
  /** Who, for the tasks' title: the person's name, or the household's address. */
  name: string;
  areaId: number;
  areaPath: string;
  temperature: number | null;
  symptoms: string[];
}

/**
 * Who is told, besides the command center (role `command` at the area): the grid worker (a named user, else
 * the role at the area), who sees it through even when they recorded it, and the village doctor (likewise),
 * unless the doctor recorded the reading and is looking at it already.
 */
export interface AlertRecipients {
  gridWorkerId: number | null;
  doctorId: number | null;
}

/** A reading without a temperature is an alerting symptom: its own title, not a Chinese word inside the parameters. */
function alertTitle(a: AlertSource): Pick<tasks.NewTask, 'titleKey' | 'titleParams'> {
  if (a.temperature === null) return { titleKey: 'feverAlertSymptoms', titleParams: { name: a.name } };
  return { titleKey: 'feverAlert', titleParams: { name: a.name, temperature: a.temperature.toFixed(1) } };
}

export async function raiseFeverAlert(tx: Queryable, ctx: Ctx, policy: AlertPolicy, a: AlertSource, to: AlertRecipients): Promise<number> {
  const alertId = await repo.insertAlert(tx, {
    followUp: a.followUp ?? null,
    measureId: a.measureId ?? null,
    visit: a.visit ?? null,
    householdId: a.householdId ?? null,
    residentId: a.residentId ?? null,
    areaId: a.areaId,
    areaPath: a.areaPath,
    temperature: a.temperature,
    symptoms: a.symptoms,
  });
  const reading = a.temperature !== null ? `${a.temperature.toFixed(1)}℃` : '有症状';
  const common = {
    type: 'fever_alert',
    title: `发热预警：${a.name} ${reading}`.slice(0, 200),
    ...alertTitle(a),
    subjectKind: 'fever_alert',
    subjectId: alertId,
    areaId: a.areaId,
    areaPath: a.areaPath,
    dueAt: new Date(Date.now() + policy.alertDueMinutes * 60_000),
    priority: 'urgent',
    createdBy: ctx.actor.userId,
  };
  const me = ctx.actor.userId;
  await tasks.createTasks(tx, [
    { ...common, assigneeRole: 'command' },
    to.gridWorkerId ? { ...common, assigneeUserId: to.gridWorkerId } : { ...common, assigneeRole: 'grid_worker' },
    ...(to.doctorId === me ? [] : [to.doctorId ? { ...common, assigneeUserId: to.doctorId } : { ...common, assigneeRole: 'doctor' }]),
  ]);
  await audit(tx, ctx, {
    action: 'raise',
    entity: 'fever_alert',
    entityId: alertId,
    areaPath: a.areaPath,
    after: { followUpId: a.followUp?.id ?? null, visitId: a.visit?.id ?? null, temperature: a.temperature, symptoms: a.symptoms },
  });
  return alertId;
}
