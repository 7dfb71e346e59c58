/**
 * The monitoring pages' types, all taken from the route contracts (domain/monitoring/api.ts,
 * domain/policy/api.ts): no shape is written twice. Screening's arrival page reads Decision and Measure here too.
 */
import type { MeasureState } from '../../../domain/monitoring/measures';
import type { MeasureKind, Rule, Situation, Symptom } from '../../../domain/policy/rules';

export type { FeverAlert, FollowUp, HistoryEntry, Measure, Room, Site } from '../../../domain/monitoring/api';
export type { DecisionView as Decision, PolicySetView } from '../../../domain/policy/api';
export type { MeasureKind, MeasureState, Rule, Situation, Symptom };
