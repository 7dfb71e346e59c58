import type { Queryable } from '../../db/engine';
import type { Actor } from '../../platform/context';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';
import { teamIdsOfUser, teamsAs } from '../volunteers/sql';
import { groupIdsOfUser, groupsAs } from '../command/sql';
import type { TaskTitleKey, TaskTitleParams } from '../../../domain/tasks/titles';

/**
 * The task inbox, a platform mechanism: any module creates tasks with `createTasks(tx, …)` in the
 * transaction that makes the work, and every reader sees them through its scope.
 */
export interface TaskRow {
  id: number;
  type: string;
  title: string;
  title_key: string | null;
  title_params: TaskTitleParams | null;
  subject_kind: string | null;
  subject_id: number | null;
  area_id: number;
  area_path: string;
  area_name: string;
  assignee_user_id: number | null;
  assignee_user_name: string | null;
  assignee_team_id: number | null;
  assignee_team_name: string | null;
  assignee_role: string | null;
  assignee_group_id: number | null;
  assignee_group_name: string | null;
  due_at: Date | null;
  priority: string;
  status: string;
  fail_reason: string | null;
  note: string | null;
  created_at: Date;
  done_at: Date | null;
  done_by_name: string | null;
  overdue: boolean;
}

export interface NewTask {
  type: string;
  /** The title in Chinese, as stored and shown where no key is understood. */
  title: string;
  /** The same title by key, for a reader in another language (see domain/tasks/titles.ts). */
  titleKey?: TaskTitleKey;
  titleParams?: TaskTitleParams;
  subjectKind?: string | null;
  subjectId?: number | null;
  areaId: number;
  areaPath: string;
  assigneeUserId?: number | null;
  assigneeTeamId?: number | null;
  assigneeRole?: string | null;
  /** A command group (专班 / 工作组): the task is in the inbox of each of its members. */
  assigneeGroupId?: number | null;
  dueAt?: Date | string | null;
  priority?: string;
  createdBy?: number | null;
}

const COLUMNS = `t.id, t.type, t.title, t.title_key, t.title_params, t.subject_kind, t.subject_id, t.area_id, t.area_path, a.name AS area_name,
  t.assignee_user_id, u.display_name AS assignee_user_name, t.assignee_team_id, tm.name AS assignee_team_name, t.assignee_role,
  t.assignee_group_id, cg.name AS assignee_group_name,
  t.due_at, t.priority, t.status, t.fail_reason, t.note, t.created_at, t.done_at, d.display_name AS done_by_name,
  COALESCE(t.status IN ('open', 'in_progress') AND t.due_at < now(), false) AS overdue`;
const FROM = `tasks t JOIN ${areasAs('a')} ON a.id = t.area_id LEFT JOIN ${usersAs('u')} ON u.id = t.assignee_user_id
  LEFT JOIN ${teamsAs('tm')} ON tm.id = t.assignee_team_id
  LEFT JOIN ${groupsAs('cg')} ON cg.id = t.assignee_group_id LEFT JOIN ${usersAs('d')} ON d.id = t.done_by`;
const ORDER = `ORDER BY overdue DESC, CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, t.due_at NULLS LAST, t.id`;

/** Assigned to the actor: personally, through a team, a command group they belong to, or a role at an area in their scope. */
function mineClause(actor: Actor, q: SqlParams): string {
  const me = q.add(actor.userId);
  return `(t.assignee_user_id = ${me} OR t.assignee_team_id IN (${teamIdsOfUser(me)}) OR t.assignee_group_id IN (${groupIdsOfUser(me)})
    OR t.assignee_role = ANY(${q.add(actor.roles)}::text[]))`;
}

export async function createTasks(tx: Queryable, tasks: NewTask[]): Promise<number[]> {
  if (!tasks.length) return [];
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO tasks (type, title, subject_kind, subject_id, area_id, area_path, assignee_user_id, assignee_team_id, assignee_role, due_at, priority, created_by,
       title_key, title_params, assignee_group_id)
     SELECT u.type, u.title, u.subject_kind, u.subject_id, u.area_id, u.area_path, u.user_id, u.team_id, u.role, u.due_at, u.priority, u.created_by,
       u.title_key, u.title_params::jsonb, u.group_id
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::timestamptz[], $11::text[], $12::int[],
       $13::text[], $14::text[], $15::int[])
       AS u(type, title, subject_kind, subject_id, area_id, area_path, user_id, team_id, role, due_at, priority, created_by, title_key, title_params, group_id)
     RETURNING id`,
    [
      tasks.map((t) => t.type),
      tasks.map((t) => t.title),
      tasks.map((t) => t.subjectKind ?? null),
      tasks.map((t) => t.subjectId ?? null),
      tasks.map((t) => t.areaId),
      tasks.map((t) => t.areaPath),
      tasks.map((t) => t.assigneeUserId ?? null),
      tasks.map((t) => t.assigneeTeamId ?? null),
      tasks.map((t) => t.assigneeRole ?? null),
      tasks.map((t) => (t.dueAt instanceof Date ? t.dueAt.toISOString() : (t.dueAt ?? null))),
      tasks.map((t) => t.priority ?? 'normal'),
      tasks.map((t) => t.createdBy ?? null),
      tasks.map((t) => t.titleKey ?? null),
      tasks.map((t) => (t.titleKey && t.titleParams ? JSON.stringify(t.titleParams) : null)),
      tasks.map((t) => t.assigneeGroupId ?? null),
    ],
  );
  return rows.map((r) => r.id);
}

export async function findTask(db: Queryable, scope: Scope, id: number): Promise<TaskRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<TaskRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = ${q.add(id)} AND ${scopeClause(scope, 't.area_path', q)}`, q.values);
  return row ?? null;
}

/** Whether the task is the actor's own (personally, by team or by role). */
export async function isMine(db: Queryable, actor: Actor, id: number): Promise<boolean> {
  const q = new SqlParams();
  const rows = await db.query(`SELECT 1 FROM tasks t WHERE t.id = ${q.add(id)} AND ${mineClause(actor, q)}`, q.values);
  return rows.length > 0;
}

/** My open work due before `until` (or undated), overdue first, then priority, then due time. */
export async function mine(db: Queryable, actor: Actor, until: string | null): Promise<TaskRow[]> {
  const q = new SqlParams();
  const due = until ? `AND (t.due_at IS NULL OR t.due_at < ${q.add(until)}::timestamptz)` : '';
  return db.query<TaskRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE t.status IN ('open', 'in_progress') AND ${scopeClause(actor.scope, 't.area_path', q)} AND ${mineClause(actor, q)} ${due}
      ${ORDER} LIMIT 500`,
    q.values,
  );
}

export async function list(
  db: Queryable,
  scope: Scope,
  p: {
    underPath?: string;
    status?: string;
    type?: string;
    assigneeUserId?: number;
    assigneeGroupId?: number;
    overdue?: boolean;
    page: number;
    pageSize: number;
  },
) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 't.area_path', q)];
  if (p.underPath) where.push(`t.area_path LIKE ${q.add(p.underPath + '%')}`);
  if (p.status) where.push(`t.status = ${q.add(p.status)}`);
  if (p.type) where.push(`t.type = ${q.add(p.type)}`);
  if (p.assigneeUserId) where.push(`t.assignee_user_id = ${q.add(p.assigneeUserId)}`);
  if (p.assigneeGroupId) where.push(`t.assignee_group_id = ${q.add(p.assigneeGroupId)}`);
  if (p.overdue) where.push(`t.status IN ('open', 'in_progress') AND t.due_at < now()`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks t WHERE ${w}`, q.values);
  const rows = await db.query<TaskRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${w} ${ORDER} LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function setStatus(tx: Queryable, id: number, f: { status: string; reason?: string | null; note?: string | null; by: number }) {
  await tx.query(
    `UPDATE tasks SET status = $2, fail_reason = COALESCE($3, fail_reason), note = COALESCE($4, note), updated_at = now(),
            done_at = CASE WHEN $2 IN ('done', 'failed') THEN now() ELSE done_at END,
            done_by = CASE WHEN $2 IN ('done', 'failed') THEN $5::int ELSE done_by END
      WHERE id = $1`,
    [id, f.status, f.reason ?? null, f.note ?? null, f.by],
  );
}

/** Reassigns tasks that are all in scope and still open; returns how many changed. */
export async function reassign(
  tx: Queryable,
  ids: number[],
  a: { userId: number | null; teamId: number | null; role: string | null; groupId?: number | null },
): Promise<number> {
  return tx.execute(
    `UPDATE tasks SET assignee_user_id = $2, assignee_team_id = $3, assignee_role = $4, assignee_group_id = $5, updated_at = now()
      WHERE id = ANY($1::int[]) AND status IN ('open', 'in_progress')`,
    [ids, a.userId, a.teamId, a.role, a.groupId ?? null],
  );
}

/** Tasks of these ids within the scope (to check a bulk request names only what the caller may touch). */
export async function findTasks(db: Queryable, scope: Scope, ids: number[]): Promise<{ id: number; area_path: string; status: string }[]> {
  const q = new SqlParams();
  return db.query(
    `SELECT t.id, t.area_path, t.status FROM tasks t WHERE t.id = ANY(${q.add(ids)}::int[]) AND ${scopeClause(scope, 't.area_path', q)}`,
    q.values,
  );
}

/** Closes the open tasks about one subject (an alert resolved closes its tasks). */
export async function closeForSubject(tx: Queryable, kind: string, subjectId: number, by: number): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `UPDATE tasks SET status = 'done', done_at = now(), done_by = $3, updated_at = now()
      WHERE subject_kind = $1 AND subject_id = $2 AND status IN ('open', 'in_progress') RETURNING id`,
    [kind, subjectId, by],
  );
  return rows.map((r) => r.id);
}

/** `closeForSubject` for many subjects of one kind in one statement (a line list of contacts placed at once). */
export async function closeForSubjects(tx: Queryable, kind: string, subjectIds: readonly number[], by: number): Promise<number[]> {
  if (!subjectIds.length) return [];
  const rows = await tx.query<{ id: number }>(
    `UPDATE tasks SET status = 'done', done_at = now(), done_by = $3, updated_at = now()
      WHERE subject_kind = $1 AND subject_id = ANY($2::int[]) AND status IN ('open', 'in_progress') RETURNING id`,
    [kind, [...subjectIds], by],
  );
  return rows.map((r) => r.id);
}

/** Open / overdue / done per child area of `underPath`, or per assignee. */
export async function counts(db: Queryable, scope: Scope, p: { underPath: string; by: 'area' | 'person' }) {
  const q = new SqlParams();
  const depth = p.underPath.split('/').filter(Boolean).length;
  const key =
    p.by === 'area'
      ? `split_part(t.area_path, '/', ${q.add(depth + 2)})`
      : `COALESCE(t.assignee_user_id::text, 'team:' || t.assignee_team_id::text, 'group:' || t.assignee_group_id::text, 'role:' || t.assignee_role, '')`;
  const rows = await db.query<{ key: string; open: number; overdue: number; done: number }>(
    `SELECT ${key} AS key, count(*) FILTER (WHERE t.status IN ('open', 'in_progress'))::int AS open,
            count(*) FILTER (WHERE t.status IN ('open', 'in_progress') AND t.due_at < now())::int AS overdue,
            count(*) FILTER (WHERE t.status = 'done')::int AS done
       FROM tasks t WHERE ${scopeClause(scope, 't.area_path', q)} AND t.area_path LIKE ${q.add(p.underPath + '%')}
      GROUP BY 1 ORDER BY 1`,
    q.values,
  );
  return rows;
}

/** Ends open tasks that can no longer be done (their campaign closed), with the reason. */
export async function failTasks(tx: Queryable, ids: number[], reason: string, by: number | null): Promise<number> {
  if (!ids.length) return 0;
  return tx.execute(
    `UPDATE tasks SET status = 'failed', fail_reason = $2, done_at = now(), done_by = $3, updated_at = now()
      WHERE id = ANY($1::int[]) AND status IN ('open', 'in_progress')`,
    [ids, reason, by],
  );
}
