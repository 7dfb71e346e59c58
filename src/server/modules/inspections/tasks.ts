import type { Severity } from '../../../domain/inspections/kinds';
import type { NewTask } from '../tasks';

/**
 * The inbox tasks rectification makes. Each names its order (subject kinds `inspection_rectification`,
 * `inspection_reinspection`, `inspection_escalation`), which the inbox refuses to close by a bare "done": the work
 * is done on the order — the unit reports with photos, and only a re-inspection closes it.
 */
const PRIORITY: Record<Severity, string> = { critical: 'urgent', major: 'high', minor: 'normal' };
const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export function rectifyTask(o: {
  orderId: number;
  target: string;
  item: string;
  severity: Severity;
  deadlineAt: Date;
  unit: { area: { id: number; path: string }; userId: number | null; role: string | null; groupId: number | null };
  by: number;
}): NewTask {
  return {
    type: 'inspection_rectify',
    title: `督导整改：${o.target} · ${o.item}`,
    titleKey: 'inspectionRectify',
    titleParams: { target: o.target, item: o.item },
    subjectKind: 'inspection_rectification',
    subjectId: o.orderId,
    areaId: o.unit.area.id,
    areaPath: o.unit.area.path,
    assigneeUserId: o.unit.userId,
    assigneeRole: o.unit.role,
    assigneeGroupId: o.unit.groupId,
    dueAt: o.deadlineAt,
    priority: PRIORITY[o.severity],
    createdBy: o.by,
  };
}

/** The inspector who found the failure is asked to come back once the unit reports it done. */
export function reinspectTask(o: {
  orderId: number;
  target: string;
  item: string;
  areaId: number;
  areaPath: string;
  inspectorId: number;
  by: number;
}): NewTask {
  return {
    type: 'inspection_reinspect',
    title: `整改复查：${o.target} · ${o.item}`,
    titleKey: 'inspectionReinspect',
    titleParams: { target: o.target, item: o.item },
    subjectKind: 'inspection_reinspection',
    subjectId: o.orderId,
    areaId: o.areaId,
    areaPath: o.areaPath,
    assigneeUserId: o.inspectorId,
    priority: 'high',
    createdBy: o.by,
  };
}

/** 督办: an order past its deadline goes to the command center of the level above the unit. */
export function escalationTask(o: {
  orderId: number;
  target: string;
  item: string;
  unit: string;
  deadlineAt: Date;
  area: { id: number; path: string };
}): NewTask {
  return {
    type: 'inspection_escalation',
    title: `整改逾期督办：${o.unit} · ${o.target} · ${o.item}（期限 ${stamp(o.deadlineAt)} UTC）`,
    titleKey: 'inspectionEscalation',
    titleParams: { unit: o.unit, target: o.target, item: o.item },
    subjectKind: 'inspection_escalation',
    subjectId: o.orderId,
    areaId: o.area.id,
    areaPath: o.area.path,
    assigneeRole: 'command',
    priority: 'urgent',
  };
}
