import { type LiftCheck, type ZoneLevelCode, type ZoneRuleSet, blockerText, evaluateLift, ruleRef, zoneSetInForce } from '../../../domain/zones/rules';
import type { Queryable } from '../../db/engine';
import type { Lang } from '../../platform/messages';
import { ruleViolation } from '../../platform/errors';
import { roundsOverZone } from '../sampling';
import { newCasesInZones } from '../tracing';
import * as repo from './repo';

/**
 * The evidence a zone's lifting reads, through the owners' faces — new cases inside (tracing), the rounds over it
 * (sampling) — and the pure check of src/domain/zones/rules.ts over it. The same check answers the list's countdown
 * and refuses a lift, so the screen and the refusal never disagree.
 */
export type SetWithId = ZoneRuleSet & { id: number };

export async function setInForce(db: Queryable, on: string): Promise<SetWithId> {
  const set = zoneSetInForce(await repo.ruleSets(db), on);
  if (!set) throw ruleViolation('NO_ZONE_POLICY', { on });
  return set;
}

export interface ZoneEvidence {
  newCases: number;
  lastCaseOn: string | null;
  rounds: Awaited<ReturnType<typeof roundsOverZone>>;
  check: LiftCheck;
}

/** Evidence and check for active zones (one statement for the cases of all of them, one per zone for its rounds). */
export async function evidenceOf(db: Queryable, set: ZoneRuleSet, zones: repo.ZoneRow[], today: string): Promise<Map<number, ZoneEvidence>> {
  const live = zones.filter((z) => z.status === 'active');
  const cases = await newCasesInZones(
    db,
    live.map((z) => ({ path: z.area_path, since: z.level_since })),
  );
  const rounds = await Promise.all(live.map((z) => roundsOverZone(db, z.area_path, z.level_since)));
  const out = new Map<number, ZoneEvidence>();
  live.forEach((z, i) => {
    const ev = { levelSince: z.level_since, lastCaseOn: cases[i].lastOn, rounds: rounds[i] };
    out.set(z.id, { newCases: cases[i].count, lastCaseOn: cases[i].lastOn, rounds: rounds[i], check: evaluateLift(set, z.level as ZoneLevelCode, ev, today) });
  });
  return out;
}

/** The check as the answer carries it: the rule's reference and each blocker in words. */
export function liftView(set: ZoneRuleSet, c: LiftCheck, lang: Lang) {
  return {
    rule: c.rule,
    ruleRef: c.rule ? ruleRef(set, c.rule) : null,
    clockFrom: c.clockFrom,
    dueOn: c.dueOn,
    daysLeft: c.daysLeft,
    roundFromOn: c.roundFromOn,
    round: c.round,
    allowed: c.allowed,
    blockers: c.blockers.map((b) => ({ kind: b.kind, text: blockerText(b, lang) })),
  };
}
