import type { Db, Queryable } from '../db/engine';
import { todayIn } from './dates';
import type { JobQueue } from './jobs';

/**
 * Month partitions of an append-only table (docs/scale-out.md, "Monthly partitions"): the table is declared
 * `PARTITION BY RANGE (<time column>)` by its migration, with a DEFAULT partition, and its months are
 * `<table>_yYYYYmMM`, each from the first of the month at midnight in the deployment's time zone to the next.
 * Retention then drops a whole month (detach, drop) instead of deleting its rows one by one.
 *
 * The DEFAULT partition is the safety net: a write must never fail because its month was not created yet (a
 * server clock ahead, the daily job missed for weeks). What lands there stays there — this maintenance moves
 * nothing out of it (moving rows would lock the table for as long as it took), and a month whose rows are already
 * in the default is not created (PostgreSQL refuses it); the owner's row-by-row retention sweeps such rows.
 */

const NAME = /^[a-z_][a-z0-9_]*$/;
// The advisory lock's first key: "month partitions"; the second is the table's hash.
const LOCK_CLASS = 20261205;

export interface MonthPartition {
  name: string;
  /** The month's bounds, read from the catalog (not from the name): null for the default partition. */
  from: Date | null;
  to: Date | null;
  isDefault: boolean;
}

function checkName(table: string) {
  if (!NAME.test(table)) throw new Error(`not a table name: ${table}`);
}

/** `<table>_y2026m12` */
export function monthPartitionName(table: string, year: number, month: number): string {
  return `${table}_y${year}m${String(month).padStart(2, '0')}`;
}

/** The calendar month of `at` in the time zone, then the `ahead` months after it: [year, month] pairs. */
export function monthsFrom(at: Date, timeZone: string, ahead: number): [number, number][] {
  const [y, m] = todayIn(timeZone, at).split('-').map(Number);
  return Array.from({ length: ahead + 1 }, (_, i) => [y + Math.floor((m - 1 + i) / 12), ((m - 1 + i) % 12) + 1]);
}

/** A table's partitions and their bounds, oldest first, the default last. */
export async function listMonthPartitions(db: Queryable, table: string): Promise<MonthPartition[]> {
  checkName(table);
  // The bound's text prints each timestamptz in this session's zone with its offset, so it reads back exactly.
  const rows = await db.query<{ name: string; from_at: Date | null; to_at: Date | null; is_default: boolean }>(
    `SELECT c.relname AS name, b.m[1]::timestamptz AS from_at, b.m[2]::timestamptz AS to_at, b.expr = 'DEFAULT' AS is_default
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS expr) e
       CROSS JOIN LATERAL (SELECT e.expr, regexp_match(e.expr, $2) AS m) b
      WHERE i.inhparent = to_regclass($1)
      ORDER BY b.expr = 'DEFAULT', 2`,
    [table, `^FOR VALUES FROM \\('([^']+)'\\) TO \\('([^']+)'\\)$`],
  );
  return rows.map((r) => ({ name: r.name, from: r.from_at, to: r.to_at, isDefault: r.is_default }));
}

/**
 * Makes sure the default partition and the months from `now`'s to `ahead` months later exist; answers the
 * partitions it created. Several server processes may run it at once (each at start-up, and the daily job): they
 * take turns on an advisory lock, and the later finds the work done. A month PostgreSQL refuses — its rows already
 * in the default, or its range overlapping a month made in another time zone — is skipped and named in `skipped`:
 * its writes keep landing in the default.
 */
export async function ensureMonths(
  db: Db,
  p: { table: string; timeZone: string; ahead: number; now?: Date },
): Promise<{ created: string[]; skipped: string[] }> {
  checkName(p.table);
  const wanted = monthsFrom(p.now ?? new Date(), p.timeZone, p.ahead);
  const have = new Set((await listMonthPartitions(db, p.table)).map((x) => x.name));
  const hasDefault = have.has(`${p.table}_default`);
  const missing = wanted.filter(([y, m]) => !have.has(monthPartitionName(p.table, y, m)));
  if (!missing.length && hasDefault) return { created: [], skipped: [] };
  return db.tx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, p.table]);
    // Making a partition locks the whole table for a moment: behind a long read it would hold every write up
    // behind it, so it gives up after a few seconds instead (the months are made ahead; the job tries again).
    await tx.exec(`SET LOCAL lock_timeout = '5s'`);
    const created: string[] = [];
    const skipped: string[] = [];
    // Through migration 0066's functions, which run as the tables' owner: the app's role may not own them.
    await tx.query('SELECT month_partition_make($1, NULL, NULL, $2)', [p.table, p.timeZone]);
    // Read again under the lock: another process may have made them while this one waited.
    const now = new Set((await listMonthPartitions(tx, p.table)).map((x) => x.name));
    for (const [y, m] of missing) {
      const name = monthPartitionName(p.table, y, m);
      if (now.has(name)) continue;
      await tx.exec('SAVEPOINT month_partition');
      try {
        await tx.query('SELECT month_partition_make($1, $2, $3, $4)', [p.table, y, m, p.timeZone]);
        await tx.exec('RELEASE SAVEPOINT month_partition');
        created.push(name);
      } catch (err) {
        // 23514: rows of that month already in the default; 42P17: overlaps a partition made in another zone.
        const code = (err as { code?: string }).code;
        if (code !== '23514' && code !== '42P17') throw err;
        await tx.exec('ROLLBACK TO SAVEPOINT month_partition');
        skipped.push(name);
      }
    }
    return { created, skipped };
  });
}

/**
 * Detaches and drops each month partition whose whole month ends at or before `cutoff`, unless `keep` says a row
 * of it must stay (a legal hold); answers what went, with the rows each held (`dryRun`: what would go, dropping
 * nothing — a retention run's preview). Run inside the caller's transaction,
 * so the drop commits with the caller's record of it. The detach is the plain one: `DETACH … CONCURRENTLY` cannot
 * run in a transaction nor beside a default partition; the plain one holds the table's lock for a moment, at night.
 */
export async function dropMonthsBefore(
  tx: Queryable,
  p: { table: string; cutoff: Date; keep?: (partition: string, month: { from: Date; to: Date }) => Promise<boolean>; dryRun?: boolean },
): Promise<{ partition: string; rows: number }[]> {
  checkName(p.table);
  const dropped: { partition: string; rows: number }[] = [];
  for (const part of await listMonthPartitions(tx, p.table)) {
    if (part.isDefault || !part.from || !part.to || part.to.getTime() > p.cutoff.getTime()) continue;
    if (p.keep && (await p.keep(part.name, { from: part.from, to: part.to }))) continue;
    const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${part.name}`);
    if (p.dryRun) {
      dropped.push({ partition: part.name, rows: n });
      continue;
    }
    // As for making one: never queue every write behind a long read for long.
    if (!dropped.length) await tx.exec(`SET LOCAL lock_timeout = '5s'`);
    // As its owner, through migration 0066's function (which refuses the audit trail's months).
    await tx.query('SELECT month_partition_drop($1, $2)', [p.table, part.name]);
    dropped.push({ partition: part.name, rows: n });
  }
  return dropped;
}

/**
 * Keeps a table's coming months made: once now (a server starting), then daily through the job queue. A failure
 * at start-up is logged, not fatal — the default partition takes the writes until the job succeeds.
 */
export async function keepMonthsAhead(
  jobs: JobQueue,
  db: Db,
  p: { job: string; table: string; timeZone: string; ahead: number; log: { warn(obj: unknown, msg?: string): void } },
): Promise<void> {
  const ensure = async () => {
    const out = await ensureMonths(db, p);
    if (out.skipped.length) p.log.warn({ table: p.table, skipped: out.skipped }, 'month partitions not made: their writes stay in the default partition');
  };
  await ensure().catch((err) => p.log.warn({ err, table: p.table }, 'month partitions not ensured at start; the daily job tries again'));
  await jobs.define({ name: p.job, policy: 'stately', cron: '7 1 * * *', run: ensure });
}
