import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../db/engine';
import { freshDb } from '../testing/harness';
import { JobQueue } from './jobs';

/** The job queue on this engine (PGlite, or PostgreSQL with TEST_DATABASE_URL), and across a restart on PGlite. */
const log = { warn: () => {}, error: () => {} };
const until = async (what: () => Promise<boolean> | boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

let db: Db;
let jobs: JobQueue;
beforeAll(async () => {
  db = await freshDb();
  jobs = await JobQueue.start(db, { timeZone: 'Asia/Shanghai', log });
}, 60_000);
afterAll(async () => {
  await jobs?.stop(5);
  if (db?.schema) await db.exec(`DROP SCHEMA ${db.schema} CASCADE; DROP SCHEMA IF EXISTS ${db.schema}_jobs CASCADE`);
  await db?.close();
});

describe('job queue', () => {
  it('runs a job sent, and retries a failing one until it succeeds', async () => {
    const seen: Array<{ n: number; attempt: number }> = [];
    await jobs.define<{ n: number }>({
      name: 'test.flaky',
      retryLimit: 3,
      retryDelaySeconds: 1,
      pollingIntervalSeconds: 0.5,
      run: async ({ n }, job) => {
        seen.push({ n, attempt: job.attempt });
        if (job.attempt < 2) throw new Error('first try fails');
      },
    });
    const id = (await jobs.send('test.flaky', { n: 7 }))!;
    await until(async () => (await jobs.stateOf('test.flaky', id))?.state === 'completed');
    expect(seen).toEqual([
      { n: 7, attempt: 1 },
      { n: 7, attempt: 2 },
    ]);
  });

  it('gives up after its tries and keeps the job as failed', async () => {
    let runs = 0;
    await jobs.define({
      name: 'test.broken',
      retryLimit: 1,
      retryDelaySeconds: 1,
      pollingIntervalSeconds: 0.5,
      run: async () => {
        runs++;
        throw new Error('always');
      },
    });
    const id = (await jobs.send('test.broken', {}))!;
    await until(async () => (await jobs.stateOf('test.broken', id))?.state === 'failed');
    expect(runs).toBe(2);
  });

  it('adds a job only when the transaction that sends it commits', async () => {
    const ran: string[] = [];
    await jobs.define<{ tag: string }>({ name: 'test.tx', pollingIntervalSeconds: 0.5, run: async ({ tag }) => void ran.push(tag) });
    await db.tx(async (tx) => {
      await jobs.send('test.tx', { tag: 'committed' }, { tx });
    });
    await expect(
      db.tx(async (tx) => {
        await jobs.send('test.tx', { tag: 'rolled back' }, { tx });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await until(() => ran.includes('committed'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(ran).toEqual(['committed']);
  });

  it('runs a singleton job one at a time', async () => {
    let running = 0;
    let most = 0;
    let done = 0;
    await jobs.define({
      name: 'test.single',
      policy: 'singleton',
      pollingIntervalSeconds: 0.5,
      run: async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 300));
        running--;
        done++;
      },
    });
    for (let i = 0; i < 3; i++) await jobs.send('test.single', { i });
    await until(() => done === 3);
    expect(most).toBe(1);
  });

  it('refuses to send a job nobody defined', async () => {
    await expect(jobs.send('test.unknown', {})).rejects.toThrow('not defined');
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('job queues of several processes starting at once (PostgreSQL)', () => {
  it('each defines its queues, in its own order, without "deadlock detected"', async () => {
    // Three processes' queues on one database, each on its own connections, as several servers start together.
    const names = Array.from({ length: 8 }, (_, i) => `test.start${i}`);
    const starts = await Promise.all(
      [0, 1, 2].map(async () => {
        const own = await openDb({ databaseUrl: process.env.TEST_DATABASE_URL, schema: db.schema ?? undefined, poolSize: 2 });
        return { own, queue: await JobQueue.start(own, { timeZone: 'Asia/Shanghai', log, work: false }) };
      }),
    );
    try {
      await Promise.all(
        starts.map(({ queue }, p) => {
          const order = p === 1 ? [...names].reverse() : p === 2 ? [...names.slice(4), ...names.slice(0, 4)] : names;
          return (async () => {
            for (const name of order) await queue.define({ name, run: async () => {} });
          })();
        }),
      );
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${db.schema}_jobs.queue WHERE name LIKE 'test.start%'`);
      expect(n).toBe(names.length);
    } finally {
      for (const { queue, own } of starts) {
        await queue.stop(5);
        await own.close();
      }
    }
  }, 60_000);
});

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('job queue across a restart (PGlite folder)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-jobs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a job sent before a restart runs after it; one cut off while running is run again', async () => {
    // First life: a job waits (no worker here), another is taken and the process "dies" mid-run.
    // The queue needs only its own tables: the app's migrations are left out to keep the two starts light.
    let db1 = await openDb({ dataDir });
    const first = await JobQueue.start(db1, { timeZone: 'Asia/Shanghai', log });
    let started = false;
    await first.define({ name: 'test.waiting', run: async () => {}, pollingIntervalSeconds: 0.5 });
    await first.define({
      name: 'test.cutoff',
      pollingIntervalSeconds: 0.5,
      run: () => {
        started = true;
        return new Promise(() => {}); // never ends: the process is about to stop under it
      },
    });
    const cutId = (await first.send('test.cutoff', {}))!;
    await until(() => started);
    // A crash leaves the job marked active; closing the database without stopping the queue does the same.
    await db1.close();
    db1 = undefined as never;

    // Second life on the same folder: the waiting job runs, and the cut-off one is tried again.
    const db2 = await openDb({ dataDir });
    const second = await JobQueue.start(db2, { timeZone: 'Asia/Shanghai', log });
    const ran: string[] = [];
    try {
      await second.define({ name: 'test.cutoff', pollingIntervalSeconds: 0.5, run: async () => void ran.push('cutoff') });
      await second.define({ name: 'test.waiting', pollingIntervalSeconds: 0.5, run: async () => void ran.push('waiting') });
      const waitingId = (await second.send('test.waiting', {}))!;
      // The cut-off job is handed back as a failed try, so it runs again after its back-off: 10 s doubled, half of
      // it random (pg-boss), 10–20 s. A 20 s wait failed when the draw was high on a busy machine.
      await until(() => ran.length === 2, 60_000);
      expect(ran.sort()).toEqual(['cutoff', 'waiting']);
      expect((await second.stateOf('test.cutoff', cutId))?.state).toBe('completed');
      expect((await second.stateOf('test.waiting', waitingId))?.state).toBe('completed');
    } finally {
      await second.stop(5);
      await db2.close();
    }
  }, 180_000);
});
