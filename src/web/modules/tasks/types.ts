/** The task inbox's JSON (docs/api-monitoring.md, "Task inbox"). */
import type { TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES } from '../../../domain/monitoring/schemas';

export type TaskType = (typeof TASK_TYPES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
  id: number;
  type: TaskType | string;
  title: string;
  subject: { kind: string; id: number } | null;
  areaId: number;
  areaPath: string;
  areaName: string;
  assignee: { userId: number | null; userName: string | null; teamId: number | null; teamName: string | null; role: string | null };
  dueAt: string | null;
  priority: TaskPriority;
  status: TaskStatus;
  failReason: string | null;
  note: string | null;
  overdue: boolean;
  createdAt: string;
  doneAt: string | null;
  doneByName: string | null;
}

export interface TaskCount {
  key: string | number | null;
  name: string | null;
  open: number;
  overdue: number;
  done: number;
}
