import { disclosingActions } from '../../../domain/audit/events';
import type { Db } from '../../db/engine';
import { todayIn } from '../../platform/dates';
import type { JobQueue } from '../../platform/jobs';
import { keepMonthsAhead } from '../../platform/month-partitions';
import * as policy from '../policy';
import * as tasks from '../tasks';
import * as users from '../users';

/**
 * Watching disclosures: a user who reveals or exports personal data more times in one local day than the audit
 * policy allows (the threshold, policy data: policy/disclosures.ts) gets looked at — one task to the administrators, at the user's
 * area, once per user and day. Counted from the trail itself, so every reveal and export counts however it was made.
 */
export async function checkDisclosures(db: Db, p: { day: string; timeZone: string }): Promise<number> {
  return db.tx(async (tx) => {
    const limit = (await policy.disclosureThreshold(tx)).per_day;
    const over = await tx.query<{ actor_id: number; n: number }>(
      `SELECT a.actor_id, count(*)::int AS n FROM audit_log a
        WHERE a.at >= ($1::date::timestamp AT TIME ZONE $2) AND a.at < (($1::date + 1)::timestamp AT TIME ZONE $2)
          AND a.action = ANY($3::text[]) AND a.actor_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM audit_disclosure_alerts d WHERE d.user_id = a.actor_id AND d.day = $1::date)
        GROUP BY a.actor_id HAVING count(*) > $4`,
      [p.day, p.timeZone, disclosingActions, limit],
    );
    const made: tasks.NewTask[] = [];
    for (const o of over) {
      const inserted = await tx.execute('INSERT INTO audit_disclosure_alerts (user_id, day, disclosures) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        o.actor_id,
        p.day,
        o.n,
      ]);
      const user = inserted ? await users.findByIdUnscoped(tx, o.actor_id) : null;
      if (!user) continue;
      made.push({
        type: 'audit_disclosures',
        title: `查看个人信息过多：${user.display_name}（${user.username}）${p.day} 查看或导出 ${o.n} 次，超过 ${limit} 次`,
        titleKey: 'disclosures',
        titleParams: { name: user.display_name, day: p.day, count: o.n, limit },
        subjectKind: 'user',
        subjectId: user.id,
        areaId: user.area_id,
        areaPath: user.area_path,
        assigneeRole: 'admin',
        priority: 'high',
      });
    }
    if (made.length) await tasks.createTasks(tx, made);
    return made.length;
  });
}

/** Checked every ten minutes: a day's count passes the threshold between checks at most ten minutes late. */
export async function defineAuditJobs(jobs: JobQueue, db: Db, p: { timeZone: string; log: { warn(obj: unknown, msg?: string): void } }): Promise<void> {
  // The trail's coming months (migration 0067); its old months leave only through the owner's archive tool.
  await keepMonthsAhead(jobs, db, { job: 'audit.months', table: 'audit_log', timeZone: p.timeZone, ahead: 2, log: p.log });
  await jobs.define({
    name: 'audit.disclosures',
    policy: 'stately',
    cron: '*/10 * * * *',
    run: async () => void (await checkDisclosures(db, { day: todayIn(p.timeZone), timeZone: p.timeZone })),
  });
}
