import type { CodeColour, RiskLevel } from '../policy/rules';
import type { CrossingDecision, Direction } from './kinds';

/**
 * The decision at a checkpoint, by policy (as data, like the control rules): an ordered list of rules, the
 * first matching wins, the last one catches all. The person recording may choose a stricter decision than the
 * policy's (turn back where policy lets through), never a milder one.
 */
export interface CrossingSituation {
  direction: Direction;
  /** Someone at or above the policy's fever threshold. */
  feverish: boolean;
  /** The worst health-code colour among the people. */
  codeColour: CodeColour | null;
  /** The origin's level in the risk-area list on the day. */
  originRiskLevel: RiskLevel;
  /** Coming from outside the county. */
  fromOutside: boolean;
  /** Everyone is in the county's registry (a returnee, not a visitor). */
  allRegistered: boolean;
}

export interface CrossingRule {
  code: string;
  when: {
    direction?: Direction;
    feverish?: boolean;
    codeColours?: CodeColour[];
    originRiskLevels?: RiskLevel[];
    fromOutside?: boolean;
    allRegistered?: boolean;
  };
  decision: CrossingDecision;
}

const RISKY: RiskLevel[] = ['high', 'medium', 'lockdown', 'control'];

export const CROSSING_RULES: CrossingRule[] = [
  // Fever or a red code: handed to the health side for a measure, wherever they go.
  { code: 'fever', when: { feverish: true }, decision: 'handed_over' },
  { code: 'red-code', when: { codeColours: ['red', 'purple'] }, decision: 'handed_over' },
  // From a risk area: our own people come home under a measure; others are turned back (劝返).
  { code: 'risk-returnee', when: { direction: 'in', originRiskLevels: RISKY, allRegistered: true }, decision: 'handed_over' },
  { code: 'risk-visitor', when: { direction: 'in', originRiskLevels: RISKY }, decision: 'turned_back' },
  { code: 'amber-code', when: { codeColours: ['yellow', 'orange'] }, decision: 'turned_back' },
  // From outside the county: registered, then through (a returnee also becomes an arrival).
  { code: 'from-outside', when: { direction: 'in', fromOutside: true }, decision: 'registered' },
  { code: 'default', when: {}, decision: 'let_through' },
];

function matches(r: CrossingRule, s: CrossingSituation): boolean {
  const w = r.when;
  if (w.direction !== undefined && w.direction !== s.direction) return false;
  if (w.feverish !== undefined && w.feverish !== s.feverish) return false;
  if (w.codeColours && !(s.codeColour && w.codeColours.includes(s.codeColour))) return false;
  if (w.originRiskLevels && !w.originRiskLevels.includes(s.originRiskLevel)) return false;
  if (w.fromOutside !== undefined && w.fromOutside !== s.fromOutside) return false;
  if (w.allRegistered !== undefined && w.allRegistered !== s.allRegistered) return false;
  return true;
}

export function decideCrossing(s: CrossingSituation, rules: CrossingRule[] = CROSSING_RULES): { decision: CrossingDecision; rule: string } {
  const r = rules.find((x) => matches(x, s));
  return r ? { decision: r.decision, rule: r.code } : { decision: 'let_through', rule: 'none' };
}

/** How strict a decision is: the recorder may only move up this scale. */
const STRICTNESS: Record<CrossingDecision, number> = { let_through: 0, registered: 1, turned_back: 2, handed_over: 3 };
export function isAtLeastAsStrict(chosen: CrossingDecision, policy: CrossingDecision): boolean {
  return STRICTNESS[chosen] >= STRICTNESS[policy];
}

const COLOUR_ORDER: CodeColour[] = ['green', 'yellow', 'orange', 'red', 'purple'];
export function worstColour(colours: (CodeColour | null | undefined)[]): CodeColour | null {
  let worst: CodeColour | null = null;
  for (const c of colours) if (c && (!worst || COLOUR_ORDER.indexOf(c) > COLOUR_ORDER.indexOf(worst))) worst = c;
  return worst;
}
