/**
 * Throttles logins in memory: failed attempts per account and all attempts per client address, in a
 * sliding window. In memory is enough for one server process; several processes behind a balancer
 * each keep their own count (documented in ARCHITECTURE.md).
 */
export class LoginLimiter {
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
