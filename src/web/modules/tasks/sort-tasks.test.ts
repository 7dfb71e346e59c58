import { describe, expect, it } from 'vitest';
import type { Task } from '../../../domain/tasks/api';
import { sortTasks } from './sort-tasks';

const task = (id: number, areaPath: string, address: string | null, dueAt: string | null) =>
  ({ id, areaPath, dueAt, person: address === null ? null : { address } }) as unknown as Task;

describe('sorting my tasks', () => {
  const items = [
    task(1, '/1/3/', '王隆集村 12 号', '2026-11-02T08:00:00Z'),
    task(2, '/1/2/', '李庄 5 号', null),
    task(3, '/1/3/', '王隆集村 3 号', '2026-11-01T08:00:00Z'),
    task(4, '/1/2/', null, '2026-11-03T08:00:00Z'),
  ];
  it('keeps the server’s order for urgency', () => {
    expect(sortTasks(items, 'urgency').map((x) => x.id)).toEqual([1, 2, 3, 4]);
  });
  it('by place: area, then address with numbers in order', () => {
    expect(sortTasks(items, 'place').map((x) => x.id)).toEqual([4, 2, 3, 1]);
  });
  it('by due time, undated last', () => {
    expect(sortTasks(items, 'due').map((x) => x.id)).toEqual([3, 1, 4, 2]);
  });
});
