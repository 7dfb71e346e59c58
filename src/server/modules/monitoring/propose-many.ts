import type { Decision } from '../../../domain/policy/rules';
import type { Queryable } from '../../db/engine';
import { type AuditEvent, auditActorOf, auditMany } from '../../platform/audit';
import type { MCtx } from './service';
import { LIVE_STATES } from './measures-repo';

/**
 * Many measures proposed at once, inside the caller's transaction (a case's line list of contacts): one statement
 * writes them all and one their audit rows, where `propose` takes a dozen round trips per person. The caller has
 * decided each measure already from the rule set in force (the pure `evaluate`), read the people in scope and
 * checked that none is under a live measure; a person who gained one meanwhile is skipped (not doubled) and
 * answered without an id. At home, no worker or doctor named: those are set when the measure is confirmed.
 */
export interface ProposeItem {
  resident: { id: number; area_id: number; area_path: string };
  situation: Record<string, unknown>;
  decision: Decision;
}

/**
 * `auditInto`: the caller's list to add the measures' audit rows to, written with its own rows in one statement at
 * the end of its transaction (the audit chain's lock is then held only from that statement to the commit).
 */
export async function proposeMany(tx: Queryable, ctx: MCtx, items: readonly ProposeItem[], auditInto?: AuditEvent[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const rows = items.filter((i) => i.decision.measure !== 'none');
  if (!rows.length) return out;
  const state = ctx.autoConfirm ? 'confirmed' : 'proposed';
  const inserted = await tx.query<{ id: number; resident_id: number; area_path: string }>(
    `INSERT INTO measures (resident_id, area_id, area_path, kind, place, starts_on, ends_on, policy_set_id, rule_version, situation, test_dates,
       follow_ups_per_day, follow_up_times, next_steps, created_by, state)
     SELECT x.resident_id, x.area_id, x.area_path, x.kind, 'home', x.starts_on, x.ends_on, x.policy_set_id, x.rule_version, x.situation,
            ARRAY(SELECT jsonb_array_elements_text(x.test_dates))::date[], x.follow_ups_per_day,
            ARRAY(SELECT jsonb_array_elements_text(x.follow_up_times)), x.next_steps, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS x(resident_id int, area_id int, area_path text, kind text, starts_on date, ends_on date,
              policy_set_id int, rule_version text, situation jsonb, test_dates jsonb, follow_ups_per_day int, follow_up_times jsonb, next_steps jsonb)
      WHERE NOT EXISTS (SELECT 1 FROM measures m WHERE m.resident_id = x.resident_id AND m.state = ANY($4::text[]))
     RETURNING id, resident_id, area_path`,
    [
      JSON.stringify(
        rows.map((i) => ({
          resident_id: i.resident.id,
          area_id: i.resident.area_id,
          area_path: i.resident.area_path,
          kind: i.decision.measure,
          starts_on: i.decision.startsOn,
          ends_on: i.decision.endsOn,
          policy_set_id: i.decision.set.id,
          rule_version: i.decision.ruleVersion,
          situation: i.situation,
          test_dates: i.decision.testDates,
          follow_ups_per_day: i.decision.followUpsPerDay,
          follow_up_times: i.decision.followUpTimes,
          next_steps: i.decision.steps.slice(1),
        })),
      ),
      ctx.actor.userId,
      state,
      LIVE_STATES,
    ],
  );
  const byResident = new Map(rows.map((i) => [i.resident.id, i.decision]));
  const events = inserted.flatMap((m) => {
    out.set(m.resident_id, m.id);
    const d = byResident.get(m.resident_id)!;
    const proposed = {
      action: 'propose' as const,
      entity: 'measure' as const,
      entityId: m.id,
      areaPath: m.area_path,
      after: { kind: d.measure, ruleVersion: d.ruleVersion, startsOn: d.startsOn, endsOn: d.endsOn, place: 'home', siteId: null, roomId: null },
    };
    const confirmed = {
      action: 'confirm' as const,
      entity: 'measure' as const,
      entityId: m.id,
      areaPath: m.area_path,
      before: { state: 'proposed' },
      after: { state: 'confirmed', automatic: true },
    };
    return ctx.autoConfirm ? [proposed, confirmed] : [proposed];
  });
  if (auditInto) auditInto.push(...events);
  else await auditMany(tx, auditActorOf(ctx), events);
  return out;
}
