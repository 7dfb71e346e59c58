import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './login-limiter';

const limits = { freeFailures: 3, maxDelayMs: 60_000, maxFailuresPerAddress: 10, windowMs: 15 * 60_000 };

describe('SignInThrottle', () => {
  it('waits 1 s, 2 s, 4 s … after the free failures, capped, and never locks for good', () => {
    let t = 0;
    const s = new SignInThrottle(limits, () => t);
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => s.delayAfter(n))).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 60_000]);
    for (let i = 0; i < 4; i++) {
      expect(s.attempt('u', `10.0.0.${i}`)).toBe(0);
      s.fail('u', `10.0.0.${i}`);
    }
    expect(s.attempt('U', '10.9.9.9')).toBe(1000);
    t += 1000;
    expect(s.attempt('u', '10.9.9.9')).toBe(0);
    // That attempt holds the slot: a second guess sent alongside waits again.
    expect(s.attempt('u', '10.9.9.8')).toBe(1000);
    s.succeed('u');
    expect(s.attempt('u', '10.9.9.8')).toBe(0);
  });

  it('counts only failures per address, and forgets them after the window', () => {
    let t = 0;
    const s = new SignInThrottle(limits, () => t);
    for (let i = 0; i < 100; i++) expect(s.attempt(`user${i}`, '1.2.3.4')).toBe(0);
    for (let i = 0; i < 10; i++) s.fail(`user${i}`, '1.2.3.4');
    expect(s.attempt('someone', '1.2.3.4')).toBe(15 * 60_000);
    expect(s.attempt('someone', '5.6.7.8')).toBe(0);
    t += 15 * 60_000 + 1;
    expect(s.attempt('someone', '1.2.3.4')).toBe(0);
  });
});
