import type { Db, Queryable } from '../../db/engine';
import { type AuditActor, audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { JobQueue } from '../../platform/jobs';
import { casesAmongIdNumbers } from '../tracing';
import * as ledgerRepo from './ledger-repo';
import * as repo from './repo';

/**
 * Suspension (停工) when a case is found among the staff: the staff's ID numbers matched against the case register
 * through the tracing module's face. A resumed enterprise (or one applying) stops; an open application is ended with
 * the reason. It resumes again only through a new application, approved town → county. Runs after each staff import,
 * on demand from the enterprise's page, and as a sweep every ten minutes (a case opened later is found there).
 */
export const SUSPENDED_FOR_CASE = 'staff_case';
const JOB_ACTOR: AuditActor = { actorId: null, actorName: 'enterprises.case-sweep', requestId: null, clientIp: null };

export async function checkStaffCases(db: Db, who: Ctx | AuditActor, enterpriseId: number): Promise<{ cases: number; suspended: boolean }> {
  const cases = await casesAmongIdNumbers(db, await ledgerRepo.activeIdNumbers(db, enterpriseId));
  if (!cases.length) return { cases: 0, suspended: false };
  const suspended = await db.tx(async (tx) => suspendIfAtWork(tx, who, enterpriseId, cases.length));
  return { cases: new Set(cases.map((c) => c.idNumber)).size, suspended };
}

async function suspendIfAtWork(tx: Queryable, who: Ctx | AuditActor, enterpriseId: number, count: number): Promise<boolean> {
  const [e] = await tx.query<{ status: string; area_path: string }>('SELECT status, area_path FROM enterprises WHERE id = $1 FOR UPDATE', [enterpriseId]);
  if (!e || (e.status !== 'resumed' && e.status !== 'applying')) return false;
  await repo.refuseOpenApplication(tx, enterpriseId, '员工中发现病例，企业已停工');
  await repo.setStatus(tx, enterpriseId, 'suspended', { reason: SUSPENDED_FOR_CASE });
  // The trail says how many, never who: the case register holds the people.
  await audit(tx, who, {
    action: 'suspend',
    entity: 'enterprise',
    entityId: enterpriseId,
    areaPath: e.area_path,
    after: { reason: SUSPENDED_FOR_CASE, cases: count, from: e.status },
  });
  return true;
}

export async function sweep(db: Db): Promise<number> {
  let n = 0;
  for (const id of await ledgerRepo.enterprisesToSweep(db)) if ((await checkStaffCases(db, JOB_ACTOR, id)).suspended) n++;
  return n;
}

export async function defineEnterpriseJobs(jobs: JobQueue, db: Db): Promise<void> {
  await jobs.define({ name: 'enterprises.case-sweep', policy: 'stately', cron: '*/10 * * * *', run: async () => void (await sweep(db)) });
}
