import { describe, expect, it } from 'vitest';
import { cellText, parseDate } from '../../../platform/spreadsheets/cells';
import { parseGroups, parseRelation, parseSex, parseStatus, suggestMapping } from './fields';
import { neutralise } from '../../../platform/spreadsheets/write';

describe('import cells', () => {
  it.each([
    [29222, '1980-01-02'],
    [29222.75, '1980-01-02'],
    ['1980-01-02', '1980-01-02'],
    ['1980/1/2', '1980-01-02'],
    ['1980.1.2', '1980-01-02'],
    ['1980年1月2日', '1980-01-02'],
    ['19800102', '1980-01-02'],
    [19800102, '1980-01-02'],
    ['1980-01-02 00:00:00', '1980-01-02'],
    [new Date(Date.UTC(1980, 0, 2)), '1980-01-02'],
    ['', null],
    [null, null],
    ['1980-02-30', 'invalid'],
    ['明年', 'invalid'],
    [-5, 'invalid'],
  ])('reads the date %s as %s', (cell, want) => {
    expect(parseDate(cell as never)).toBe(want);
  });

  it('maps the headers people use, each field once', () => {
    expect(suggestMapping(['序号', '姓名', '公民身份号码', '手机号码', '家庭住址', '身份证号', '备注 '])).toEqual({
      序号: null,
      姓名: 'name',
      公民身份号码: 'idNumber',
      手机号码: 'phone',
      家庭住址: 'address',
      身份证号: null,
      '备注 ': 'notes',
    });
    expect(suggestMapping(['*姓名', '证件号码（必填）'])).toEqual({ '*姓名': 'name', '证件号码（必填）': 'idNumber' });
  });

  it('reads the words of sex, relation, status and groups', () => {
    expect([parseSex('女'), parseSex('M'), parseSex('未知')]).toEqual(['F', 'M', 'invalid']);
    expect([parseRelation('户主'), parseRelation('长子'), parseRelation('儿媳'), parseRelation('表哥')]).toEqual(['head', 'child', 'child', 'other']);
    expect([parseStatus('外出'), parseStatus(''), parseStatus('出差')]).toEqual(['away', null, 'invalid']);
    expect(parseGroups('独居、残疾，80岁以上')).toEqual(['alone', 'disabled']);
    expect(parseGroups('独居 富裕')).toEqual({ invalid: '富裕' });
  });

  it('writes big numbers without exponent and leaves text alone', () => {
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText('  张三 ')).toBe('张三');
  });

  it('neutralises cells a spreadsheet would run', () => {
    expect(['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '张三', '1=1'].map(neutralise)).toEqual(["'=1+1", "'+86", "'-2", "'@SUM(A1)", "'\tx", '张三', '1=1']);
  });
});
