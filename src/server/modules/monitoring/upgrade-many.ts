import type { Decision, MeasureKind } from '../../../domain/policy/rules';
import type { MeasureState } from '../../../domain/monitoring/measures';
import { type Step, upgradedMeasure } from '../../../domain/monitoring/upgrade';
import type { Queryable } from '../../db/engine';
import { auditActorOf, auditMany } from '../../platform/audit';
import * as tasks from '../tasks';
import { WINDOW_MINUTES, generateFollowUps } from './follow-ups-repo';
import { LIVE_STATES } from './measures-repo';
import { type MCtx, followUpsUntil } from './service';

/**
 * Weaker running measures upgraded in place to the stricter ones the caller decided (a case's contacts already under
 * home monitoring), inside the caller's transaction: the rule is `upgradedMeasure` (domain). Each measure is locked
 * and skipped unless it is still live and still of the kind the caller saw (someone changed it meanwhile: theirs
 * stands). A started measure's schedule follows in place: the follow-ups not yet due that the new times or end no
 * longer call for are cancelled, those it calls for are (re)scheduled, so nobody is followed up twice at one time.
 * A measure awaiting release is active again and its release-check task closed. One audit row per measure.
 */
export interface UpgradeItem {
  measureId: number;
  /** The kind the caller read: the upgrade applies only to it. */
  fromKind: string;
  situation: Record<string, unknown>;
  decision: Decision;
}

interface Locked {
  id: number;
  kind: MeasureKind;
  state: MeasureState;
  starts_on: string;
  ends_on: string;
  test_dates: string[];
  next_steps: Step[];
  area_path: string;
}

export async function upgradeMany(tx: Queryable, ctx: MCtx, items: readonly UpgradeItem[]): Promise<Set<number>> {
  const done = new Set<number>();
  if (!items.length) return done;
  const locked = await tx.query<Locked>(
    `SELECT id, kind, state, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
            ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(test_dates) AS d) AS test_dates, next_steps, area_path
       FROM measures WHERE id = ANY($1::int[]) AND state = ANY($2::text[]) ORDER BY id FOR UPDATE`,
    [items.map((i) => i.measureId), LIVE_STATES],
  );
  const byId = new Map(locked.map((m) => [m.id, m]));
  const plans = items.flatMap((i) => {
    const m = byId.get(i.measureId);
    if (!m || m.kind !== i.fromKind) return [];
    const old = { kind: m.kind, state: m.state, startsOn: m.starts_on, endsOn: m.ends_on, testDates: m.test_dates, nextSteps: m.next_steps ?? [] };
    return [{ item: i, m, next: upgradedMeasure(old, i.decision, ctx.today) }];
  });
  if (!plans.length) return done;
  await tx.query(
    `UPDATE measures m SET kind = x.kind, state = x.state, starts_on = x.starts_on, ends_on = x.ends_on,
            test_dates = ARRAY(SELECT jsonb_array_elements_text(x.test_dates))::date[], follow_ups_per_day = x.follow_ups_per_day,
            follow_up_times = ARRAY(SELECT jsonb_array_elements_text(x.follow_up_times)), next_steps = x.next_steps,
            policy_set_id = x.policy_set_id, rule_version = x.rule_version, situation = x.situation, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id int, kind text, state text, starts_on date, ends_on date, test_dates jsonb, follow_ups_per_day int,
              follow_up_times jsonb, next_steps jsonb, policy_set_id int, rule_version text, situation jsonb)
      WHERE m.id = x.id`,
    [
      JSON.stringify(
        plans.map(({ item, m, next }) => ({
          id: m.id,
          kind: next.kind,
          state: next.state,
          starts_on: next.startsOn,
          ends_on: next.endsOn,
          test_dates: next.testDates,
          follow_ups_per_day: next.followUpsPerDay,
          follow_up_times: next.followUpTimes,
          next_steps: next.nextSteps,
          policy_set_id: item.decision.set.id,
          rule_version: item.decision.ruleVersion,
          situation: item.situation,
        })),
      ),
    ],
  );
  const started = plans.filter((p) => p.next.state === 'active' || p.next.state === 'release_check').map((p) => p.m.id);
  if (started.length) await reschedule(tx, ctx, started);
  for (const p of plans.filter((x) => x.m.state === 'release_check')) await tasks.closeForSubject(tx, 'measure', p.m.id, ctx.actor.userId);
  await auditMany(
    tx,
    auditActorOf(ctx),
    plans.map(({ item, m, next }) => ({
      action: 'upgrade' as const,
      entity: 'measure' as const,
      entityId: m.id,
      areaPath: m.area_path,
      before: { kind: m.kind, state: m.state, startsOn: m.starts_on, endsOn: m.ends_on },
      after: {
        kind: next.kind,
        state: next.state,
        startsOn: next.startsOn,
        endsOn: next.endsOn,
        ruleVersion: item.decision.ruleVersion,
        nextSteps: next.nextSteps,
      },
    })),
  );
  for (const p of plans) done.add(p.m.id);
  return done;
}

/** The follow-ups of started measures brought to their new times and end; those already due (or recorded) are left as they are. */
async function reschedule(tx: Queryable, ctx: MCtx, ids: number[]) {
  const inSchedule = `(f.due_at AT TIME ZONE $2::text)::date BETWEEN m.starts_on AND m.ends_on
    AND to_char(f.due_at AT TIME ZONE $2::text, 'HH24:MI') = ANY(m.follow_up_times)`;
  await tx.query(
    `UPDATE follow_ups f SET status = 'cancelled' FROM measures m
      WHERE m.id = f.measure_id AND f.measure_id = ANY($1::int[]) AND f.status = 'scheduled' AND f.due_at > now() AND NOT (${inSchedule})`,
    [ids, ctx.timeZone],
  );
  // A slot cancelled earlier (an end brought forward) that the new schedule calls for again is scheduled again.
  await tx.query(
    `UPDATE follow_ups f SET status = 'scheduled', window_ends_at = f.due_at + make_interval(mins => $3) FROM measures m
      WHERE m.id = f.measure_id AND f.measure_id = ANY($1::int[]) AND f.status = 'cancelled' AND f.recorded_at IS NULL AND f.due_at > now() AND ${inSchedule}`,
    [ids, ctx.timeZone, WINDOW_MINUTES],
  );
  await generateFollowUps(tx, ids, ctx.today, followUpsUntil(ctx), ctx.timeZone);
}
