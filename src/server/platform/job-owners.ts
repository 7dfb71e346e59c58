import { randomInt } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/engine';

/**
 * Which server process runs each running job, so that a job whose process was killed is run again by another at
 * once rather than after its expiry (an hour for an import). PostgreSQL only: on PGlite one process owns the
 * folder and hands its own orphans back at start (jobs.ts).
 *
 * Each process holds, for its whole life, an advisory lock under its own random number on a connection of its
 * own; the database drops the lock the moment that connection dies with the process. A job taken is written in
 * `job_owners` under that number and removed when it ends. Every few seconds each process looks for owners
 * whose lock is gone and fails their jobs in the queue, which retries them (while tries remain) in whichever
 * process is free: the job carries on from its last committed step (a resident import resumes after its last
 * batch).
 */
const LOCK_SPACE = 20220331;

export class JobOwners {
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly db: Db,
    private readonly life: pg.Client,
    readonly me: number,
  ) {}

  /** Takes this process's lock (null on PGlite or without a URL to open the lock's own connection). */
  static async start(db: Db, databaseUrl: string | undefined): Promise<JobOwners | null> {
    if (db.engine !== 'postgres' || !databaseUrl) return null;
    const life = new pg.Client({ connectionString: databaseUrl });
    life.on('error', () => {}); // a broken connection drops the lock: other processes then hand our jobs back
    await life.connect();
    const me = randomInt(1, 2 ** 31 - 1);
    await life.query('SELECT pg_advisory_lock($1, $2)', [LOCK_SPACE, me]);
    return new JobOwners(db, life, me);
  }

  async took(queue: string, jobId: string) {
    await this.db.query('INSERT INTO job_owners (job_id, queue, owner) VALUES ($1, $2, $3) ON CONFLICT (job_id) DO UPDATE SET owner = $3, since = now()', [
      jobId,
      queue,
      this.me,
    ]);
  }

  async ended(jobId: string) {
    await this.db.query('DELETE FROM job_owners WHERE job_id = $1 AND owner = $2', [jobId, this.me]);
  }

  /** Jobs of processes whose lock is gone; each is removed from the table by whoever finds it first. */
  async orphans(): Promise<Array<{ queue: string; jobId: string }>> {
    const rows = await this.db.query<{ queue: string; job_id: string }>(
      `DELETE FROM job_owners o
        WHERE NOT EXISTS (
          SELECT 1 FROM pg_locks l
           WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND l.classid = $1::int::oid AND l.objid = o.owner::oid AND l.objsubid = 2 AND l.granted)
      RETURNING queue, job_id::text`,
      [LOCK_SPACE],
    );
    return rows.map((r) => ({ queue: r.queue, jobId: r.job_id }));
  }

  /** Looks for orphans every `seconds` and passes them to `handBack`. */
  watch(seconds: number, handBack: (orphans: Array<{ queue: string; jobId: string }>) => Promise<void>) {
    const tick = async () => {
      try {
        const found = await this.orphans();
        if (found.length) await handBack(found);
      } catch {
        // A missed look is made at the next tick; the job's expiry remains the last resort.
      }
    };
    this.timer = setInterval(() => void tick(), seconds * 1000);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.life.end().catch(() => {});
  }
}
