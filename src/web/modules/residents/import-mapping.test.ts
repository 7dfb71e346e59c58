import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, initialMapping, mappingProblems, progressPercent } from './import-mapping';

describe('import column mapping', () => {
  it('takes the server suggestion, one column per field, unknown fields ignored', () => {
    const m = initialMapping(['姓名', '名字', '身份证号', '备注X'], { 姓名: 'name', 名字: 'name', 身份证号: 'idNumber', 备注X: 'bogus' }, IMPORT_FIELDS);
    expect(m).toEqual({ 姓名: 'name', 名字: null, 身份证号: 'idNumber', 备注X: null });
  });

  it('reports required fields left out and fields mapped twice', () => {
    const fields = [...IMPORT_FIELDS.filter((f) => f.key !== 'address'), { key: 'address', required: true }];
    const p = mappingProblems({ a: 'name', b: 'phone', c: 'phone' }, fields, { hasDefaultArea: true });
    expect(p).toEqual({ missing: ['address'], duplicated: ['phone'] });
  });

  it('asks for an area column when no default area was chosen', () => {
    expect(mappingProblems({ a: 'name', b: 'address' }, IMPORT_FIELDS, { hasDefaultArea: false }).missing).toEqual(['area']);
    expect(mappingProblems({ a: 'name', b: 'address', c: 'area' }, IMPORT_FIELDS, { hasDefaultArea: false }).missing).toEqual([]);
  });

  it('shows progress as a percent, full only when finished', () => {
    expect(progressPercent({ status: 'validating', progress: { rows: 0, total: 0 } })).toBe(0);
    expect(progressPercent({ status: 'validating', progress: { rows: 50, total: 200 } })).toBe(25);
    expect(progressPercent({ status: 'committing', progress: { rows: 200, total: 200 } })).toBe(99);
    expect(progressPercent({ status: 'done', progress: { rows: 200, total: 200 } })).toBe(100);
  });
});
