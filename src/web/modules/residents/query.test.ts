import { describe, expect, it } from 'vitest';
import { searchResidents } from '../../../domain/residents/api';
import { urlOf } from '../../app/query';
import { exportUrl, formatTotal, listQuery, parseFilters, toSearchParams } from './query';

describe('resident list filters', () => {
  it('read back from the URL what they wrote there', () => {
    const f = {
      q: 'zs',
      target: 'name' as const,
      under: 12,
      groups: ['elderly80', 'disabled'] as const,
      status: 'away' as const,
      ageMin: 60,
      ageMax: 90,
      asOf: '2024-03-01',
    };
    const back = parseFilters(toSearchParams({ ...f, groups: [...f.groups] }, 3));
    expect(back).toEqual({ ...f, groups: ['elderly80', 'disabled'] });
  });

  it('drop values the API would refuse', () => {
    const f = parseFilters(new URLSearchParams('q=%20%20&target=street&under=abc&groups=disabled,nope&status=gone&ageMin=-1&ageMax=200&asOf=yesterday'));
    expect(f).toEqual({
      q: undefined,
      target: undefined,
      under: undefined,
      groups: ['disabled'],
      status: undefined,
      ageMin: undefined,
      ageMax: undefined,
      asOf: undefined,
    });
  });

  it('give the export link the same query as the list, without paging', () => {
    const f = { q: '1234', groups: ['pregnant' as const], under: 7 };
    expect(urlOf(searchResidents, { query: listQuery(f, 2) })).toBe('/api/residents?q=1234&under=7&groups=pregnant&page=2&pageSize=20');
    expect(exportUrl(f)).toBe('/api/residents/export.xlsx?q=1234&under=7&groups=pregnant');
    expect(exportUrl({})).toBe('/api/residents/export.xlsx');
  });

  it('show capped totals with a plus', () => {
    expect(formatTotal(1000, true, 'zh-CN')).toBe('1,000+');
    expect(formatTotal(42, false, 'en')).toBe('42');
  });
});
