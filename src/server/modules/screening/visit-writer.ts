import type { Db, Queryable } from '../../db/engine';
import { groupCommit, perDatabase, retryDeadlock } from '../../platform/group-commit';

/** One visit's writes, run in the transaction it is handed: its claim, its roster changes, task, attempt and audit row. */
export type VisitWrite = (tx: Queryable) => Promise<number | null>;

/**
 * The phones' visits, group-committed (platform/group-commit.ts). A visit's writes are several statements (its claim,
 * the target's task closed and attempt recorded, its data, its audit row, and on some visits roster changes, arrivals
 * or a fever alert); written alone each visit paid its own transaction, its own commit and its own turn on the audit
 * chain's lock, held until that commit — about 230 a second from 50 phones. Here the visits waiting at one moment run
 * one after another in ONE transaction, each by its unchanged statements (a resend within the batch finds its first
 * send's claim and writes nothing), with one commit and one turn on the lock for all. A batch that fails (one visit's
 * check failing inside, a racing claim) is rolled back whole and written again one visit per transaction, so only the
 * visit that really fails sees its error.
 */
export const visitWriter = perDatabase((db: Db) =>
  groupCommit<VisitWrite, number | null>({
    maxItems: 50,
    maxWaitMs: 0,
    // One batch at a time: the batches queue on the audit chain's lock anyway, and two at once could each hold a row
    // (a target, a task) the other waits for while holding that lock.
    concurrency: 1,
    writeMany: (writes) =>
      db.tx(async (tx) => {
        const ids: (number | null)[] = [];
        for (const write of writes) ids.push(await write(tx));
        return ids;
      }),
    writeOne: (write) => retryDeadlock(() => db.tx(write)),
  }),
);
