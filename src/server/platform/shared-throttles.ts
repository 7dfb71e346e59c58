import type { Db } from '../db/engine';
import { type GroupCommit, groupCommit } from './group-commit';
import { type AddressWindow, delayAfterFailures, LoginLimiter, type LoginLimits, type SignInGate, SignInThrottle } from './login-limiter';

/**
 * Throttles shared by every server process on one PostgreSQL (several servers behind one address): a guesser
 * spreading attempts over the processes meets one count, not one per process. Their state is the table
 * `throttle_state` (migration 0052): one row per key — `signin:u:<username>` (failures and the last one),
 * `signin:a:<address>` and `<form>:a:<address>` (the recent attempts' times, at most as many as the limit).
 * The rules are the in-memory throttles' own (login-limiter.ts); on PGlite (one process) those stay in memory.
 * Times are this process's clock (tests move a fake one), so a row is only compared with that clock.
 */

interface Row {
  key: string;
  failures: number;
  last_at: Date;
  hits: Date[];
}

const ms = (d: Date) => new Date(d).getTime();

export class SharedSignInThrottle implements SignInGate {
  constructor(
    private readonly db: Db,
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Like SignInThrottle.attempt: the account's row is locked while its wait is read and a delayed slot taken. */
  async attempt(username: string, address: string): Promise<number> {
    const now = this.now();
    const [accountKey, addressKey] = keys(username, address);
    return this.db.tx(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [accountKey]);
      const rows = await tx.query<Row>('SELECT key, failures, last_at, hits FROM throttle_state WHERE key = ANY($1::text[])', [[accountKey, addressKey]]);
      const account = this.liveAccount(
        rows.find((r) => r.key === accountKey),
        now,
      );
      const delay = account ? delayAfterFailures(this.limits, account.failures) : 0;
      const accountWait = account ? Math.max(0, ms(account.last_at) + delay - now) : 0;
      const fails = this.recent(
        rows.find((r) => r.key === addressKey),
        now,
      );
      const addressWait = fails.length >= this.limits.maxFailuresPerAddress ? fails[0] + this.limits.windowMs - now : 0;
      const wait = Math.max(accountWait, addressWait);
      // Guesses sent side by side to different processes do not all pass the same wait: the first takes the slot.
      if (wait === 0 && account && delay > 0) await tx.query('UPDATE throttle_state SET last_at = $2 WHERE key = $1', [accountKey, new Date(now)]);
      return wait;
    });
  }

  async fail(username: string, address: string): Promise<void> {
    const now = this.now();
    const [accountKey, addressKey] = keys(username, address);
    await this.db.tx(async (tx) => {
      // Always the account's lock before the address's: two failures never wait for each other in a circle.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [accountKey]);
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [addressKey]);
      const rows = await tx.query<Row>('SELECT key, failures, last_at, hits FROM throttle_state WHERE key = ANY($1::text[])', [[accountKey, addressKey]]);
      const account = this.liveAccount(
        rows.find((r) => r.key === accountKey),
        now,
      );
      const hits = [
        ...this.recent(
          rows.find((r) => r.key === addressKey),
          now,
        ),
        now,
      ].slice(-this.limits.maxFailuresPerAddress);
      await tx.query(
        `INSERT INTO throttle_state (key, failures, last_at, hits)
         VALUES ($1, $2, $3, '{}'), ($4, 0, $3, $5::timestamptz[])
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at, hits = excluded.hits`,
        [accountKey, (account?.failures ?? 0) + 1, new Date(now), addressKey, hits.map((t) => new Date(t))],
      );
    });
  }

  async succeed(username: string): Promise<void> {
    await this.db.query('DELETE FROM throttle_state WHERE key = $1', [keys(username, '')[0]]);
  }

  /** The account's failures, or nothing once a window has passed since the last one and its wait is over. */
  private liveAccount(row: Row | undefined, now: number): Row | undefined {
    if (!row) return undefined;
    return now - ms(row.last_at) > Math.max(this.limits.windowMs, delayAfterFailures(this.limits, row.failures)) ? undefined : row;
  }

  private recent(row: Row | undefined, now: number): number[] {
    return (row?.hits ?? [])
      .map(ms)
      .filter((t) => t > now - this.limits.windowMs)
      .sort((a, b) => a - b);
  }
}

function keys(username: string, address: string) {
  return [`signin:u:${username.toLowerCase()}`, `signin:a:${address}`];
}

/** One attempt on a public form: its address and the time it came. */
interface Attempt {
  address: string;
  now: number;
}

/**
 * A public form's window per address (what LoginLimiter.check does with an unlimited account), shared by the
 * processes. At a rush (hundreds of phones on the help page) one statement and one commit per attempt was a
 * database round trip for every submission — as much as the submission's own share of its group-committed write.
 * So the attempts waiting at one moment are counted together (platform/group-commit.ts): one transaction per
 * batch locks the batch's addresses (advisory locks, in key order, so two processes never wait in a circle),
 * then one statement reads each address's recent attempts and adds as many of the batch's as the limit leaves
 * room for. Within an address the batch's attempts are taken in their order of arrival: the first ones counted,
 * the rest told how long to wait. A batch's attempts all count at its latest attempt's time.
 */
export class SharedAddressWindow implements AddressWindow {
  private readonly writer: GroupCommit<Attempt, number>;

  constructor(
    private readonly db: Db,
    private readonly form: string,
    private readonly maxPerAddress: number,
    private readonly windowMs: number,
  ) {
    this.writer = groupCommit<Attempt, number>({
      maxItems: 500,
      maxWaitMs: 0,
      concurrency: 1,
      writeMany: (items) => this.countMany(items),
      writeOne: async (item) => (await this.countMany([item]))[0],
    });
  }

  check(_username: string, address: string, now = Date.now()): Promise<number> {
    return this.writer.write({ address, now });
  }

  private async countMany(items: Attempt[]): Promise<number[]> {
    const now = Math.max(...items.map((i) => i.now));
    const perKey = new Map<string, number>();
    for (const it of items) {
      const key = `${this.form}:a:${it.address}`;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    const keys = [...perKey.keys()].sort();
    const rows = await this.db.tx(async (tx) => {
      await tx.query('SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest($1::text[]) k ORDER BY k) s', [keys]);
      return tx.query<{ key: string; counted: number; oldest: Date }>(
        `WITH src AS (SELECT * FROM unnest($1::text[], $2::int[]) AS s(key, k)),
         old AS (
           SELECT src.key, src.k, t.last_at, ARRAY(SELECT h FROM unnest(t.hits) h WHERE h > $3 ORDER BY h) AS recent
             FROM src LEFT JOIN throttle_state t ON t.key = src.key
         ),
         calc AS (SELECT key, last_at, recent, least(k, greatest(0, $4 - cardinality(recent))) AS counted FROM old),
         up AS (
           INSERT INTO throttle_state (key, failures, last_at, hits)
           SELECT key, 0, CASE WHEN counted > 0 OR last_at IS NULL THEN $5::timestamptz ELSE last_at END,
                  recent || array_fill($5::timestamptz, ARRAY[counted])
             FROM calc
           ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at, hits = excluded.hits
         )
         SELECT key, counted, COALESCE(recent[1], $5::timestamptz) AS oldest FROM calc`,
        [keys, keys.map((k) => perKey.get(k)!), new Date(now - this.windowMs), this.maxPerAddress, new Date(now)],
        'throttle.address-window',
      );
    });
    const left = new Map(rows.map((r) => [r.key, { counted: r.counted, oldest: ms(r.oldest) }]));
    return items.map((it) => {
      const r = left.get(`${this.form}:a:${it.address}`)!;
      if (r.counted > 0) {
        r.counted--;
        return 0;
      }
      return Math.max(1, Math.ceil((r.oldest + this.windowMs - now) / 60_000));
    });
  }
}

/** Sign-in's throttle: shared through the database on PostgreSQL, in this process's memory on PGlite. */
export function signInThrottle(db: Db, limits: LoginLimits, now: () => number = Date.now): SignInGate {
  return db.engine === 'postgres' ? new SharedSignInThrottle(db, limits, now) : new SignInThrottle(limits, now);
}

/** A public form's per-address window (`form` names it: 'help', 'enlist'), shared on PostgreSQL. */
export function addressWindow(db: Db, form: string, maxPerAddress: number, windowMs: number): AddressWindow {
  return db.engine === 'postgres'
    ? new SharedAddressWindow(db, form, maxPerAddress, windowMs)
    : new LoginLimiter(Number.MAX_SAFE_INTEGER, maxPerAddress, windowMs);
}

/** Forgets rows no rule reads any more: nothing in them is younger than `keepMs` (the longest window or wait). */
export async function purgeThrottles(db: Db, keepMs: number): Promise<number> {
  if (db.engine !== 'postgres') return 0;
  return db.execute('DELETE FROM throttle_state WHERE last_at < $1', [new Date(Date.now() - keepMs)]);
}
