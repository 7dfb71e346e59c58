import { describe, expect, it } from 'vitest';
import { sweepWindows } from './terminal';

describe('the terminal disinfection sweep’s look-back', () => {
  it('the whole week on a process’s first turn and once an hour, the last quarter hour on the minutes between', () => {
    let clock = Date.parse('2030-03-01T08:00:00Z');
    const lookBack = sweepWindows(() => clock);
    const week = 7 * 86_400_000;
    const quarter = 15 * 60_000;
    expect(lookBack()).toBe(week);
    const turns: number[] = [];
    for (let minute = 1; minute <= 120; minute++) {
      clock += 60_000;
      turns.push(lookBack());
    }
    // Minutes 60 and 120 after the first full sweep are full again; every other minute looks back 15 minutes.
    expect(turns.filter((t) => t === week)).toHaveLength(2);
    expect(turns[59]).toBe(week);
    expect(turns[119]).toBe(week);
    expect(turns.filter((t) => t === quarter)).toHaveLength(118);
  });
});
