import { describe, expect, it } from 'vitest';
import { BulkPlans } from './bulk-plans';
import type { Engine, Queryable } from './engine';

/** A transaction that records what it was asked to run into the current batch's list. */
function fakeTx(current: () => string[]): Queryable {
  return {
    async query() {
      return [];
    },
    async execute() {
      return 0;
    },
    async exec(sql) {
      current().push(sql.startsWith('DISCARD PLANS') ? 'renew' : 'mode');
    },
    async copyFrom() {
      return 0;
    },
  };
}

/** What each of `batches` batches of `rows` rows ran, in one transaction or a transaction each. */
async function schedule(engine: Engine, batches: number, rows: number, txPerBatch: boolean) {
  const plans = new BulkPlans(engine);
  let log: string[] = [];
  const shared = fakeTx(() => log);
  const steps: string[] = [];
  for (let b = 0; b < batches; b++) {
    log = [];
    await plans.beforeBatch(txPerBatch ? fakeTx(() => log) : shared);
    plans.wrote(rows);
    steps.push(log.join('+') || '-');
  }
  return steps;
}

const renewedAt = (steps: string[]) => steps.flatMap((s, i) => (s === 'renew' ? [i + 1] : []));

describe('BulkPlans: when a bulk write plans afresh', () => {
  it('in one transaction: at the first batch, then each time the rows written have doubled', async () => {
    // 100-row batches: renewed before batches 1, 2, 3, 5, 9, 17, 33 (0, 100, 200, 400, 800, 1,600, 3,200 rows written).
    for (const engine of ['pglite', 'postgres'] as const) {
      const steps = await schedule(engine, 40, 100, false);
      expect(renewedAt(steps)).toEqual([1, 2, 3, 5, 9, 17, 33]);
      expect(steps.filter((s) => s === '-')).toHaveLength(33);
    }
  });

  it('a transaction per batch on PGlite: the mode set in each, plans renewed on the same doubling', async () => {
    const steps = await schedule('pglite', 12, 100, true);
    expect(renewedAt(steps)).toEqual([1, 2, 3, 5, 9]);
    expect(steps.filter((s) => s !== 'renew').every((s) => s === 'mode')).toBe(true);
  });

  it('a transaction per batch on PostgreSQL: renewed in every one (the pool may hand over any connection)', async () => {
    expect(await schedule('postgres', 6, 4000, true)).toEqual(Array(6).fill('renew'));
  });

  it('batches that write nothing (every row refused) renew nothing after the first', async () => {
    expect(await schedule('pglite', 5, 0, false)).toEqual(['renew', '-', '-', '-', '-']);
  });
});
