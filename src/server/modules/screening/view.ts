import type { ArrivalRow } from './arrival-repo';
import type { CampaignRow, ProgressRow, TargetRow } from './campaign-repo';
import type { RiskAreaRow } from './risk-area-repo';
import type { VisitRow } from './visit-repo';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toRiskAreaView(r: RiskAreaRow) {
  return {
    id: r.id,
    divisionCode: r.division_code,
    name: r.name,
    areaId: r.area_id,
    level: r.level,
    from: r.from_on,
    to: r.to_on,
    importBatch: r.import_batch,
    importedAt: iso(r.created_at),
    importedByName: r.created_by_name,
  };
}

export function toArrivalView(a: ArrivalRow) {
  return {
    id: a.id,
    residentId: a.resident_id,
    residentName: a.resident_name,
    areaId: a.area_id,
    areaPath: a.area_path,
    areaName: a.area_name,
    originCode: a.origin_code,
    originName: a.origin_name,
    originScope: a.origin_scope,
    originRiskLevel: a.origin_risk_level,
    riskAreaId: a.risk_area_id,
    arrivedOn: a.arrived_on,
    transport: a.transport,
    transportNo: a.transport_no,
    reason: a.reason,
    codeColour: a.code_colour,
    symptoms: a.symptoms,
    contactType: a.contact_type,
    exposedOn: a.exposed_on,
    visitId: a.visit_id,
    createdAt: iso(a.created_at),
    createdByName: a.created_by_name,
  };
}

export function toCampaignView(c: CampaignRow) {
  return {
    id: c.id,
    name: c.name,
    areaId: c.area_id,
    areaPath: c.area_path,
    areaName: c.area_name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    lookbackDays: c.lookback_days,
    target: c.target,
    status: c.status,
    closedAt: iso(c.closed_at),
    coverage: c.coverage ?? null,
    createdAt: iso(c.created_at),
    createdByName: c.created_by_name,
    households: c.households,
    visited: c.visited,
  };
}

export function toTargetView(t: TargetRow) {
  return {
    id: t.id,
    campaignId: t.campaign_id,
    householdId: t.household_id,
    address: t.address,
    areaId: t.area_id,
    areaPath: t.area_path,
    areaName: t.area_name,
    gridId: t.grid_id,
    gridName: t.grid_name,
    attempts: t.attempts,
    lastOutcome: t.last_outcome,
    lastVisitAt: iso(t.last_visit_at),
    visitedAt: iso(t.visited_at),
    taskId: t.task_id,
    responsible: { userId: t.assignee_user_id, userName: t.assignee_name, role: t.assignee_user_id ? null : t.assignee_role },
  };
}

export function toProgressView(p: ProgressRow) {
  return {
    key: p.key,
    name: p.name,
    households: p.households,
    visited: p.visited,
    nobodyHome: p.nobody_home,
    refused: p.refused,
    notTried: p.not_tried,
    coverage: p.households ? Math.round((p.visited / p.households) * 1000) / 10 : 0,
  };
}

export function toVisitView(v: VisitRow) {
  const data = (v.data ?? {}) as Record<string, unknown>;
  return {
    id: v.id,
    clientId: v.client_id,
    campaignId: v.campaign_id,
    householdId: v.household_id,
    address: v.address,
    areaId: v.area_id,
    areaPath: v.area_path,
    areaName: v.area_name,
    outcome: v.outcome,
    rosterConfirmed: (data.rosterConfirmed as boolean | undefined) ?? false,
    added: (data.added as unknown[]) ?? [],
    movedOut: (data.movedOut as unknown[]) ?? [],
    proposed: (data.proposed as unknown[]) ?? [],
    arrivals: (data.arrivals as unknown[]) ?? [],
    codeColour: v.code_colour,
    symptoms: v.symptoms,
    temperature: v.temperature === null ? null : Number(v.temperature),
    testProof: v.test_proof,
    needs: v.needs,
    note: (data.note as string | undefined) ?? null,
    revisitOn: v.revisit_on,
    revisitTaskId: (data.revisitTaskId as number | undefined) ?? null,
    alertId: (data.alertId as number | undefined) ?? null,
    visitedAt: iso(v.visited_at),
    visitedByName: v.visited_by_name,
  };
}
