import type { Db } from '../../db/engine';
import { groupCommit, perDatabase, retryDeadlock } from '../../platform/group-commit';
import * as repo from './repo';

/**
 * The public enlistment form, group-committed (platform/group-commit.ts). When a branch's link goes round a group
 * chat, hundreds submit within a second; each alone paid its own commit and its own turn on the audit chain's lock
 * (p95 ~300 ms for 200 at once against ~100 ms for the same burst of health checks). Here the submissions waiting
 * at one moment go in one set-based statement (repo/enlistments-batch.ts) with one commit. A batch that fails is
 * written again one by one, so only the submission that really fails sees its error.
 */
export const enlistWriter = perDatabase((db: Db) =>
  groupCommit<repo.EnlistSubmission, { org_name: string | null; id: number | null }>({
    maxItems: 100,
    maxWaitMs: 0,
    // One batch at a time: the batches queue on the audit chain's lock anyway.
    concurrency: 1,
    writeMany: (items) => repo.submitEnlistmentsUnscoped(db, items),
    writeOne: (it) => retryDeadlock(() => repo.submitEnlistmentUnscoped(db, it.token, it.today, it.f, it.who, it.auditAfter)),
  }),
);
