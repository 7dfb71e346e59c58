import { describe, expect, it } from 'vitest';
import { canContain, kindOfDivision, shortDivisionName } from './areas/kinds';
import { passwordProblem } from './auth/password-strength';

describe('area kinds', () => {
  it.each([
    ['county', 'town', true],
    ['town', 'village', true],
    ['town', 'grid', true],
    ['grid', 'building', true],
    ['village', 'town', false],
    ['town', 'street', false],
    ['building', 'building', false],
  ] as const)('%s may contain %s: %s', (parent, child, ok) => {
    expect(canContain(parent, child)).toBe(ok);
  });

  it('tells street offices and communities from their names', () => {
    expect(kindOfDivision('town', '城关镇')).toBe('town');
    expect(kindOfDivision('town', '长安街道')).toBe('street');
    expect(kindOfDivision('village', '东郭村委会')).toBe('village');
    expect(kindOfDivision('village', '多福巷社区居委会')).toBe('community');
  });
});

describe('password strength', () => {
  it.each([
    ['Short1!', 'too_short'],
    ['alllowercase', 'too_simple'],
    ['Password12', 'too_common'],
    ['Zhangsan-2026', 'contains_username'],
    ['Wangge@2026x', null],
    ['长城-Great-Wall-1', null],
  ])('%s → %s', (pw, problem) => {
    expect(passwordProblem(pw, 'zhangsan')).toBe(problem);
  });
});

describe('short division names', () => {
  it.each([
    ['王隆集村民委员会', '王隆集村'],
    ['东郭村委会', '东郭村'],
    ['东郭村村民委员会', '东郭村'],
    ['多福巷社区居委会', '多福巷社区'],
    ['银闸居民委员会', '银闸社区'],
    ['住福社区', '住福社区'],
    ['毛庄镇', '毛庄镇'],
  ])('%s → %s', (official, short) => {
    expect(shortDivisionName(official)).toBe(short);
  });
});
