import type { Db } from '../../db/engine';
import { terminalDeadline } from '../../../domain/fieldwork/rules';
import { type AuditActor, audit } from '../../platform/audit';
import type { JobQueue } from '../../platform/jobs';
import { createTasks } from '../tasks';
import { casesOpenedSinceUnscoped } from '../tracing';
import { insertTerminalJobs } from './jobs-repo';
import { policyOf } from './policy';
import { terminalTask } from './tasks';

/**
 * Terminal disinfection (终末消杀): every case opened is given one planned terminal job at its home, due within the
 * policy's hours of the case's opening, with an urgent task for the cadres there. A sweep over the cases opened in
 * the last days, run by the job queue: tracing needs to know nothing of field work, and a sweep that runs twice (or
 * in two processes at once) makes nothing twice, because the job's insert claims the case ON CONFLICT DO NOTHING.
 */
const JOB_ACTOR: AuditActor = { actorId: null, actorName: 'fieldwork.terminal', requestId: null, clientIp: null };
/** How far back a sweep looks: long enough to survive a stopped server over a weekend. */
const LOOK_BACK_MS = 7 * 86_400_000;

export async function sweepNewCases(db: Db, now = new Date()): Promise<number> {
  const cases = await casesOpenedSinceUnscoped(db, new Date(now.getTime() - LOOK_BACK_MS));
  if (!cases.length) return 0;
  const pol = await policyOf(db);
  return db.tx(async (tx) => {
    const made = await insertTerminalJobs(
      tx,
      cases.map((c) => ({
        caseId: c.caseId,
        areaId: c.areaId,
        areaPath: c.areaPath,
        place: '病例住所',
        address: c.address,
        dueAt: terminalDeadline(c.openedAt, pol.terminalDeadlineHours),
      })),
    );
    await createTasks(
      tx,
      made.map((j) => terminalTask({ jobId: j.id, caseId: j.case_id, dueAt: j.due_at, area: { id: j.area_id, path: j.area_path } })),
    );
    for (const j of made) {
      await audit(tx, JOB_ACTOR, {
        action: 'create',
        entity: 'disinfection_job',
        entityId: j.id,
        areaPath: j.area_path,
        after: { kind: 'terminal', caseId: j.case_id, dueAt: j.due_at },
      });
    }
    return made.length;
  });
}

export async function defineFieldworkJobs(jobs: JobQueue, db: Db): Promise<void> {
  await jobs.define({ name: 'fieldwork.terminal', policy: 'stately', cron: '* * * * *', run: async () => void (await sweepNewCases(db)) });
}
