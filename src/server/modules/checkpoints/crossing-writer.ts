import type { Queryable } from '../../db/engine';
import { groupCommit, perDatabase } from '../../platform/group-commit';
import * as repo from './crossings-repo';

/**
 * The roadside's writes, group-committed (platform/group-commit.ts): at a rush the crossings of many phones go
 * in one statement and one commit, each phone answered after it. Up to 200 in one statement (a few hundred
 * kilobytes of parameters), three writes in flight so the rest of the pool stays free for everyone else.
 */
export const crossingWriter = perDatabase((db: Queryable) =>
  groupCommit<repo.PendingCrossing, repo.CrossingOutcome>({
    maxItems: 200,
    maxWaitMs: 0,
    concurrency: 3,
    writeMany: (items) => repo.insertCrossings(db, items),
    writeOne: (item) => repo.insertCrossing(db, item),
  }),
);
