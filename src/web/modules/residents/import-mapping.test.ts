import { describe, expect, it } from 'vitest';
import { FIELD_CHOICES, type FieldChoice, initialMapping, mappingProblems, progressPercent } from './import-mapping';

describe('import column mapping', () => {
  it('takes the server suggestion, one column per field, unknown fields ignored', () => {
    const m = initialMapping(['姓名', '名字', '身份证号', '备注X'], { 姓名: 'name', 名字: 'name', 身份证号: 'idNumber', 备注X: 'bogus' }, FIELD_CHOICES);
    expect(m).toEqual({ 姓名: 'name', 名字: null, 身份证号: 'idNumber', 备注X: null });
  });

  it('reports required fields left out and fields mapped twice', () => {
    const fields: FieldChoice[] = [...FIELD_CHOICES.filter((f) => f.key !== 'address'), { key: 'address', required: true }];
    const p = mappingProblems({ a: 'name', b: 'phone', c: 'phone' }, fields);
    expect(p).toEqual({ missing: ['address'], duplicated: ['phone'] });
  });

  it('needs only the name by default', () => {
    expect(mappingProblems({ a: 'name', b: null }, FIELD_CHOICES)).toEqual({ missing: [], duplicated: [] });
    expect(mappingProblems({ a: null }, FIELD_CHOICES).missing).toEqual(['name']);
  });

  it('shows progress as a percent, full only when finished', () => {
    expect(progressPercent({ status: 'validating', progress: { rows: 0, total: 0 } })).toBe(0);
    expect(progressPercent({ status: 'validating', progress: { rows: 50, total: 200 } })).toBe(25);
    expect(progressPercent({ status: 'committing', progress: { rows: 200, total: 200 } })).toBe(99);
    expect(progressPercent({ status: 'done', progress: { rows: 200, total: 200 } })).toBe(100);
    // The server's own estimate wins (the row count is unknown while a file is read).
    expect(progressPercent({ status: 'validating', progress: { rows: 300, total: null, percent: 40 } })).toBe(40);
  });
});
