/** Shapes of the screening API (docs/api-monitoring.md, "Screening — 敲门行动"). */
export type VisitOutcome = 'visited' | 'nobody_home' | 'refused';

export interface Campaign {
  id: number;
  name: string;
  areaId: number;
  areaName: string;
  startsOn: string;
  endsOn: string;
  lookbackDays: number;
  target: 'all' | 'selection';
  status: 'open' | 'closed';
  closedAt: string | null;
  coverage: Coverage | null;
  createdByName: string | null;
  households: number;
  visited: number;
}

export interface GridProgress {
  key: number | null;
  name: string | null;
  households: number;
  visited: number;
  nobodyHome: number;
  refused: number;
  notTried: number;
  coverage: number;
}

export interface Coverage {
  closedOn: string;
  households: number;
  visited: number;
  nobodyHome: number;
  refused: number;
  notTried: number;
  coverage: number;
  visits: number;
  arrivals: number;
  withSymptoms: number;
  fever: number;
  withNeeds: number;
  peopleAdded: number;
  peopleMovedOut: number;
  byGrid: GridProgress[];
}

export interface Target {
  id: number;
  campaignId: number;
  householdId: number;
  address: string;
  areaName: string;
  gridName: string | null;
  attempts: number;
  lastOutcome: VisitOutcome | null;
  lastVisitAt: string | null;
  responsible: { userId: number | null; userName: string | null; role: string | null };
}

export interface TargetDetail extends Target {
  campaign: { id: number; name: string; status: 'open' | 'closed'; startsOn: string; endsOn: string; lookbackDays: number };
  members: { id: number; name: string; relation: string | null; sex: 'M' | 'F' | null; birthYear: number | null; status: string }[];
}

export interface Visit {
  id: number;
  clientId: string;
  outcome: VisitOutcome;
  address: string;
  added: { residentId: number; name: string }[];
  movedOut: { residentId: number; name: string; on: string }[];
  arrivals: { id: number; residentId: number; originName: string; originRiskLevel: string; arrivedOn: string }[];
  temperature: number | null;
  revisitOn: string | null;
  visitedAt: string;
  visitedByName: string | null;
}

/** A v4 UUID made on the phone (crypto.randomUUID needs a secure context; a village server may be plain http). */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
