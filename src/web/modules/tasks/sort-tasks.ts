import type { Task } from '../../../domain/tasks/api';

/**
 * The orders of "my tasks": the server's (overdue, priority, due time), or for a round of house calls by place —
 * the task's area, then the household's address, numbers in number order (3 号 before 12 号) — or by due time.
 */
export type SortKey = 'urgency' | 'place' | 'due';

const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/** The list in the order picked; 'urgency' keeps the server's. Tasks without a due time go last. */
export function sortTasks(items: Task[], key: SortKey): Task[] {
  if (key === 'urgency') return items;
  const out = [...items];
  if (key === 'place') out.sort((a, b) => byText(a.areaPath, b.areaPath) || byText(a.person?.address ?? '', b.person?.address ?? '') || a.id - b.id);
  else out.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.id - b.id);
  return out;
}
