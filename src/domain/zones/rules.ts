import { RISK_LEVELS, type RiskLevel, addDays, daysBetween } from '../policy/rules';

/**
 * Risk zones (风险区域, issue 16 point 6) as data: the levels a rule set knows and the rules that lower or lift a
 * zone. Pure, shared with the web (the countdown and the blocking rule are computed by the same code the server
 * refuses a lift with).
 */
export type Names = { zh: string; en: string };
/** A zone's level: a code the arrivals' risk-area lookup knows (so a zone feeds it), named and ranked by the set. */
export type ZoneLevelCode = Exclude<RiskLevel, 'none'>;
export const ZONE_LEVEL_CODES = RISK_LEVELS.filter((l): l is ZoneLevelCode => l !== 'none');

export interface ZoneLevel {
  code: ZoneLevelCode;
  name: Names;
  /** Higher is stricter. */
  rank: number;
}

/** A zone at `from` may go to `to` (null: lifted) after `quietDays` without a new case, and a round on day `roundOnDay`. */
export interface LiftRule {
  code: string;
  from: ZoneLevelCode;
  to: ZoneLevelCode | null;
  quietDays: number;
  /** The round over the zone must start on or after this day of the quiet period (null: no round needed). */
  roundOnDay: number | null;
  name: Names;
}

export interface ZoneRuleSet {
  id?: number;
  code: string;
  version: number;
  name: Names;
  effectiveFrom: string;
  levels: ZoneLevel[];
  lifting: LiftRule[];
  /** The green channel's target: minutes from a request to a response. */
  greenChannelMinutes: number;
}

/** The set in force on a day: the latest start on or before it, then the highest version. */
export function zoneSetInForce<S extends ZoneRuleSet>(sets: S[], day: string): S | null {
  let best: S | null = null;
  for (const s of sets) {
    if (s.effectiveFrom > day) continue;
    if (!best || s.effectiveFrom > best.effectiveFrom || (s.effectiveFrom === best.effectiveFrom && s.version > best.version)) best = s;
  }
  return best;
}

export const ruleRef = (set: Pick<ZoneRuleSet, 'code' | 'version'>, rule: Pick<LiftRule, 'code'>) => `${set.code}@${set.version}#${rule.code}`;

/** What the zone's testing rounds say, as the sampling module reports them over the zone's area. */
export interface RoundEvidence {
  roundId: number;
  name: string;
  startsOn: string;
  /** People due inside the zone (rostered, not exempt) and sampled; tubes inside it still without a result. */
  due: number;
  sampled: number;
  awaiting: number;
  /** Tubes holding someone inside the zone found positive (or invalid: not a negative). */
  notNegative: number;
}

export const roundComplete = (r: RoundEvidence) => r.due > 0 && r.sampled >= r.due && r.awaiting === 0;

export interface LiftEvidence {
  /** The day the current level runs from. */
  levelSince: string;
  /** The latest day a new case inside the zone was reported on or after `levelSince`, if any. */
  lastCaseOn: string | null;
  rounds: RoundEvidence[];
}

export type Blocker =
  | { kind: 'no_rule' }
  | { kind: 'days'; dueOn: string; daysLeft: number }
  | { kind: 'no_round'; fromOn: string }
  | { kind: 'round_incomplete'; round: RoundEvidence }
  | { kind: 'round_positive'; round: RoundEvidence };

export interface LiftCheck {
  rule: LiftRule | null;
  /** The quiet period starts here: the level's start or the last new case, whichever is later. */
  clockFrom: string;
  /** The day the quiet period is over (null: no rule). */
  dueOn: string | null;
  daysLeft: number;
  /** A round must start on or after this day (null: none needed). */
  roundFromOn: string | null;
  /** The round the check read: a complete all-negative one if any, else the latest that qualifies by date. */
  round: RoundEvidence | null;
  blockers: Blocker[];
  allowed: boolean;
}

/**
 * May a zone at `level` be lowered or lifted today, and if not, what blocks it. Every blocker is listed (the
 * screen shows them all), the first names the refusal. The countdown never goes below zero.
 */
export function evaluateLift(set: ZoneRuleSet, level: ZoneLevelCode, ev: LiftEvidence, today: string): LiftCheck {
  const clockFrom = ev.lastCaseOn && ev.lastCaseOn > ev.levelSince ? ev.lastCaseOn : ev.levelSince;
  const rule = set.lifting.find((r) => r.from === level) ?? null;
  if (!rule) return { rule, clockFrom, dueOn: null, daysLeft: 0, roundFromOn: null, round: null, blockers: [{ kind: 'no_rule' }], allowed: false };
  const blockers: Blocker[] = [];
  const dueOn = addDays(clockFrom, rule.quietDays);
  const daysLeft = Math.max(0, daysBetween(today, dueOn));
  if (daysLeft > 0) blockers.push({ kind: 'days', dueOn, daysLeft });
  let round: RoundEvidence | null = null;
  let roundFromOn: string | null = null;
  if (rule.roundOnDay !== null) {
    roundFromOn = addDays(clockFrom, rule.roundOnDay);
    const from = roundFromOn;
    const eligible = ev.rounds.filter((r) => r.startsOn >= from && r.startsOn <= today).sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
    round = eligible.find((r) => roundComplete(r) && r.notNegative === 0) ?? eligible[0] ?? null;
    if (!round) blockers.push({ kind: 'no_round', fromOn: roundFromOn });
    else if (round.notNegative > 0) blockers.push({ kind: 'round_positive', round });
    else if (!roundComplete(round)) blockers.push({ kind: 'round_incomplete', round });
  }
  return { rule, clockFrom, dueOn, daysLeft, roundFromOn, round, blockers, allowed: blockers.length === 0 };
}

/** Why a lift is blocked, in words (the refusal's message and the list's column say the same). */
export function blockerText(b: Blocker, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  switch (b.kind) {
    case 'no_rule':
      return zh ? '现行规则没有此等级的解除条件' : 'the rules in force have no way down from this level';
    case 'days':
      return zh ? `还需 ${b.daysLeft} 天无新增（${b.dueOn} 起）` : `${b.daysLeft} more day(s) without a new case (from ${b.dueOn})`;
    case 'no_round':
      return zh ? `需要 ${b.fromOn} 或之后开始的区域全员核酸` : `a testing round over the zone starting on or after ${b.fromOn} is needed`;
    case 'round_incomplete':
      return zh
        ? `核酸轮次「${b.round.name}」尚未完成（已采 ${b.round.sampled}/${b.round.due}，待出结果 ${b.round.awaiting} 管）`
        : `the round "${b.round.name}" is not complete (${b.round.sampled}/${b.round.due} sampled, ${b.round.awaiting} tube(s) awaiting results)`;
    case 'round_positive':
      return zh
        ? `核酸轮次「${b.round.name}」有 ${b.round.notNegative} 管非阴性`
        : `the round "${b.round.name}" has ${b.round.notNegative} tube(s) not negative`;
  }
}

/** The level a zone may be raised or declared at must be the set's; a raise must be stricter than the level now. */
export const levelOf = (set: ZoneRuleSet, code: string) => set.levels.find((l) => l.code === code) ?? null;
