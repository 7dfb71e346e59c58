import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { usersAs } from '../users/sql';

/**
 * A command group's open work (issue 18 point 6): the open tasks addressed to the group itself, and those assigned
 * by name to one of its members under its area — oldest due first, within the caller's scope.
 */
export async function openTasksOfUsers(
  db: Queryable,
  scope: Scope,
  p: { groupId: number; userIds: number[]; underPath: string; limit: number },
  now = new Date(),
) {
  const q = new SqlParams();
  const w = `t.status IN ('open', 'in_progress')
    AND (t.assignee_group_id = ${q.add(p.groupId)} OR (t.assignee_user_id = ANY(${q.add(p.userIds)}::int[]) AND t.area_path LIKE ${q.add(`${p.underPath}%`)}))
    AND ${scopeClause(scope, 't.area_path', q)}`;
  const [rows, [{ n }]] = await Promise.all([
    db.query<{
      id: number;
      title: string;
      title_key: string | null;
      title_params: Record<string, unknown> | null;
      assignee_name: string | null;
      to_group: boolean;
      due_at: Date | null;
      overdue: boolean;
    }>(
      `SELECT t.id, t.title, t.title_key, t.title_params, u.display_name AS assignee_name, t.assignee_group_id IS NOT NULL AS to_group, t.due_at,
              coalesce(t.due_at < ${q.add(now)}::timestamptz, false) AS overdue
         FROM tasks t LEFT JOIN ${usersAs('u')} ON u.id = t.assignee_user_id
        WHERE ${w} ORDER BY t.due_at NULLS LAST, t.id LIMIT ${q.add(p.limit)}`,
      q.values,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks t WHERE ${w}`, q.values.slice(0, 4)),
  ]);
  return { rows, total: n };
}
