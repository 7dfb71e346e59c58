import type { Db } from '../../db/engine';
import { groupCommit, perDatabase, retryDeadlock } from '../../platform/group-commit';
import { type OpenTubeItem, type TubeRow, openTubes } from './repo';

/**
 * The desks' new tubes, group-committed like their scans (bind-writer.ts). A desk opens a tube every 5–20 people,
 * so at the peak the openings came one statement each, each with its own commit and its own turn on the audit
 * chain's lock — between the scans' batches, which hold that lock too. Measured before (bench:sampling, 64 desks
 * on PostgreSQL): 2,695 openings in 10 s, each waiting 2.8 ms for the lock on average. Here the openings waiting at
 * one moment are written by one statement (repo/desk.ts, openTubes), each desk answered after its commit.
 */
export const tubeWriter = perDatabase((db: Db) =>
  groupCommit<OpenTubeItem, TubeRow | null>({
    maxItems: 100,
    maxWaitMs: 0,
    // One batch at a time, as the scans: two would only queue on the audit chain's lock.
    concurrency: 1,
    writeMany: (items) => openTubes(db, items),
    // A batch that failed (one statement, nothing written) is written again one tube per statement; a desk's old
    // tube closed by one of them while another statement holds it is a deadlock PostgreSQL breaks: tried again.
    writeOne: (item) => retryDeadlock(() => openTubes(db, [item]).then(([t]) => t)),
  }),
);
