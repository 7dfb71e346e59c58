import type { PhotoRef } from '../../../domain/photos/api';
import type { InspectionRow, OrderRow } from './inspection-repo';
import type { ChecklistRow, PlanRow, PlanTargetRow, TargetRow } from './repo';

/** Answers of the inspections module. No personal data but staff names (inspectors, reporters), shown in full. */
export const toChecklist = (c: ChecklistRow) => ({
  id: c.id,
  targetKind: c.target_kind,
  version: c.version,
  name: c.name,
  passScore: c.pass_score,
  items: c.items,
  createdAt: c.created_at,
  createdByName: c.created_by_name,
});

export const toTarget = (t: TargetRow) => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  areaId: t.area_id,
  areaName: t.area_name,
  lastInspectedAt: t.last_inspected_at,
  lastScore: t.last_score,
  openOrders: t.open_orders,
});

export const toPlan = (p: PlanRow, targets: PlanTargetRow[]) => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  targetKind: p.target_kind,
  areaId: p.area_id,
  areaName: p.area_name,
  startsOn: p.starts_on,
  endsOn: p.ends_on,
  seed: p.seed,
  sampleSize: p.sample_size,
  candidates: p.candidates,
  targets: targets
    .filter((t) => t.plan_id === p.id)
    .map((t) => ({ id: t.id, name: t.name, areaName: t.area_name, position: t.position, inspectionId: t.inspection_id })),
  createdAt: p.created_at,
});

export const toInspectionListItem = (i: InspectionRow) => ({
  id: i.id,
  mode: i.mode,
  planId: i.plan_id,
  targetId: i.target_id,
  targetName: i.target_name,
  targetKind: i.target_kind,
  areaId: i.area_id,
  areaName: i.area_name,
  inspectorName: i.inspector_name,
  inspectedAt: i.inspected_at,
  score: i.score,
  rawScore: i.raw_score,
  vetoed: i.vetoed,
  passed: i.passed,
  failedItems: i.failed_items,
});

export const toOrder = (r: OrderRow) => ({
  id: r.id,
  inspectionId: r.inspection_id,
  targetId: r.target_id,
  targetName: r.target_name,
  targetKind: r.target_kind,
  areaId: r.area_id,
  areaName: r.area_name,
  itemCode: r.item_code,
  itemText: r.item_text,
  severity: r.severity,
  unitAreaId: r.unit_area_id,
  unitAreaName: r.unit_area_name,
  unitUserName: r.unit_user_name,
  unitRole: r.unit_role,
  unitGroupId: r.unit_group_id,
  unitGroupName: r.unit_group_name,
  deadlineAt: r.deadline_at,
  status: r.status,
  overdue: r.overdue,
  reportedAt: r.reported_at,
  reportNote: r.report_note,
  reinspectedAt: r.reinspected_at,
  reinspectionNote: r.reinspection_note,
  reinspections: r.reinspections,
  closedAt: r.closed_at,
  escalatedAt: r.escalated_at,
  createdAt: r.created_at,
});

export const toOrderDetail = (
  r: OrderRow,
  x: { failNote: string | null; inspectorName: string; fail: PhotoRef[]; report: PhotoRef[]; reinspection: PhotoRef[] },
) => ({
  ...toOrder(r),
  failNote: x.failNote,
  failPhotos: x.fail,
  reportPhotos: x.report,
  reinspectionPhotos: x.reinspection,
  inspectorName: x.inspectorName,
  reportedByName: r.reported_by_name,
  reinspectedByName: r.reinspected_by_name,
});
