import type { Db, Queryable } from '../db/engine';

/**
 * Group commit for the field's high-volume writes (crossings now; desk bindings, visits and follow-ups next).
 *
 * At the peak hundreds of phones each send one small record. Written one by one, every record pays its own
 * transaction, its own commit (a disk flush on PostgreSQL) and its own turn on the audit chain's lock, which
 * every audited write takes until it commits — so the writes queue behind each other. Here concurrent
 * records wait a bounded moment (`maxWaitMs`, or until `maxItems` are waiting) and are written together by
 * one set-based statement in one transaction; each caller is answered after that commit with its own outcome.
 *
 * The batches form by themselves: while a write is in flight the records arriving queue up and go in the next
 * one, so a quiet server answers after one write and a busy one writes bigger batches, never more than
 * `concurrency` at a time (each holds a pooled connection).
 *
 * A failed batch never fails its neighbours: when `writeMany` throws, every record in it is written again on
 * its own (`writeOne`), and only the record that really fails gets the error.
 */
export interface GroupCommitOptions<I, O> {
  /** Writes the records in one transaction and returns one outcome per record, in their order. */
  writeMany(items: I[]): Promise<O[]>;
  /** Writes one record alone: the fallback after a failed batch, so one bad record fails only itself. */
  writeOne(item: I): Promise<O>;
  /** The most records in one write. */
  maxItems: number;
  /** How long the first record of a batch may wait for others (0: the next turn of the event loop). */
  maxWaitMs: number;
  /** Writes in flight at once. */
  concurrency: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(o: O): void;
  reject(e: unknown): void;
}

export interface GroupCommit<I, O> {
  /** Queues one record; resolves with its outcome once the transaction that wrote it has committed. */
  write(item: I): Promise<O>;
  /** How many batches and records have been written: for tests and benches. */
  readonly stats: { batches: number; items: number; fallbacks: number };
}

export function groupCommit<I, O>(opts: GroupCommitOptions<I, O>): GroupCommit<I, O> {
  const queue: Waiting<I, O>[] = [];
  const stats = { batches: 0, items: 0, fallbacks: 0 };
  let inFlight = 0;
  /** The pending wake-up of a forming batch, as the way to cancel it (a timeout or an immediate). */
  let timer: (() => void) | null = null;

  const arm = () => {
    if (timer || !queue.length || inFlight >= opts.concurrency) return;
    if (queue.length >= opts.maxItems) {
      flush();
      return;
    }
    if (opts.maxWaitMs > 0) {
      const t = setTimeout(fire, opts.maxWaitMs);
      timer = () => clearTimeout(t);
    } else {
      const t = setImmediate(fire);
      timer = () => clearImmediate(t);
    }
  };
  const fire = () => {
    timer = null;
    flush();
  };

  const flush = () => {
    while (queue.length && inFlight < opts.concurrency) {
      const batch = queue.splice(0, opts.maxItems);
      inFlight++;
      run(batch).finally(() => {
        inFlight--;
        arm();
      });
    }
  };

  const run = async (batch: Waiting<I, O>[]) => {
    stats.batches++;
    stats.items += batch.length;
    let outcomes: O[];
    try {
      outcomes = await opts.writeMany(batch.map((w) => w.item));
      if (outcomes.length !== batch.length) throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} records`);
    } catch (e) {
      if (batch.length === 1) {
        batch[0].reject(e);
        return;
      }
      // Nothing of the batch was committed (one transaction): each record again, alone.
      stats.fallbacks++;
      await Promise.all(
        batch.map((w) =>
          opts.writeOne(w.item).then(
            (o) => w.resolve(o),
            (err) => w.reject(err),
          ),
        ),
      );
      return;
    }
    for (const [i, w] of batch.entries()) w.resolve(outcomes[i]);
  };

  return {
    stats,
    write(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= opts.maxItems && timer) {
          // A full batch does not wait out the rest of the moment.
          timer();
          timer = null;
        }
        arm();
      });
    },
  };
}

/**
 * One group-commit writer per database handle: the writer holds the queue, the handle the connections.
 * Tests open many apps (databases) in one process; each gets its own writer.
 */
export function perDatabase<D extends object, I, O>(make: (db: D) => GroupCommit<I, O>): (db: D) => GroupCommit<I, O> {
  const writers = new WeakMap<D, GroupCommit<I, O>>();
  return (db) => {
    let w = writers.get(db);
    if (!w) {
      w = make(db);
      writers.set(db, w);
    }
    return w;
  };
}

/**
 * A failed batch's records are written again one by one, side by side: one of them may meet another writer's turn
 * on the audit chain's lock in a cycle, which PostgreSQL breaks by aborting one statement (40P01). Nothing of it
 * was written; it is tried again, a few times, rather than answered with a 500. For the writers' `writeOne`.
 */
export async function retryDeadlock<T>(run: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if ((e as { code?: string })?.code !== '40P01' || i >= tries) throw e;
    }
  }
}

/**
 * A batch's records, one per client id, for a set-based statement: a resend queued beside its first send is written
 * once. `unique` holds the first record of each id, in order (a statement numbers them 1, 2, … WITH ORDINALITY);
 * `outcomes` answers every record — a first by its number among `unique`, a repeat with `repeat`.
 */
export function firstPerClientId<T>(items: readonly T[], clientId: (item: T) => string) {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    if (!first.has(clientId(item))) first.set(clientId(item), i);
  });
  const isFirst = (item: T, i: number) => first.get(clientId(item)) === i;
  return {
    unique: items.filter(isFirst),
    outcomes<O>(byNumber: (n: number) => O, repeat: O): O[] {
      let n = 0;
      return items.map((item, i) => (isFirst(item, i) ? byNumber(++n) : repeat));
    },
  };
}

/** One write's statements, run in the transaction it is handed; answers the write's outcome. */
export type TxWrite<O> = (tx: Queryable) => Promise<O>;

/**
 * Group commit for writes whose statements stay as they are (a visit, a follow-up's reading): the writes waiting
 * at one moment run one after another in ONE transaction, each by its own statements, with one commit and one
 * turn on the audit chain's lock for all — where each alone paid its own transaction, commit and turn. A batch
 * that fails (one write's check failing inside it, a racing claim) is rolled back whole and written again one
 * write per transaction, so only the write that really fails sees its error. One batch at a time: the batches
 * queue on the audit chain's lock anyway, and two at once could each hold a row the other waits for while
 * holding that lock.
 */
export function sharedTransactions<O>(db: Db, maxItems: number): GroupCommit<TxWrite<O>, O> {
  return groupCommit<TxWrite<O>, O>({
    maxItems,
    maxWaitMs: 0,
    concurrency: 1,
    writeMany: (writes) =>
      db.tx(async (tx) => {
        const out: O[] = [];
        for (const write of writes) out.push(await write(tx));
        return out;
      }),
    writeOne: (write) => retryDeadlock(() => db.tx(write)),
  });
}
