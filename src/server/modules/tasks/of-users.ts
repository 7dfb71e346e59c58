import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { usersAs } from '../users/sql';

/**
 * Open tasks in the inboxes of some people under an area (a command group's open work, issue 18 point 6): assigned
 * to one of them by name, oldest due first, within the caller's scope.
 */
export async function openTasksOfUsers(db: Queryable, scope: Scope, p: { userIds: number[]; underPath: string; limit: number }, now = new Date()) {
  if (!p.userIds.length) return { rows: [], total: 0 };
  const q = new SqlParams();
  const w = `t.status IN ('open', 'in_progress') AND t.assignee_user_id = ANY(${q.add(p.userIds)}::int[])
    AND t.area_path LIKE ${q.add(`${p.underPath}%`)} AND ${scopeClause(scope, 't.area_path', q)}`;
  const [rows, [{ n }]] = await Promise.all([
    db.query<{
      id: number;
      title: string;
      title_key: string | null;
      title_params: Record<string, unknown> | null;
      assignee_name: string | null;
      due_at: Date | null;
      overdue: boolean;
    }>(
      `SELECT t.id, t.title, t.title_key, t.title_params, u.display_name AS assignee_name, t.due_at,
              coalesce(t.due_at < ${q.add(now)}::timestamptz, false) AS overdue
         FROM tasks t LEFT JOIN ${usersAs('u')} ON u.id = t.assignee_user_id
        WHERE ${w} ORDER BY t.due_at NULLS LAST, t.id LIMIT ${q.add(p.limit)}`,
      q.values,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks t WHERE ${w}`, q.values.slice(0, 3)),
  ]);
  return { rows, total: n };
}
