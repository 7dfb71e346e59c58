import type { Db } from '../../db/engine';
import type { JobQueue } from '../../platform/jobs';
import { type AuditActor, auditMany } from '../../platform/audit';
import { todayIn } from '../../platform/dates';
import { addDays } from '../../../domain/policy/rules';
import * as tasks from '../tasks';
import * as repo from './repo';
import { residentsAs } from '../residents/sql';
import { taskExists } from '../tasks/sql';

/**
 * The monitoring sweep, run as a scheduled job (MONITORING_SWEEP_MINUTES) and callable from tests:
 *  - active measures whose end date is past (ends_on < today, local) move to release_check, each with the
 *    same high-priority `release_check` task for its grid worker that the manual transition creates;
 *  - scheduled follow-ups whose window is over (missed) of live measures become one `follow_up` task each
 *    for the measure's grid worker (the role `grid_worker` at the area when the measure names nobody);
 *  - active measures get their follow-ups written up to the horizon (FOLLOW_UP_HORIZON_DAYS local days from
 *    today): as days pass, each next day's slots appear before the doctor's day begins.
 * Both are set-based, in batches of BATCH, each batch one transaction with its audit rows (actor: the
 * system). Safe to run in several processes: on PostgreSQL a transaction-level advisory lock lets one sweep
 * at a time; a follow-up that already has a task is never given another.
 */
const BATCH = 5000;
const SYSTEM: AuditActor = { actorId: null, actorName: 'system:sweep', requestId: null, clientIp: null };
const LOCK = 5_202_211; // any constant, distinct from migrate's

/** Missed follow-ups of live measures without their task yet: $1 now, $2 the time zone, $3 the oldest live measure's start. */
export const MISSED_FOLLOW_UPS = `SELECT f.id, f.area_id, f.area_path, m.grid_worker_id, r.name AS resident_name, to_char(f.due_at AT TIME ZONE $2::text, 'MM-DD HH24:MI') AS at
           FROM follow_ups f JOIN measures m ON m.id = f.measure_id JOIN ${residentsAs('r')} ON r.id = f.resident_id
          WHERE f.status = 'scheduled' AND f.window_ends_at < $1 AND f.due_at < $1 AND f.due_at >= $3 AND m.state IN ('active', 'release_check')
            AND NOT ${taskExists("'follow_up'", 'f.id')}
          ORDER BY f.window_ends_at, f.id LIMIT ${BATCH}`;

export interface SweepResult {
  releaseChecks: number;
  missedFollowUpTasks: number;
  followUpsWritten: number;
}

export async function sweep(db: Db, p: { timeZone: string; horizonDays?: number; today?: string; now?: Date }): Promise<SweepResult> {
  const today = p.today ?? todayIn(p.timeZone);
  const now = p.now ?? new Date();
  const result: SweepResult = { releaseChecks: 0, missedFollowUpTasks: 0, followUpsWritten: 0 };
  for (;;) {
    const n = await db.tx(async (tx) => {
      if (db.engine === 'postgres') {
        const [{ ok }] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOCK]);
        if (!ok) return 0;
      }
      const rows = await tx.query<{ id: number; area_id: number; area_path: string; grid_worker_id: number | null; resident_name: string; ends_on: string }>(
        `UPDATE measures m SET state = 'release_check', updated_at = now()
           FROM ${residentsAs('r')}
          WHERE r.id = m.resident_id
            AND m.id IN (SELECT id FROM measures WHERE state = 'active' AND ends_on < $1::date ORDER BY ends_on, id LIMIT ${BATCH} FOR UPDATE)
         RETURNING m.id, m.area_id, m.area_path, m.grid_worker_id, r.name AS resident_name, to_char(m.ends_on, 'YYYY-MM-DD') AS ends_on`,
        [today],
      );
      if (!rows.length) return 0;
      const taskIds = await tasks.createTasks(
        tx,
        rows.map((m) => ({
          type: 'release_check',
          title: `解除评估：${m.resident_name}`,
          titleKey: 'releaseCheck',
          titleParams: { name: m.resident_name },
          subjectKind: 'measure',
          subjectId: m.id,
          areaId: m.area_id,
          areaPath: m.area_path,
          assigneeUserId: m.grid_worker_id,
          assigneeRole: m.grid_worker_id ? null : 'grid_worker',
          dueAt: now,
          priority: 'high',
          createdBy: null,
        })),
      );
      await auditMany(
        tx,
        SYSTEM,
        rows.map((m, i) => ({
          action: 'release_check',
          entity: 'measure',
          entityId: m.id,
          areaPath: m.area_path,
          before: { state: 'active', endsOn: m.ends_on },
          after: { state: 'release_check', taskId: taskIds[i], by: 'sweep' },
        })),
      );
      return rows.length;
    });
    result.releaseChecks += n;
    if (n < BATCH) break;
  }
  // Follow-ups are split by month of their due time (migration 0058): the missed ones are read only from the months
  // since the oldest live measure began. A measure's follow-ups are written from its first day, or — written late —
  // only those whose window is still open; a day's margin covers the zone of a bare date and hand-set times.
  const [{ since }] = await db.query<{ since: Date | null }>(
    `SELECT least(min(created_at), min(starts_on)::timestamptz) - interval '1 day' AS since FROM measures WHERE state IN ('active', 'release_check')`,
  );
  for (;;) {
    if (!since) break;
    const n = await db.tx(async (tx) => {
      if (db.engine === 'postgres') {
        const [{ ok }] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOCK]);
        if (!ok) return 0;
      }
      // Reads the task inbox's subject index (tasks_subject_idx) so that a missed follow-up gets one task, ever.
      const rows = await tx.query<{ id: number; area_id: number; area_path: string; grid_worker_id: number | null; resident_name: string; at: string }>(
        MISSED_FOLLOW_UPS,
        [now, p.timeZone, since],
      );
      if (!rows.length) return 0;
      const taskIds = await tasks.createTasks(
        tx,
        rows.map((f) => ({
          type: 'follow_up',
          title: `随访未完成：${f.resident_name}（${f.at}）`,
          titleKey: 'followUpMissed',
          titleParams: { name: f.resident_name, at: f.at },
          subjectKind: 'follow_up',
          subjectId: f.id,
          areaId: f.area_id,
          areaPath: f.area_path,
          assigneeUserId: f.grid_worker_id,
          assigneeRole: f.grid_worker_id ? null : 'grid_worker',
          dueAt: now,
          priority: 'high',
          createdBy: null,
        })),
      );
      await auditMany(
        tx,
        SYSTEM,
        rows.map((f, i) => ({ action: 'missed', entity: 'follow_up', entityId: f.id, areaPath: f.area_path, after: { taskId: taskIds[i], by: 'sweep' } })),
      );
      return rows.length;
    });
    result.missedFollowUpTasks += n;
    if (n < BATCH) break;
  }
  // After release checks, so that a measure past its end gets no more slots.
  result.followUpsWritten = await writeFollowUpsAhead(db, { today, until: addDays(today, (p.horizonDays ?? 2) - 1), timeZone: p.timeZone });
  return result;
}

/**
 * Follow-ups are written ahead AHEAD_WORKERS batches at once, of AHEAD_BATCH measures each. Writing a county's is all
 * database work (rows into the months with their indexes, and the report's counters). Measured on two cores, for
 * 100,000 people (bench:monitoring): one statement took 5.4 s; batches of 5,000 one at a time 6.7 s (each batch
 * adds to the counters of nearly every area again); two connections with batches of 25,000 3.8 s. Each batch holds
 * its measures' rows for about a second.
 */
const AHEAD_WORKERS = 2;
const AHEAD_BATCH = 25_000;

/**
 * Every active measure's follow-ups written up to `until`, in batches of BATCH measures, each its own transaction,
 * AHEAD_WORKERS at once: each batch takes the measures it writes with SKIP LOCKED, so two never take the same. On
 * PGlite (one connection) they take turns. Answers how many follow-ups were written.
 */
export async function writeFollowUpsAhead(
  db: Db,
  p: { today: string; until: string; timeZone: string },
  sizes = { workers: AHEAD_WORKERS, batch: AHEAD_BATCH },
): Promise<number> {
  const worker = async () => {
    let written = 0;
    for (;;) {
      const [measures, n] = await db.tx(async (tx) => {
        const ids = await repo.measuresShortOfHorizon(tx, p.until, sizes.batch);
        return ids.length ? [ids.length, await repo.generateFollowUps(tx, ids, p.today, p.until, p.timeZone)] : [0, 0];
      });
      written += n;
      if (measures < sizes.batch) return written;
    }
  };
  const counts = await Promise.all(Array.from({ length: sizes.workers }, worker));
  return counts.reduce((a, b) => a + b, 0);
}

/** Starts the timer (first run after one interval); answers the function that stops it. `minutes` 0: off. */
/**
 * The sweep as a scheduled job (platform/jobs.ts): every `minutes` (rounded to a cron schedule: every N
 * minutes below an hour, every N hours above), one sweep at a time across all server processes, a run that
 * fails retried by the queue. 0 = no sweep.
 */
export async function defineMonitoringJobs(jobs: JobQueue, db: Db, p: { minutes: number; timeZone: string; horizonDays: number }): Promise<void> {
  if (!p.minutes) return;
  await jobs.define({
    name: 'monitoring.sweep',
    policy: 'stately',
    cron: sweepCron(p.minutes),
    expireInSeconds: 30 * 60,
    run: async () => void (await sweep(db, { timeZone: p.timeZone, horizonDays: p.horizonDays })),
  });
}

export function sweepCron(minutes: number): string {
  if (minutes < 60) return `*/${Math.max(1, Math.round(minutes))} * * * *`;
  const hours = Math.min(24, Math.max(1, Math.round(minutes / 60)));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}
