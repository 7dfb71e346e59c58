import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { type AuditActor, auditRowsSql } from '../../../platform/audit';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';
import { householdsAs, residentsAs } from '../../residents/sql';
import { insertTasksSql } from '../../tasks/sql';
import { usersAs } from '../../users/sql';

/** SQL of lab results and the trace-back of positives (flags). */

// ——— lab results and trace-back ———
/**
 * Closes the loop: a result of a single tube bound to someone holding a `held` flag in that round (bound
 * after the flag) clears or confirms the flag. Answers the flags closed.
 */
export async function closeFlagsByRetest(
  tx: Queryable,
  tubeIds: number[],
): Promise<{ id: number; status: string; area_path: string; retest_tube_id: number }[]> {
  if (!tubeIds.length) return [];
  return tx.query(
    `UPDATE sampling_flags f SET status = CASE WHEN s.result = 'positive' THEN 'confirmed' ELSE 'cleared' END, retest_tube_id = t.id, closed_at = now()
       FROM sampling_tubes t JOIN sampling_results s ON s.tube_id = t.id JOIN sampling_bindings b ON b.tube_id = t.id AND b.removed_at IS NULL
      WHERE t.id = ANY($1::int[]) AND t.capacity = 1 AND s.result IN ('negative', 'positive')
        AND f.status = 'held' AND f.round_id = t.round_id AND f.resident_id = b.resident_id AND b.bound_at >= f.created_at
     RETURNING f.id, f.status, f.area_path, f.retest_tube_id`,
    [tubeIds],
  );
}

/** What a trace-back wrote: people flagged and tasks opened. */
export interface TraceBack {
  flagged: number;
  tasks: number;
}

/**
 * Trace-back of positive pools, in one statement: every live member of these tubes flagged (held; confirmed at
 * once for a single tube), a retest task for each held person (to the grid workers), one task per tube for the
 * command (at its first member's area) and an audit row per flag. Done as three round trips, the 10,000 flags of a
 * 100,000-tube file came back with their names and went out again as tasks and audit rows: a third of the
 * trace-back's time, spent carrying rows.
 */
export async function traceBackPositives(tx: Queryable, tubeIds: number[], p: { by: number; dueAt: Date; actor: AuditActor }): Promise<TraceBack> {
  if (!tubeIds.length) return { flagged: 0, tasks: 0 };
  const q = new SqlParams();
  const tubes = q.add(tubeIds);
  const by = `${q.add(p.by)}::int`;
  const dueAt = `${q.add(p.dueAt.toISOString())}::timestamptz`;
  const task = (kind: string, subject: string, role: string) => ({
    type: "'sampling_retest'",
    subjectKind: `'${kind}'`,
    subjectId: subject,
    areaId: 'fr.area_id',
    areaPath: 'fr.area_path',
    assigneeRole: `'${role}'`,
    dueAt,
    priority: "'urgent'",
    createdBy: by,
  });
  const tasks = insertTasksSql([
    {
      from: "fr WHERE fr.status = 'held'",
      columns: {
        ...task('sampling_flag', 'fr.id', 'grid_worker'),
        title: "'单管复核（混管阳性 ' || fr.barcode || '）：' || fr.name",
        titleKey: "'retestPerson'",
        titleParams: "jsonb_build_object('barcode', fr.barcode, 'name', fr.name)",
      },
    },
    {
      from: 'fr WHERE fr.k = 1',
      columns: {
        ...task('sampling_tube', 'fr.tube_id', 'command'),
        title: "'核酸阳性：管 ' || fr.barcode || '，' || fr.n || ' 人就地管控、待单管复核'",
        titleKey: "'positiveTube'",
        titleParams: "jsonb_build_object('barcode', fr.barcode, 'count', fr.n)",
      },
    },
  ]);
  const audit = auditRowsSql(q, p.actor, {
    entity: 'sampling_flag',
    action: 'flag',
    from: 'fr',
    entityId: 'fr.id',
    areaPath: 'fr.area_path',
    after: { tubeId: 'fr.tube_id', residentId: 'fr.resident_id', status: 'fr.status' },
  });
  const [done] = await tx.query<TraceBack>(
    `WITH m AS (
       SELECT b.id AS binding_id, b.round_id, b.tube_id, b.resident_id, b.area_id, b.area_path, t.capacity
         FROM sampling_bindings b JOIN sampling_tubes t ON t.id = b.tube_id
        WHERE b.tube_id = ANY(${tubes}::int[]) AND b.removed_at IS NULL
     ), f AS (
       INSERT INTO sampling_flags (round_id, binding_id, tube_id, resident_id, area_id, area_path, status, closed_at)
       SELECT round_id, binding_id, tube_id, resident_id, area_id, area_path,
              CASE WHEN capacity = 1 THEN 'confirmed' ELSE 'held' END, CASE WHEN capacity = 1 THEN now() END
         FROM m
       ON CONFLICT (binding_id) DO NOTHING
       RETURNING id, status, resident_id, area_id, area_path, tube_id
     ), fr AS MATERIALIZED (
       -- k: the flag's place in its tube (the first member's area gets the tube's task); n: the tube's people flagged.
       SELECT f.*, r.name, t.barcode, row_number() OVER (PARTITION BY f.tube_id ORDER BY f.id) AS k, count(*) OVER (PARTITION BY f.tube_id) AS n
         FROM f JOIN ${residentsAs('r')} ON r.id = f.resident_id JOIN sampling_tubes t ON t.id = f.tube_id
     ), tk AS (
       ${tasks}
     ), aud AS (
       ${audit}
     )
     SELECT (SELECT count(*)::int FROM fr) AS flagged, (SELECT count(*)::int FROM tk) AS tasks`,
    q.values,
  );
  return done;
}

/** Grid workers of a person's area: users with the role whose scope area contains it, nearest first. */
export const GRID_WORKERS = (path: string, scopeLike: string) =>
  `(SELECT coalesce(array_agg(u.display_name ORDER BY length(u.area_path) DESC, u.id), '{}') FROM ${usersAs('u')}
     WHERE 'grid_worker' = ANY(u.roles) AND NOT u.disabled AND ${path} LIKE u.area_path || '%' AND u.area_path LIKE ${scopeLike})`;

export interface FlagRow {
  id: number;
  round_id: number;
  resident_id: number;
  name: string;
  id_number: string | null;
  area_id: number;
  area_name: string;
  household_address: string | null;
  barcode: string;
  status: string;
  grid_workers: string[];
  created_at: Date;
  closed_at: Date | null;
  /** The positive single-tube retest's result (a confirmed flag): where contact tracing opens the case from. */
  retest_result_id: number | null;
}

export async function listFlags(db: Queryable, scope: Scope, p: { roundId: number; status?: string; underPath?: string }): Promise<FlagRow[]> {
  const q = new SqlParams();
  const scopeLike = q.add(scope.path + '%');
  const where = [`f.round_id = ${q.add(p.roundId)}`, `f.area_path LIKE ${scopeLike}`];
  if (p.status) where.push(`f.status = ${q.add(p.status)}`);
  if (p.underPath) where.push(`f.area_path LIKE ${q.add(p.underPath + '%')}`);
  return db.query<FlagRow>(
    `SELECT f.id, f.round_id, f.resident_id, r.name, r.id_number, f.area_id, a.name AS area_name, h.address AS household_address, t.barcode, f.status,
            ${GRID_WORKERS('f.area_path', scopeLike)} AS grid_workers, f.created_at, f.closed_at,
            (SELECT sr.id FROM sampling_results sr WHERE sr.tube_id = f.retest_tube_id AND sr.result = 'positive') AS retest_result_id
       FROM sampling_flags f JOIN ${residentsAs('r')} ON r.id = f.resident_id JOIN ${areasAs('a')} ON a.id = f.area_id JOIN sampling_tubes t ON t.id = f.tube_id
       LEFT JOIN ${householdsAs('h')} ON h.id = r.household_id
      WHERE ${where.join(' AND ')}
      ORDER BY f.status = 'held' DESC, f.created_at DESC, f.id LIMIT 5000`,
    q.values,
  );
}
