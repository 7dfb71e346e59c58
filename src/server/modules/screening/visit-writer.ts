import type { Db } from '../../db/engine';
import { perDatabase, sharedTransactions, type TxWrite } from '../../platform/group-commit';

/** One visit's writes, run in the transaction it is handed: its claim, its roster changes, task, attempt and audit row. */
export type VisitWrite = TxWrite<number | null>;

/**
 * The phones' visits, group-committed (platform/group-commit.ts, `sharedTransactions`). A visit's writes are several
 * statements (its claim, the target's task closed and attempt recorded, its data, its audit row, and on some visits
 * roster changes, arrivals or a fever alert); written alone each visit paid its own transaction, its own commit and
 * its own turn on the audit chain's lock, held until that commit — about 230 a second from 50 phones. Here the visits
 * waiting at one moment share one transaction, each by its unchanged statements (a resend within the batch finds its
 * first send's claim and writes nothing).
 */
export const visitWriter = perDatabase((db: Db) => sharedTransactions<number | null>(db, 50));
