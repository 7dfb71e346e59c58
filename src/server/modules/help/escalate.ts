import type { Db } from '../../db/engine';
import { auditMany } from '../../platform/audit';
import type { JobQueue } from '../../platform/jobs';
import { createTasks } from '../tasks';
import { policyInForce } from './policy-repo';

/**
 * Overdue requests go up (逐级上报): a request still open past its deadline is escalated to the next area level
 * above its office — an urgent task for that level's command center — and again one tier's length later to the
 * level above that, until the top. `now` is passed in, so tests move a clock instead of waiting.
 */
const SYSTEM = { actorId: null, actorName: 'system', requestId: null, clientIp: null };

/** The ancestor `up` levels above a path's area ('/1/5/23/', 1 → { id: 5, path: '/1/5/' }); null past the top. */
export function ancestorOf(path: string, up: number): { id: number; path: string } | null {
  const ids = path.split('/').filter(Boolean);
  const keep = ids.length - up;
  if (keep < 1) return null;
  return { id: Number(ids[keep - 1]), path: `/${ids.slice(0, keep).join('/')}/` };
}

export async function escalateOverdue(db: Db, now: Date): Promise<number> {
  const policy = await policyInForce(db);
  return db.tx(async (tx) => {
    const due = await tx.query<{ id: number; code: string; area_path: string; escalation_level: number; tier: string }>(
      `SELECT id, code, area_path, escalation_level, tier FROM help_requests
        WHERE status IN ('triage', 'dispatch', 'delivering', 'delivered') AND escalate_after < $1
        ORDER BY escalate_after LIMIT 500 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    if (!due.length) return 0;
    const raised: typeof due = [];
    for (const r of due) {
      const level = r.escalation_level + 1;
      const to = ancestorOf(r.area_path, level);
      const minutes = policy.tiers.find((t) => t.code === r.tier)?.minutes ?? 1440;
      // Past the top there is nobody above: it stays overdue on its boards, and is not looked at again.
      const next = to ? new Date(now.getTime() + minutes * 60_000) : new Date('9999-12-31T00:00:00Z');
      await tx.query('UPDATE help_requests SET escalation_level = $2, escalate_after = $3, updated_at = now() WHERE id = $1', [
        r.id,
        to ? level : r.escalation_level,
        next,
      ]);
      if (!to) continue;
      raised.push(r);
      await createTasks(tx, [
        {
          type: 'help_overdue',
          title: `求助超时未办结：${r.code}（第 ${level} 次上报）`,
          titleKey: 'helpOverdue',
          titleParams: { code: r.code, level },
          subjectKind: 'help_overdue',
          subjectId: r.id,
          areaId: to.id,
          areaPath: to.path,
          assigneeRole: 'command',
          priority: 'urgent',
        },
      ]);
    }
    await auditMany(
      tx,
      SYSTEM,
      raised.map((r) => ({ entity: 'help_request', action: 'escalate', entityId: r.id, areaPath: r.area_path, after: { level: r.escalation_level + 1 } })),
    );
    return raised.length;
  });
}

export async function defineHelpJobs(jobs: JobQueue, db: Db): Promise<void> {
  await jobs.define({
    name: 'help.escalate',
    policy: 'stately',
    cron: '* * * * *',
    run: async () => void (await escalateOverdue(db, new Date())),
  });
}
