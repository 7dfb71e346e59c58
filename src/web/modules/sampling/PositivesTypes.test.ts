import { describe, expect, it } from 'vitest';
import { countByStatus, hoursMinutes, windowOf } from './PositivesTypes';

const at = Date.parse('2026-04-12T10:00:00Z');

describe('the positives board', () => {
  it('counts flags by status, every status present', () => {
    const f = (status: 'held' | 'cleared' | 'confirmed') => ({ status }) as Parameters<typeof countByStatus>[0][number];
    expect(countByStatus([f('held'), f('held'), f('confirmed')])).toEqual({ held: 2, cleared: 0, confirmed: 1 });
    expect(countByStatus([])).toEqual({ held: 0, cleared: 0, confirmed: 0 });
  });

  it('shows a held flag its time left in the 2-hour retest window, and overdue after it', () => {
    const createdAt = new Date(at).toISOString();
    expect(windowOf({ status: 'held', createdAt }, at + 45 * 60_000)).toEqual({ since: 45, left: 75 });
    expect(windowOf({ status: 'held', createdAt }, at + 150 * 60_000)).toEqual({ since: 150, left: -30 });
    expect(windowOf({ status: 'cleared', createdAt }, at + 150 * 60_000)).toEqual({ since: 150, left: null });
    // A clock a little behind the server's never shows a negative age.
    expect(windowOf({ status: 'held', createdAt }, at - 5000).since).toBe(0);
  });

  it('says minutes as hours and minutes', () => {
    expect(hoursMinutes(75)).toEqual({ h: 1, m: 15 });
    expect(hoursMinutes(-30)).toEqual({ h: 0, m: 30 });
  });
});
