/** What the round setup and slot-plan screens read from the API (docs/api-sampling.md). */
import type { MeasuredSlot } from '../../../domain/sampling/slot-edits';

export type RoundStatus = 'planned' | 'open' | 'closed';

export interface PoolRule {
  areaId?: number;
  groups?: string[];
  size: 1 | 5 | 10 | 20;
}

export interface ExemptionRules {
  underAge: number;
  elderlyAge: number | null;
  bedridden: boolean;
  away: boolean;
  other: boolean;
}

export interface RoundFull {
  id: number;
  name: string;
  areaId: number;
  areaPath: string;
  areaName: string;
  startsOn: string;
  endsOn: string;
  rosterDate: string;
  poolDefault: number;
  poolRules: PoolRule[];
  exemptionRules: ExemptionRules;
  status: RoundStatus;
  createdAt: string;
  counts?: { tubes: number; bindings: number; results: number; positives: number };
}

export interface PointFull {
  id: number;
  roundId: number;
  name: string;
  address: string | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  kind: 'fixed' | 'mobile';
  servesAreaIds: number[];
  desks: number;
  opensAt: string;
  closesAt: string;
  perDeskHour: number;
  capacityPerHour: number;
  staff: string | null;
}

export interface HomeSamplingAnswer {
  created: number;
  items: { residentId: number; name: string; areaId: number; reason: 'measure' | 'home_bound' | 'elderly' }[];
}

export interface PlanPoint {
  id: number;
  name: string;
  address: string | null;
  areaName: string;
  desks: number;
  perDeskHour: number;
  opensAt: string;
  closesAt: string;
  capacityPerHour: number;
}

/** The stored plan with its loads recomputed (slot-plans.ts planView). */
export interface StoredPlan {
  id: number;
  date: string;
  targetWaitMinutes: number;
  version: number;
  savedBy: string | null;
  savedAt: string;
  editedBy: string | null;
  editedAt: string | null;
  people: number;
  slots: MeasuredSlot[];
  lowerBoundMinutes: number;
  planMinutes: number;
  startsAt: string | null;
  endsAt: string | null;
  withinHours: boolean;
  overloaded: number;
}

export interface StoredAnswer {
  round: { id: number; name: string; startsOn: string; endsOn: string };
  point: PlanPoint;
  plan: StoredPlan | null;
}

/** The computed plan (GET …/slot-plan), shown before one is saved. */
export interface ComputedPlan {
  slotMinutes: number;
  people: number;
  slots: { start: string; end: string; units: { areaId: number; name: string; people: number }[] }[];
  lowerBoundMinutes: number;
  planMinutes: number;
}

export interface NoticesAnswer {
  round: { id: number; name: string };
  point: { id: number; name: string; address: string | null };
  date: string;
  bring: string[];
  items: { areaId: number; name: string; people: number; windows: { start: string; end: string }[] }[];
}
