import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../platform/spreadsheets/cells';
import { instantOf } from './lab-file';

/** A lab file's "检测时间" as labs write it, read as wall-clock time in the deployment's zone. */
describe('a lab file’s test times', () => {
  it('reads the ways labs write a wall-clock time, in the deployment’s zone', () => {
    const shanghai = (v: CellValue) => instantOf(v, 'Asia/Shanghai');
    expect(shanghai('2026-12-01 10:05:00')).toBe('2026-12-01T02:05:00.000Z');
    expect(shanghai('  2026-12-01T10:05  ')).toBe('2026-12-01T02:05:00.000Z');
    expect(shanghai('2026-12-1 9:05')).toBe('2026-12-01T01:05:00.000Z');
    expect(shanghai('2026/12/1 10:05')).toBe('2026-12-01T02:05:00.000Z');
    expect(shanghai('2026年12月1日 10:05')).toBe('2026-12-01T02:05:00.000Z');
    expect(shanghai('2026年12月1日10:05:30')).toBe('2026-12-01T02:05:30.000Z');
    expect(shanghai('2026-12-01')).toBe('2026-11-30T16:00:00.000Z');
    // A time that names its zone keeps it.
    expect(shanghai('2026-12-01T10:05:00Z')).toBe('2026-12-01T10:05:00.000Z');
    expect(shanghai('2026-12-01T10:05:00+09:00')).toBe('2026-12-01T01:05:00.000Z');
    // Excel's serial days and a cell already read as a date (its wall clock in UTC fields).
    expect(shanghai(46357.5)).toBe('2026-12-01T04:00:00.000Z');
    expect(shanghai(new Date(Date.UTC(2026, 11, 1, 10, 5)))).toBe('2026-12-01T02:05:00.000Z');
    // Another zone, across its change of offset.
    expect(instantOf('2026-07-01 12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
    expect(instantOf('2026-12-01 12:00', 'Europe/Berlin')).toBe('2026-12-01T11:00:00.000Z');
  });

  it('answers null for what is not a time, and for a day or time that does not exist', () => {
    for (const bad of [
      '',
      '昨天',
      '10:05',
      '2026-12',
      'NaN',
      '2026-13-01 10:00',
      '2026-02-30 10:00',
      '2026-12-01 24:00',
      '2026-12-01 10:60',
      '2026-02-30T10:00:00Z',
      '2026-02-29 10:00+08:00',
      null,
    ]) {
      expect(instantOf(bad as never, 'Asia/Shanghai'), String(bad)).toBeNull();
    }
  });
});
