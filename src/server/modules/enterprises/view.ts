import { maskPhone } from '../../../domain/residents/identity';
import type { ApplicationRow, DocumentRow, EnterpriseRow } from './repo';
import type { LedgerRow } from './ledger-repo';

/** Rows → answers. Lists mask the officer's phone; the enterprise's own page shows it whole to call them. */
export function toEnterprise(r: EnterpriseRow, opts: { maskPhone: boolean }) {
  return {
    id: r.id,
    creditCode: r.credit_code,
    name: r.name,
    industry: r.industry,
    headcount: r.headcount,
    hasDormitory: r.has_dormitory,
    hasCanteen: r.has_canteen,
    areaId: r.area_id,
    areaName: r.area_name,
    cadreUserId: r.cadre_user_id,
    cadreName: r.cadre_name,
    status: r.status,
    stockDays: r.stock_days,
    officerName: r.officer_name,
    officerPhone: opts.maskPhone ? maskPhone(r.officer_phone) : r.officer_phone,
    staffCount: r.staff_count,
    ledgerToday: r.ledger_today,
    suspendedAt: r.suspended_at,
    suspendedReason: r.suspended_reason,
    inspectionTargetId: r.inspection_target_id,
    updatedAt: r.updated_at,
  };
}

export function toDocument(d: DocumentRow) {
  return {
    id: d.id,
    kind: d.kind,
    fileKind: d.file_kind,
    fileName: d.file_name,
    size: d.size,
    uploadedAt: d.uploaded_at,
    uploadedByName: d.uploaded_by_name,
  };
}

export function toApplication(p: ApplicationRow) {
  return {
    id: p.id,
    enterpriseId: p.enterprise_id,
    enterpriseName: p.enterprise_name,
    status: p.status,
    selfCheck: p.self_check,
    preventionPlanId: p.prevention_plan_id,
    emergencyPlanId: p.emergency_plan_id,
    note: p.note,
    submittedAt: p.submitted_at,
    submittedByName: p.submitted_by_name,
    townDecidedAt: p.town_decided_at,
    townDecidedByName: p.town_decided_by_name,
    townReason: p.town_reason,
    countyDecidedAt: p.county_decided_at,
    countyDecidedByName: p.county_decided_by_name,
    countyReason: p.county_reason,
  };
}

export function toLedger(l: LedgerRow) {
  return {
    id: l.id,
    day: l.day,
    present: l.present,
    temperatureAbnormal: l.temperature_abnormal,
    returnees: l.returnees,
    flagged: l.flagged,
    note: l.note,
    submittedAt: l.submitted_at,
    submittedByName: l.submitted_by_name,
  };
}
