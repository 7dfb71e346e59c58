/**
 * Slows password guessing without locking the owner out. Per account: the first `freeFailures` failures
 * cost nothing; after that each attempt must wait 1 s, 2 s, 4 s … (capped at `maxDelayMs`) after the
 * last failure — the owner gets in after a wait that grows with the failures, a guesser gets a few tries
 * an hour. Per client address: failures only (a village office signing everyone in through one address is
 * never stopped by its own successes), at most `maxFailuresPerAddress` in the window.
 *
 * Kept in memory: enough for one server process (PGlite has only one). Several processes on one PostgreSQL
 * share one count through the database instead (`SharedSignInThrottle`, platform/shared-throttles.ts, the
 * same rules). Failures older than the window are forgotten; a success forgets the account's.
 */
export interface LoginLimits {
  freeFailures: number;
  maxDelayMs: number;
  maxFailuresPerAddress: number;
  windowMs: number;
}

const MAX_KEYS = 100_000;

/** What sign-in asks of a throttle, kept in memory or shared in the database. */
export interface SignInGate {
  attempt(username: string, address: string): number | Promise<number>;
  fail(username: string, address: string): void | Promise<void>;
  succeed(username: string): void | Promise<void>;
}

/** The wait after `failures` failures: none for the free ones, then doubling from 1 s up to the cap. */
export function delayAfterFailures(limits: LoginLimits, failures: number): number {
  const beyond = failures - limits.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(limits.maxDelayMs, 1000 * 2 ** Math.min(beyond - 1, 40));
}

/** What a public form asks of its per-address window: minutes to wait, or 0 (the attempt is then counted). */
export interface AddressWindow {
  check(username: string, address: string): number | Promise<number>;
}

export class SignInThrottle implements SignInGate {
  private readonly accounts = new Map<string, { failures: number; last: number }>();
  private readonly addresses = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Milliseconds this attempt must still wait, or 0 when it may go ahead. An attempt that goes ahead on a
   * delayed account takes the slot at once, so guesses sent side by side do not all pass the same wait.
   */
  attempt(username: string, address: string): number {
    const now = this.now();
    const acc = this.account(username, now);
    const accountWait = acc ? Math.max(0, acc.last + this.delayAfter(acc.failures) - now) : 0;
    const fails = this.recent(address, now);
    const addressWait = fails.length >= this.limits.maxFailuresPerAddress ? fails[0] + this.limits.windowMs - now : 0;
    const wait = Math.max(accountWait, addressWait);
    if (wait === 0 && acc && this.delayAfter(acc.failures) > 0) acc.last = now;
    return wait;
  }

  /** The wait after `failures` failures: none for the free ones, then doubling from 1 s. */
  delayAfter(failures: number): number {
    return delayAfterFailures(this.limits, failures);
  }

  fail(username: string, address: string) {
    const now = this.now();
    const key = username.toLowerCase();
    const acc = this.account(username, now);
    if (this.accounts.size > MAX_KEYS) this.accounts.clear(); // memory bound under a flood of random usernames
    this.accounts.set(key, { failures: (acc?.failures ?? 0) + 1, last: now });
    const list = this.recent(address, now);
    list.push(now);
    if (this.addresses.size > MAX_KEYS) this.addresses.clear();
    this.addresses.set(address, list);
  }

  succeed(username: string) {
    this.accounts.delete(username.toLowerCase());
  }

  private account(username: string, now: number) {
    const key = username.toLowerCase();
    const acc = this.accounts.get(key);
    // Forgotten once a window has passed since the last failure and the wait is over.
    if (acc && now - acc.last > Math.max(this.limits.windowMs, this.delayAfter(acc.failures))) {
      this.accounts.delete(key);
      return undefined;
    }
    return acc;
  }

  private recent(address: string, now: number): number[] {
    const list = (this.addresses.get(address) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (list.length) this.addresses.set(address, list);
    else this.addresses.delete(address);
    return list;
  }
}

/**
 * A sliding-window counter per key and per client address, in memory — what the public enlistment form
 * uses (every submission counts). Sign-in uses SignInThrottle above, which counts failures only.
 */
export class LoginLimiter implements AddressWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly maxFailuresPerAccount: number,
    private readonly maxAttemptsPerAddress: number,
    private readonly windowMs: number,
  ) {}

  /** Minutes to wait, or 0 when this attempt may go ahead. Counts the attempt against the address. */
  check(username: string, address: string, now = Date.now()): number {
    const acc = this.recent(`u:${username.toLowerCase()}`, now);
    const addr = this.recent(`a:${address}`, now);
    const blocked = acc.length >= this.maxFailuresPerAccount ? acc : addr.length >= this.maxAttemptsPerAddress ? addr : null;
    if (blocked) return Math.max(1, Math.ceil((blocked[0] + this.windowMs - now) / 60_000));
    addr.push(now);
    return 0;
  }

  fail(username: string, now = Date.now()) {
    this.recent(`u:${username.toLowerCase()}`, now).push(now);
  }

  succeed(username: string) {
    this.hits.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.hits.clear(); // memory bound under a flood of random usernames
    return list;
  }
}
