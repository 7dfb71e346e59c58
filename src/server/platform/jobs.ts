import PgBoss from 'pg-boss';
import type { Db, Queryable } from '../db/engine';
import { JobOwners } from './job-owners';

/**
 * The one background-job mechanism: pg-boss, keeping its jobs in the same database as everything else
 * (PGlite or PostgreSQL, through our own adapter), so a job survives a restart and, on PostgreSQL, runs in
 * whichever server process is free. Modules define their jobs once (name, what to run, retries, "one at a
 * time", a schedule) and send them, inside the transaction that makes them necessary when there is one.
 *
 *   jobs.define({ name: 'monitoring.sweep', policy: 'singleton', cron: '*\/15 * * * *', run: async () => sweep(db) });
 *   await jobs.send('residents.import', { importId }, { tx });
 *
 * Retries, back-off, schedules and the singleton rule are pg-boss's, not written by hand here.
 */
export interface JobDefinition<T extends object = object> {
  /** `<module>.<job>`: also the queue's name. */
  name: string;
  run(data: T, job: { id: string; attempt: number }): Promise<void>;
  /** Tries after the first failure (default 2), with exponential back-off from retryDelaySeconds (default 10). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A run taking longer than this is counted failed and retried (default 15 minutes). */
  expireInSeconds?: number;
  /**
   * 'standard': any number at once; 'singleton': at most one running at a time across every process;
   * 'stately': at most one waiting and one running (a schedule that fires while the last run is still going
   * adds nothing).
   */
  policy?: 'standard' | 'singleton' | 'stately';
  /** A cron schedule in the deployment's time zone (pg-boss checks schedules every 30 s). */
  cron?: string;
  /** How often an idle worker asks for work (default 2 s; pg-boss allows 0.5 at the least). */
  pollingIntervalSeconds?: number;
}

export interface JobQueueOptions {
  timeZone: string;
  log: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
  /** Run workers in this process (default true; a process may only send). */
  work?: boolean;
  /** How many days finished jobs are kept before pg-boss deletes them (default 7). */
  keepDays?: number;
  /**
   * PostgreSQL: the URL this process opens its life-lock connection with (job-owners.ts), so a job of a killed
   * process is run again by another within seconds. Without it the job's expiry decides.
   */
  databaseUrl?: string;
}

/** pg-boss speaks to the database through this: statements with parameters, and its own scripts without. */
function executor(db: Db, q: Queryable = db): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: await q.query(text, values) };
      return { rows: q === db ? await db.script(text) : await q.query(text) };
    },
  };
}

export class JobQueue {
  private readonly defs = new Map<string, JobDefinition<any>>();
  /** This process's worker of each queue, woken at once when this process sends it a job. */
  private readonly workers = new Map<string, string>();
  private started = false;
  private readonly stopListeners: Array<() => void> = [];
  private owners: JobOwners | null = null;

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Db,
    private readonly opts: JobQueueOptions,
  ) {}

  /** Opens the queue (creating or migrating pg-boss's own schema) on an open, migrated database. */
  static async start(db: Db, opts: JobQueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      db: executor(db),
      // Each PostgreSQL test file has its own schema; its jobs live beside it.
      schema: db.schema ? `${db.schema}_jobs` : 'pgboss',
      supervise: opts.work !== false,
      schedule: opts.work !== false,
      migrate: true,
      deleteAfterDays: opts.keepDays ?? 7,
      // The queue's own monitoring is not needed: nothing reads it.
      monitorStateIntervalMinutes: 60,
    });
    const queue = new JobQueue(boss, db, opts);
    boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));
    await boss.start();
    queue.started = true;
    // One PGlite folder has exactly one server process (engine.ts locks it), so any job still marked running
    // was cut off by a crash or a kill: hand it back now rather than after its expiry. On PostgreSQL another
    // process may still be running it; there the expiry decides.
    if (db.engine === 'pglite') await queue.retryOrphans();
    // On PostgreSQL a process knows its peers' jobs are orphans when their life-lock is gone.
    if (opts.work !== false) {
      queue.owners = await JobOwners.start(db, opts.databaseUrl);
      queue.owners?.watch(5, async (orphans) => {
        for (const o of orphans) await boss.fail(o.queue, o.jobId, { reason: 'the server process running this job stopped' }).catch(() => {});
        opts.log.warn({ jobs: orphans.length }, 'jobs of a server process that stopped handed back to the queue');
      });
    }
    return queue;
  }

  /** Registers a job: its queue, its worker in this process, and its schedule. */
  async define<T extends object>(def: JobDefinition<T>): Promise<void> {
    if (this.defs.has(def.name)) throw new Error(`job ${def.name} defined twice`);
    this.defs.set(def.name, def);
    const retry = { retryLimit: def.retryLimit ?? 2, retryDelay: def.retryDelaySeconds ?? 10, retryBackoff: true };
    await this.createQueueOnce(def.name, { name: def.name, policy: def.policy ?? 'standard', expireInSeconds: def.expireInSeconds ?? 900, ...retry });
    if (this.opts.work !== false) {
      const workerId = await this.boss.work<T>(
        def.name,
        { pollingIntervalSeconds: def.pollingIntervalSeconds ?? 2, batchSize: 1, includeMetadata: true },
        async ([job]) => {
          await this.owners?.took(def.name, job.id);
          try {
            await def.run(job.data, { id: job.id, attempt: job.retryCount + 1 });
          } catch (err) {
            this.opts.log.warn({ err, job: def.name, id: job.id, attempt: job.retryCount + 1 }, 'job failed; pg-boss retries it while tries remain');
            throw err;
          } finally {
            await this.owners?.ended(job.id).catch(() => {});
          }
        },
      );
      this.workers.set(def.name, workerId);
    }
    if (def.cron) await this.boss.schedule(def.name, def.cron, {}, { tz: this.opts.timeZone, singletonKey: def.name });
    else await this.boss.unschedule(def.name).catch(() => {});
  }

  /**
   * pg-boss 10 creates a queue's partition without a lock of its own: two processes starting at once and each
   * creating a different queue take the queue table's locks in opposite orders (the insert, then the foreign key
   * of the new partition), and PostgreSQL ends one of them with "deadlock detected". The loser only has to try
   * again — by then the other's queue exists, and its own goes in alone. A queue already there is not touched.
   */
  private async createQueueOnce(name: string, options: PgBoss.Queue): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (await this.boss.getQueue(name)) return;
      try {
        await this.boss.createQueue(name, options);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if ((code !== '40P01' && code !== '55P03') || attempt >= 8) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
      }
    }
  }

  /**
   * Queues a job. Pass the transaction that makes it necessary (`tx`): the job exists only if that
   * transaction commits. `singletonKey`: a second job with the same key is not added while one waits.
   */
  async send<T extends object>(
    name: string,
    data: T,
    opts: { tx?: Queryable; singletonKey?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    if (!this.defs.has(name)) throw new Error(`job ${name} is not defined`);
    const id = await this.boss.send(name, data, {
      ...(opts.tx ? { db: executor(this.db, opts.tx) } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
    });
    // Sent outside a transaction, the job is there now: this process's worker need not wait for its next poll.
    const worker = this.workers.get(name);
    if (id && worker && !opts.tx && !opts.startAfterSeconds) this.boss.notifyWorker(worker);
    return id;
  }

  /** A job's state as pg-boss keeps it: created, retry, active, completed, cancelled, failed. */
  async stateOf(name: string, id: string): Promise<{ state: string; retryCount: number; output: unknown } | null> {
    const job = await this.boss.getJobById(name, id, { includeArchive: true });
    return job ? { state: job.state, retryCount: job.retryCount, output: job.output } : null;
  }

  /** Hands jobs still marked running back to the queue (they retry while tries remain). */
  private async retryOrphans(): Promise<void> {
    const schema = this.db.schema ? `${this.db.schema}_jobs` : 'pgboss';
    const rows = await this.db.query<{ name: string; id: string }>(`SELECT name, id::text AS id FROM ${schema}.job WHERE state = 'active'`);
    for (const r of rows) await this.boss.fail(r.name, r.id, { reason: 'the server stopped while this job ran' });
    if (rows.length) this.opts.log.warn({ jobs: rows.length }, 'jobs cut off by the last stop handed back to the queue');
  }

  /** Called when the queue starts stopping, before it waits for running jobs: long jobs end at their next step. */
  onStop(listener: () => void): void {
    this.stopListeners.push(listener);
  }

  /** Stops taking work, waits for running jobs (up to `timeoutSeconds`), and closes. */
  async stop(timeoutSeconds = 30): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const listener of this.stopListeners) listener();
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutSeconds * 1000, close: false });
    await this.owners?.stop();
  }
}
