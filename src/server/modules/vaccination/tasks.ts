import type { NewTask } from '../tasks';

/**
 * The inbox tasks the outreach makes, each naming the person by subject (subject kinds `vaccination_call`,
 * `vaccination_observe`, `vaccination_followup`, the subject id being the resident): a call or visit to mobilise,
 * the 30-minute observation after a dose, and the next-day follow-up call.
 */
const at = (r: { id: number; area_id: number; area_path: string }) => ({ subjectId: r.id, areaId: r.area_id, areaPath: r.area_path });

export function callTask(
  r: { id: number; name: string; area_id: number; area_path: string },
  kind: 'call' | 'visit',
  assigneeUserId: number | null,
  by: number,
): NewTask {
  return {
    type: 'vaccination_call',
    title: kind === 'call' ? `疫苗接种动员电话：${r.name}` : `疫苗接种动员上门：${r.name}`,
    titleKey: kind === 'call' ? 'vaccinationCall' : 'vaccinationVisit',
    titleParams: { name: r.name },
    subjectKind: 'vaccination_call',
    ...at(r),
    assigneeUserId,
    // Nobody linked and no grid worker with an account: the grid workers of the area see it.
    assigneeRole: assigneeUserId ? null : 'grid_worker',
    priority: 'normal',
    createdBy: by,
  };
}

export function observeTask(r: { id: number; name: string; area_id: number; area_path: string }, minutes: number, by: number, now: Date): NewTask {
  return {
    type: 'vaccination_observe',
    title: `接种后留观 ${minutes} 分钟：${r.name}`,
    titleKey: 'vaccinationObserve',
    titleParams: { name: r.name, minutes },
    subjectKind: 'vaccination_observe',
    ...at(r),
    assigneeUserId: by,
    dueAt: new Date(now.getTime() + minutes * 60_000),
    priority: 'urgent',
    createdBy: by,
  };
}

export function followUpTask(r: { id: number; name: string; area_id: number; area_path: string }, caller: number | null, dueAt: Date, by: number): NewTask {
  return {
    type: 'vaccination_followup',
    title: `接种次日回访：${r.name}`,
    titleKey: 'vaccinationFollowUp',
    titleParams: { name: r.name },
    subjectKind: 'vaccination_followup',
    ...at(r),
    assigneeUserId: caller,
    assigneeRole: caller ? null : 'grid_worker',
    dueAt,
    priority: 'high',
    createdBy: by,
  };
}
