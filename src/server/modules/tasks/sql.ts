/**
 * The task inbox lent to other modules' SQL where a task about their own record is part of one statement:
 * "is there already a task for this subject" inside a set-based candidate query, "the task of each target"
 * beside a list, the desk closing a person's home-sampling task in the binding statement itself, and a lab file's
 * trace-back opening its retest tasks in the statement that flags the people.
 * Arguments are SQL expressions (parameters, columns or literals written in code), never user text.
 * Columns others read through `tasksAs`: id, type, subject_kind, subject_id, status, assignee_user_id,
 * assignee_role, created_at, due_at (a traced contact's deadline beside the contact).
 */
export const tasksAs = (alias: string): string => `tasks ${alias}`;

/** Whether a task about a subject exists (tasks_subject_idx): `extra` narrows it, on alias `t`. */
export const taskExists = (subjectKind: string, subjectId: string, extra?: string): string =>
  `EXISTS (SELECT 1 FROM tasks t WHERE t.subject_kind = ${subjectKind} AND t.subject_id = ${subjectId}${extra ? ` AND ${extra}` : ''})`;

/** An UPDATE (for a CTE of the caller's statement) marking the open tasks of a type about these subjects done. */
export const markDoneSql = (p: { subjectKind: string; type: string; subjectIds: string; by: string }): string =>
  `UPDATE tasks SET status = 'done', done_at = now(), done_by = ${p.by}, updated_at = now()
        WHERE subject_kind = ${p.subjectKind} AND subject_id IN (${p.subjectIds}) AND type = ${p.type} AND status IN ('open', 'in_progress')`;

/**
 * An UPDATE (for a CTE of the caller's statement) marking done every open task about the subjects of `from`, each
 * done by its own row's person: the visits of a group-committed batch, each closing its household's visit task.
 * `subjectId` and `by` are SQL expressions over `from`.
 */
export const closeForSubjectsFromSql = (p: { subjectKind: string; from: string; subjectId: string; by: string }): string =>
  `UPDATE tasks t SET status = 'done', done_at = now(), done_by = ${p.by}, updated_at = now()
     FROM ${p.from}
    WHERE t.subject_kind = ${p.subjectKind} AND t.subject_id = ${p.subjectId} AND t.status IN ('open', 'in_progress')`;

/** A task's columns as SQL expressions over the caller's rows; those left out take the table's defaults. */
export interface TaskColumnsSql {
  type: string;
  title: string;
  titleKey: string;
  titleParams: string;
  subjectKind: string;
  subjectId: string;
  areaId: string;
  areaPath: string;
  assigneeRole: string;
  dueAt: string;
  priority: string;
  createdBy: string;
}

/**
 * An INSERT (for a CTE of the caller's statement) opening one task per row of each `from` (a FROM clause with its
 * WHERE), answering their ids: the trace-back of 10,000 people sent their 11,000 tasks back from the server a
 * second time, a tenth of a lab file's import.
 */
export const insertTasksSql = (sources: { from: string; columns: TaskColumnsSql }[]): string =>
  `INSERT INTO tasks (type, title, title_key, title_params, subject_kind, subject_id, area_id, area_path, assignee_role, due_at, priority, created_by)
   ${sources
     .map(
       ({ from, columns: c }) =>
         `SELECT ${c.type}, ${c.title}, ${c.titleKey}, ${c.titleParams}, ${c.subjectKind}, ${c.subjectId}, ${c.areaId}, ${c.areaPath}, ${c.assigneeRole},
                 ${c.dueAt}, ${c.priority}, ${c.createdBy} FROM ${from}`,
     )
     .join('\n   UNION ALL ')}
   RETURNING id`;
