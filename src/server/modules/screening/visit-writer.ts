import type { Db } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { groupCommit, perDatabase, retryDeadlock, sharedTransactions, type TxWrite } from '../../platform/group-commit';
import * as monitoring from '../monitoring';
import { type PlainVisit, type PlainVisitOutcome, insertPlainVisits } from './visit-batch-repo';
import type { VisitKey } from './visit-repo';

/** One visit's writes, run in the transaction it is handed: its claim, its roster changes, task, attempt and audit row. */
export type VisitWrite = TxWrite<VisitKey | null>;

/**
 * The phones' visits, group-committed (platform/group-commit.ts, `sharedTransactions`). A visit's writes are several
 * statements (its claim, the target's task closed and attempt recorded, its data, its audit row, and on some visits
 * roster changes, arrivals or a fever alert); written alone each visit paid its own transaction, its own commit and
 * its own turn on the audit chain's lock, held until that commit — about 230 a second from 50 phones. Here the visits
 * waiting at one moment share one transaction, each by its unchanged statements (a resend within the batch finds its
 * first send's claim and writes nothing). The plain visits — most of them — take `plainVisitWriter` instead.
 */
export const visitWriter = perDatabase((db: Db) => sharedTransactions<VisitKey | null>(db, 50));

export interface PendingPlainVisit {
  ctx: Ctx;
  visit: PlainVisit;
}

/** A plain visit's outcome, or `alert`: its reading raises a fever alert, which only the full path writes (nothing was). */
export type PlainWriteOutcome = PlainVisitOutcome | { kind: 'alert' };

/**
 * The plain visits (visit-batch-repo.ts), group-committed by one set-based statement per batch: up to 200 at once,
 * one batch in flight. Two or three in flight answered no faster (each batch's audit rows wait on the chain's lock
 * for the one before to commit) and made smaller batches, each planned afresh: the database spent a third more CPU
 * on a visit.
 * The alert policy is read once per batch, and only when a visit in it has a temperature or a symptom: a visit whose
 * reading must raise an alert is not written here and is answered `alert`.
 */
export const plainVisitWriter = perDatabase((db: Db) =>
  groupCommit<PendingPlainVisit, PlainWriteOutcome>({
    maxItems: 200,
    maxWaitMs: 0,
    concurrency: 1,
    writeMany: (items) => writePlain(db, items),
    writeOne: (item) => retryDeadlock(() => writePlain(db, [item])).then(([o]) => o),
  }),
);

async function writePlain(db: Db, items: PendingPlainVisit[]): Promise<PlainWriteOutcome[]> {
  const policies = new Map<string, Promise<monitoring.AlertPolicy>>();
  const alerting = await Promise.all(
    items.map(async ({ ctx, visit: v }) => {
      if (v.outcome !== 'visited' || (v.temperature === null && !v.symptoms.length)) return false;
      let policy = policies.get(ctx.today);
      if (!policy) policies.set(ctx.today, (policy = monitoring.alertPolicy(ctx)));
      return monitoring.mustAlert(await policy, v.temperature, v.symptoms);
    }),
  );
  const plain = items.filter((_, i) => !alerting[i]).map((x) => x.visit);
  const written = plain.length ? await insertPlainVisits(db, plain) : [];
  let next = 0;
  return items.map((_, i) => (alerting[i] ? { kind: 'alert' } : written[next++]));
}
