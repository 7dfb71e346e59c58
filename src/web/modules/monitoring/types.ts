/** Shapes of the monitoring API's JSON (docs/api-monitoring.md), kept apart from the server code. */
import type { MeasureState } from '../../../domain/monitoring/measures';
import type { MeasureKind, Rule, Situation, Symptom } from '../../../domain/policy/rules';

export type { MeasureKind, MeasureState, Rule, Situation, Symptom };

export interface PolicySetView {
  id: number;
  code: string;
  version: number;
  name: { zh: string; en: string };
  effectiveFrom: string;
  effectiveTo: string | null;
  feverThreshold: number;
  alertSymptoms: Symptom[];
  source: string;
  rules: Rule[];
  inForce?: boolean;
}

export interface Decision {
  set: { id: number; code: string; version: number };
  rule: { code: string; name: { zh: string; en: string } } | null;
  ruleVersion: string;
  measure: MeasureKind;
  days: number;
  startsOn: string | null;
  endsOn: string | null;
  steps: { measure: MeasureKind; startsOn: string; endsOn: string }[];
  testDates: string[];
  followUpsPerDay: number;
  followUpTimes: string[];
  refer: 'fever_clinic' | null;
  feverThreshold: number;
  alertSymptoms: Symptom[];
}

export interface HistoryEntry {
  at: string;
  action: string;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: string[];
}

export interface Measure {
  id: number;
  residentId: number;
  residentName: string;
  idNumber: string | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  kind: Exclude<MeasureKind, 'none'>;
  state: MeasureState;
  place: 'home' | 'site';
  siteId: number | null;
  siteName: string | null;
  roomId: number | null;
  roomCode: string | null;
  startsOn: string;
  endsOn: string;
  gridWorkerId: number | null;
  gridWorkerName: string | null;
  doctorId: number | null;
  doctorName: string | null;
  policySetId: number;
  ruleVersion: string;
  situation: Situation;
  testDates: string[];
  followUpsPerDay: number;
  followUpTimes: string[];
  nextSteps: { measure: MeasureKind; startsOn: string; endsOn: string }[];
  previousId: number | null;
  reason: string | null;
  releasedAt: string | null;
  createdAt: string;
  history?: HistoryEntry[];
}

export interface Room {
  id: number;
  siteId: number;
  code: string;
  capacity: number;
  occupied: number;
}

export interface Site {
  id: number;
  name: string;
  address: string | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  capacity: number;
  occupied: number;
  closedAt: string | null;
  rooms: Room[];
}

export interface FollowUp {
  id: number;
  measureId: number;
  residentId: number;
  residentName: string;
  areaId: number;
  areaName: string;
  doctorId: number | null;
  dueAt: string;
  day: string;
  time: string;
  status: 'scheduled' | 'done' | 'cancelled';
  overdue: boolean;
  temperature: number | null;
  symptoms: Symptom[];
  note: string | null;
  recordedAt: string | null;
  recordedByName: string | null;
  alertId: number | null;
}

export interface FeverAlert {
  id: number;
  followUpId: number;
  measureId: number;
  residentId: number;
  residentName: string;
  areaId: number;
  areaName: string;
  temperature: number | null;
  symptoms: Symptom[];
  raisedAt: string;
  status: 'open' | 'resolved';
  resolution: 'fever_clinic' | 'false_alarm' | 'other' | null;
  note: string | null;
  resolvedAt: string | null;
  resolvedByName: string | null;
}
