import type { Decision, MeasureKind } from '../policy/rules';
import type { MeasureState } from './measures';

/**
 * A running measure upgraded in place to a stricter one (a person under home monitoring becomes a close contact):
 * one measure, one follow-up schedule, no gap between the weaker one ending and the stronger one starting. The
 * stricter kind, its end, its follow-up times and its test days come from the new decision; a measure already
 * started keeps its start; what the weaker one still owed past the new end (its own period, its next steps) is kept
 * as next steps, so upgrading never shortens anything. A measure awaiting release becomes active again.
 */
export type Step = { measure: MeasureKind; startsOn: string; endsOn: string };

export interface RunningMeasure {
  kind: MeasureKind;
  state: MeasureState;
  startsOn: string;
  endsOn: string;
  testDates: string[];
  nextSteps: Step[];
}

export interface Upgraded {
  kind: MeasureKind;
  state: MeasureState;
  startsOn: string;
  endsOn: string;
  testDates: string[];
  followUpsPerDay: number;
  followUpTimes: string[];
  nextSteps: Step[];
}

const STARTED: MeasureState[] = ['active', 'release_check'];

export function upgradedMeasure(old: RunningMeasure, d: Decision, today: string): Upgraded {
  if (d.measure === 'none' || !d.startsOn || !d.endsOn) throw new Error('an upgrade needs a measure');
  const started = STARTED.includes(old.state);
  const nextSteps: Step[] = d.steps.slice(1);
  const lastEnd = [d.endsOn, ...nextSteps.map((s) => s.endsOn)].reduce((a, b) => (a > b ? a : b));
  for (const s of [{ measure: old.kind, startsOn: old.startsOn, endsOn: old.endsOn }, ...old.nextSteps]) {
    if (s.endsOn <= lastEnd) continue;
    // A step starts on the day the one before it ends, as the policy's steps do (rules.ts `evaluate`).
    const startsOn = s.startsOn > lastEnd ? s.startsOn : lastEnd;
    const prev = nextSteps[nextSteps.length - 1];
    // The weaker kind carried on from where the stronger ends, one step per kind (never two overlapping).
    if (prev && prev.measure === s.measure && prev.endsOn >= startsOn) prev.endsOn = s.endsOn > prev.endsOn ? s.endsOn : prev.endsOn;
    else nextSteps.push({ measure: s.measure, startsOn, endsOn: s.endsOn });
  }
  const testDates = [...new Set([...d.testDates, ...old.testDates.filter((t) => t >= today)])].sort();
  return {
    kind: d.measure,
    state: old.state === 'release_check' ? 'active' : old.state,
    startsOn: started ? old.startsOn : d.startsOn,
    endsOn: d.endsOn,
    testDates,
    followUpsPerDay: d.followUpsPerDay,
    followUpTimes: d.followUpTimes,
    nextSteps,
  };
}
