import type { Severity } from './kinds';

/**
 * A checklist is data: items with weights, some critical (一票否决). Each save is a new version; an inspection
 * keeps the version it used, so a later edit never changes an old score.
 */
export interface ChecklistItem {
  /** Short and unique within the list: results and rectification orders name the item by it across versions. */
  code: string;
  text: string;
  weight: number;
  severity: Severity;
}

export interface ChecklistDraft {
  name: string;
  passScore: number;
  items: ChecklistItem[];
}

export type ChecklistProblem =
  | { kind: 'no_items' }
  | { kind: 'weight'; item: number; code: string }
  | { kind: 'duplicate_code'; item: number; code: string }
  | { kind: 'pass_score' };

/** Why a draft cannot be saved: no items, a weight that is not a positive number, a code used twice, a pass mark outside 0–100. */
export function checklistProblems(d: ChecklistDraft): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  if (d.items.length === 0) out.push({ kind: 'no_items' });
  const seen = new Set<string>();
  d.items.forEach((it, i) => {
    if (!Number.isFinite(it.weight) || it.weight <= 0) out.push({ kind: 'weight', item: i + 1, code: it.code });
    if (seen.has(it.code)) out.push({ kind: 'duplicate_code', item: i + 1, code: it.code });
    seen.add(it.code);
  });
  if (!Number.isFinite(d.passScore) || d.passScore < 0 || d.passScore > 100) out.push({ kind: 'pass_score' });
  return out;
}

export interface ItemResult {
  code: string;
  passed: boolean;
}

export interface Score {
  /** 100 × passed weight ÷ all weight, to one decimal. */
  rawScore: number;
  /** The score that counts: 0 when a critical item failed (一票否决), else the raw score. */
  score: number;
  vetoed: boolean;
  passed: boolean;
  failed: string[];
}

/** Codes of the checklist not answered, and answers to codes it does not have. */
export function answerProblems(items: ChecklistItem[], results: ItemResult[]): { missing: string[]; unknown: string[]; twice: string[] } {
  const codes = new Set(items.map((i) => i.code));
  const given = new Map<string, number>();
  for (const r of results) given.set(r.code, (given.get(r.code) ?? 0) + 1);
  return {
    missing: items.filter((i) => !given.has(i.code)).map((i) => i.code),
    unknown: [...given.keys()].filter((c) => !codes.has(c)),
    twice: [...given].filter(([, n]) => n > 1).map(([c]) => c),
  };
}

/** Scores a complete set of answers (checked by answerProblems first). */
export function scoreInspection(list: { items: ChecklistItem[]; passScore: number }, results: ItemResult[]): Score {
  const passedCodes = new Set(results.filter((r) => r.passed).map((r) => r.code));
  const total = list.items.reduce((s, i) => s + i.weight, 0);
  const got = list.items.reduce((s, i) => s + (passedCodes.has(i.code) ? i.weight : 0), 0);
  const rawScore = total > 0 ? Math.round((1000 * got) / total) / 10 : 0;
  const failed = list.items.filter((i) => !passedCodes.has(i.code));
  const vetoed = failed.some((i) => i.severity === 'critical');
  const score = vetoed ? 0 : rawScore;
  return { rawScore, score, vetoed, passed: !vetoed && score >= list.passScore, failed: failed.map((i) => i.code) };
}
