import { STAFF_ROLES, UNDERSTAFFED_AFTER_MINUTES } from '../../../domain/checkpoints/kinds';
import type { Staffing } from '../../../domain/checkpoints/schemas';
import type { Db, Queryable } from '../../db/engine';
import type { JobQueue } from '../../platform/jobs';
import { todayIn } from '../../platform/dates';
import { createTasks } from '../tasks';
import { shiftEndsSql, shiftStartsSql } from './duty-repo';

/**
 * Who is at each post now: the shifts running at an instant (of open posts, from their templates), with the
 * people checked in by role. A shift is short when a role has fewer people checked in than its minimum.
 */
export interface RunningShift {
  post_id: number;
  post_name: string;
  area_id: number;
  area_path: string;
  day: string;
  code: string;
  name: string;
  starts_at: Date;
  staffing: Staffing;
  present: Partial<Record<string, number>>;
}

export async function runningShifts(db: Queryable, p: { now: Date; timeZone: string; underPath?: string; scopePath?: string }): Promise<RunningShift[]> {
  const today = todayIn(p.timeZone, p.now);
  const starts = shiftStartsSql('d.day', "(s->>'start')", '$3');
  const ends = shiftEndsSql('d.day', "(s->>'start')", "(s->>'end')", '$3');
  return db.query<RunningShift>(
    `WITH sh AS (
       SELECT p.id AS post_id, p.name AS post_name, p.area_id, p.area_path, d.day::text AS day, s->>'code' AS code, s->>'name' AS name,
              ${starts} AS starts_at, ${ends} AS ends_at, p.staffing
         FROM checkpoint_posts p
         CROSS JOIN (VALUES ($1::date - 1), ($1::date)) AS d(day)
         CROSS JOIN jsonb_array_elements(p.shifts) s
        WHERE p.opens_on <= d.day AND (p.closes_on IS NULL OR p.closes_on >= d.day)
          AND p.area_path LIKE $4 AND p.area_path LIKE $5
     )
     SELECT sh.post_id, sh.post_name, sh.area_id, sh.area_path, sh.day, sh.code, sh.name, sh.starts_at, sh.staffing,
            COALESCE((SELECT jsonb_object_agg(x.role, x.n) FROM (SELECT a.role, count(*) AS n FROM checkpoint_assignments a
               WHERE a.post_id = sh.post_id AND a.day = sh.day::date AND a.shift_code = sh.code AND a.checked_in_at IS NOT NULL GROUP BY a.role) x), '{}') AS present
       FROM sh WHERE sh.starts_at <= $2 AND sh.ends_at > $2`,
    [today, p.now, p.timeZone, `${p.underPath ?? ''}%`, `${p.scopePath ?? ''}%`],
  );
}

export function shortRoles(s: Pick<RunningShift, 'staffing' | 'present'>): string[] {
  return STAFF_ROLES.filter((r) => (s.present[r] ?? 0) < (s.staffing[r] ?? 0));
}
const total = (o: Partial<Record<string, number>>) => Object.values(o).reduce<number>((n, v) => n + (v ?? 0), 0);

/**
 * The "understaffed now" alert: every shift running for 15 minutes or more with a role short of its minimum
 * raises one urgent task for the command center at the post's area — once per shift (checkpoint_alerts),
 * however often the check runs. `now` is passed in so tests move the clock instead of waiting.
 */
export async function raiseUnderstaffed(db: Db, p: { now: Date; timeZone: string }): Promise<number> {
  const due = new Date(p.now.getTime() - UNDERSTAFFED_AFTER_MINUTES * 60_000);
  const short = (await runningShifts(db, p)).filter((s) => new Date(s.starts_at) <= due && shortRoles(s).length > 0);
  if (!short.length) return 0;
  return db.tx(async (tx) => {
    let raised = 0;
    for (const s of short) {
      if (!(await claimAlert(tx, s))) continue;
      raised++;
      await createTasks(tx, [
        {
          type: 'checkpoint_understaffed',
          title: `卡点缺岗：${s.post_name} ${s.day} ${s.name} 在岗 ${total(s.present)} 人，最少 ${total(s.staffing)} 人`,
          titleKey: 'understaffed',
          titleParams: { post: s.post_name, day: s.day, shift: s.name, present: total(s.present), minimum: total(s.staffing) },
          subjectKind: 'checkpoint_post',
          subjectId: s.post_id,
          areaId: s.area_id,
          areaPath: s.area_path,
          assigneeRole: 'command',
          priority: 'urgent',
        },
      ]);
    }
    return raised;
  });
}

async function claimAlert(tx: Queryable, s: RunningShift): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO checkpoint_alerts (post_id, day, shift_code, area_path, present, minimum) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (post_id, day, shift_code) DO NOTHING RETURNING post_id`,
    [s.post_id, s.day, s.code, s.area_path, total(s.present), total(s.staffing)],
  );
  return rows.length > 0;
}

/** Checked every minute, one check at a time across the servers: a shift short at +15 min is told by +16. */
export async function defineCheckpointJobs(jobs: JobQueue, db: Db, p: { timeZone: string }): Promise<void> {
  await jobs.define({
    name: 'checkpoints.understaffed',
    policy: 'stately',
    cron: '* * * * *',
    run: async () => void (await raiseUnderstaffed(db, { now: new Date(), timeZone: p.timeZone })),
  });
}
