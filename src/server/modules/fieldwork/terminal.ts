import type { Db } from '../../db/engine';
import { terminalDeadline } from '../../../domain/fieldwork/rules';
import { type AuditActor, audit } from '../../platform/audit';
import type { JobQueue } from '../../platform/jobs';
import { createTasks } from '../tasks';
import { type CaseForDisinfection, casesOpenedSinceUnscoped } from '../tracing';
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
/** How far back a full sweep looks: long enough to survive a stopped server over a weekend. */
const LOOK_BACK_MS = 7 * 86_400_000;
/**
 * The minute's sweep looks back only this far: at the height of an outbreak (thousands of cases in the week) reading
 * the whole week every minute cost about a second each time for nothing new. A case's transaction can commit a little
 * after a later one, so the window is generous rather than "since the last id seen"; a full sweep still runs on the
 * first turn of each process and every hour, for what a stopped server or a long transaction left behind.
 */
const RECENT_MS = 15 * 60_000;
const FULL_EVERY_MS = 60 * 60_000;

/** Cases read a page at a time, each page's jobs written in one transaction. */
const PAGE = 1000;

export async function sweepNewCases(db: Db, now = new Date(), lookBackMs = LOOK_BACK_MS): Promise<number> {
  const since = new Date(now.getTime() - lookBackMs);
  const pol = await policyOf(db);
  let made = 0;
  for (let afterId = 0; ; ) {
    const cases = await casesOpenedSinceUnscoped(db, since, afterId, PAGE);
    if (cases.length) made += await writeTerminalJobs(db, cases, pol.terminalDeadlineHours);
    if (cases.length < PAGE) return made;
    afterId = cases.at(-1)!.caseId;
  }
}

async function writeTerminalJobs(db: Db, cases: CaseForDisinfection[], hours: number): Promise<number> {
  return db.tx(async (tx) => {
    const made = await insertTerminalJobs(
      tx,
      cases.map((c) => ({
        caseId: c.caseId,
        areaId: c.areaId,
        areaPath: c.areaPath,
        place: '病例住所',
        address: c.address,
        dueAt: terminalDeadline(c.openedAt, hours),
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

/** The sweep's look-back for each turn: the whole week on the first turn and hourly, the last minutes otherwise. */
export function sweepWindows(now: () => number = Date.now): () => number {
  let lastFull = Number.NEGATIVE_INFINITY;
  return () => {
    if (now() - lastFull < FULL_EVERY_MS) return RECENT_MS;
    lastFull = now();
    return LOOK_BACK_MS;
  };
}

export async function defineFieldworkJobs(jobs: JobQueue, db: Db): Promise<void> {
  const lookBack = sweepWindows();
  await jobs.define({
    name: 'fieldwork.terminal',
    policy: 'stately',
    cron: '* * * * *',
    run: async () => void (await sweepNewCases(db, new Date(), lookBack())),
  });
}
