import { describe, expect, it } from 'vitest';
import { calendarDate, daysInMonth, hasForbiddenChars, idParam, instantInput, isCalendarDate, plainText } from './primitives';

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0000-01-01', false],
    ['1899-12-31', false],
    ['1900-01-01', true],
    ['2100-12-31', true],
    ['2101-01-01', false],
    ['2026-1-5', false],
    ['20260105', false],
    ['2026-01-05T00:00:00Z', false],
  ])('%s → %s', (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
    expect(calendarDate.safeParse(s).success).toBe(ok);
  });

  it('counts the days of every month from 1900 to 2100 as the calendar does', () => {
    for (let y = 1900; y <= 2100; y++) {
      for (let m = 1; m <= 12; m++) expect(daysInMonth(y, m), `${y}-${m}`).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
    }
  });

  it('says why a date is refused', () => {
    const r = calendarDate.safeParse('2026-02-30');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('invalid_date');
  });

  it('instants need an offset and a real day', () => {
    expect(instantInput.safeParse('2026-03-01T08:00:00+08:00').success).toBe(true);
    expect(instantInput.safeParse('2026-03-01T08:00:00Z').success).toBe(true);
    expect(instantInput.safeParse('2026-02-30T08:00:00Z').success).toBe(false);
    expect(instantInput.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(instantInput.safeParse('yesterday').success).toBe(false);
  });
});

describe('text', () => {
  it('refuses NUL and lone surrogates, keeps real characters outside the BMP', () => {
    expect(hasForbiddenChars('王小红')).toBe(false);
    expect(hasForbiddenChars('𠮷野家')).toBe(false);
    expect(hasForbiddenChars('a\u0000b')).toBe(true);
    expect(hasForbiddenChars('a\uD800b')).toBe(true);
    expect(hasForbiddenChars('a\uDC00')).toBe(true);
    expect(hasForbiddenChars('\uD842\uDFB7')).toBe(false);
  });

  it('plainText trims, bounds and refuses forbidden characters', () => {
    expect(plainText(5).parse('  abc ')).toBe('abc');
    expect(plainText(5).safeParse('abcdef').success).toBe(false);
    const r = plainText(50).safeParse('备注\u0000');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('invalid_characters');
  });
});

describe('ids', () => {
  it('fit an integer column', () => {
    expect(idParam.parse('42')).toBe(42);
    expect(idParam.safeParse('2147483648').success).toBe(false);
    expect(idParam.safeParse('9999999999999999999').success).toBe(false);
    expect(idParam.safeParse('0').success).toBe(false);
    expect(idParam.safeParse('abc').success).toBe(false);
  });
});
