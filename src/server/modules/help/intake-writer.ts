import type { Db } from '../../db/engine';
import { groupCommit, perDatabase, retryDeadlock } from '../../platform/group-commit';
import { intakePublicMany, type PublicSubmission } from './intake-batch';
import { type IntakeRow, intake } from './intake-repo';

/**
 * The public page's submissions, group-committed (platform/group-commit.ts). At a rush every submission written
 * alone paid its own transaction and its own turn on the audit chain's lock, held until its commit — 135 a second
 * on PostgreSQL however many phones waited. Here the submissions waiting at one moment go in one set-based
 * statement (intake-batch.ts: the same resend and conflict rules as intake's, a resend of a submission in the same
 * batch answered from the first), with one commit and one turn on the lock for the batch.
 * A batch that fails (a racing resend's unique client id, a clashing tracking code) is written again one by one,
 * so only the submission that really fails sees its error.
 */
export const publicIntakeWriter = perDatabase((db: Db) =>
  groupCommit<PublicSubmission, IntakeRow>({
    maxItems: 100,
    maxWaitMs: 0,
    // One batch at a time: the batches queue on the audit chain's lock anyway, and two at once could each hold what
    // the other waits for (a submission in one, its resend in the other) — PostgreSQL then aborts one as a deadlock.
    concurrency: 1,
    writeMany: (items) => intakePublicMany(db, items),
    writeOne: (it) => retryDeadlock(() => intake(db, it.v, it.who)),
  }),
);
