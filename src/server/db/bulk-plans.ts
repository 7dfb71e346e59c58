import { type Engine, type Queryable, planForBulkWrite } from './engine';

/**
 * When a long bulk write — an import's batches — makes its plans afresh (planForBulkWrite). Each batch used to, and
 * on PGlite, whose batches are 100 rows, that was a third of a 100,000-row commit: every batch's key checks were
 * planned six times over (five custom plans, then the generic one), 1,000 times. Plans are now made afresh:
 * - at the job's first batch, dropping whatever plans the connection kept from elsewhere;
 * - in each new transaction on PostgreSQL, whose pool may hand over any connection with any plans kept;
 * - once the rows the job has written have doubled since the plans were made: a plan made when a table was nearly
 *   empty (the trap PLAN_CACHE_MODE avoids) is kept only until the job has written as much again.
 * A new transaction on PGlite in between (a valid-rows commit writes a transaction per batch) only sets the mode
 * again: PGlite has one connection, and the generic plans it holds are the ones this job made.
 */
export class BulkPlans {
  private tx: Queryable | null = null;
  private written = 0;
  private renewAt = 0;

  constructor(private readonly engine: Engine) {}

  /** Call at the start of each batch, in the batch's transaction. */
  async beforeBatch(tx: Queryable): Promise<void> {
    const newTx = tx !== this.tx;
    this.tx = tx;
    if (this.written >= this.renewAt || (newTx && this.engine === 'postgres')) {
      await planForBulkWrite(tx);
      this.renewAt = Math.max(2 * this.written, 1);
    } else if (newTx) {
      await planForBulkWrite(tx, { keepPlans: true });
    }
  }

  /** Counts the rows of the batch being written (the doubling follows the rows written). */
  wrote(rows: number): void {
    this.written += rows;
  }
}
