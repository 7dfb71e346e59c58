import type { TaskPerson } from '../../../domain/tasks/api';
import type { TaskRow } from './repo';

export function toTaskView(t: TaskRow) {
  return {
    id: t.id,
    type: t.type,
    title: t.title,
    titleKey: t.title_key,
    titleParams: t.title_params,
    subject: t.subject_kind && t.subject_id ? { kind: t.subject_kind, id: t.subject_id } : null,
    person: null as TaskPerson | null,
    areaId: t.area_id,
    areaPath: t.area_path,
    areaName: t.area_name,
    assignee: {
      userId: t.assignee_user_id,
      userName: t.assignee_user_name,
      teamId: t.assignee_team_id,
      teamName: t.assignee_team_name,
      role: t.assignee_role,
      groupId: t.assignee_group_id,
      groupName: t.assignee_group_name,
    },
    dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
    priority: t.priority,
    status: t.status,
    failReason: t.fail_reason,
    note: t.note,
    overdue: t.overdue,
    createdAt: new Date(t.created_at).toISOString(),
    doneAt: t.done_at ? new Date(t.done_at).toISOString() : null,
    doneByName: t.done_by_name,
  };
}
