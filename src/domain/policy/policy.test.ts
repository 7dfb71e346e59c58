import { describe, expect, it } from 'vitest';
import { EDITIONS } from './editions';
import { type PolicySet, type Situation, evaluate, isAlert, setInForce } from './rules';

const set = (code: string) => EDITIONS.find((s) => s.code === code)!;

describe('the set in force', () => {
  it.each([
    ['2020-01-24', null],
    ['2020-01-25', 'district-2020'],
    ['2021-01-19', 'district-2020'],
    ['2021-01-20', 'returnee-2021'],
    ['2021-05-10', 'returnee-2021'],
    ['2021-05-11', 'nhc-8'],
    ['2022-06-27', 'nhc-8'],
    ['2022-06-28', 'nhc-9'],
    ['2022-11-10', 'nhc-9'],
    ['2022-11-11', 'nhc-20'],
    ['2030-01-01', 'nhc-20'],
  ])('on %s: %s (both dates inclusive)', (day, code) => {
    expect(setInForce(EDITIONS, day)?.code ?? null).toBe(code);
  });

  it('overlapping sets: the latest start wins, then the highest version', () => {
    const a = { ...set('nhc-9'), code: 'a', effectiveFrom: '2022-07-01', effectiveTo: null };
    const b = { ...set('nhc-9'), code: 'b', version: 99 };
    expect(setInForce([...EDITIONS, a], '2022-07-01')!.code).toBe('a');
    expect(setInForce([...EDITIONS, a], '2022-06-30')!.code).toBe('nhc-9');
    expect(setInForce([...EDITIONS, b], '2022-07-01')!.code).toBe('b');
  });

  it('every seeded set has unique rule codes and ends with a catch-all', () => {
    for (const s of EDITIONS) {
      expect(new Set(s.rules.map((r) => r.code)).size, s.code).toBe(s.rules.length);
      expect(s.rules.at(-1)!.when, s.code).toEqual({});
    }
  });
});

type Row = [
  code: string,
  day: string,
  situation: Situation,
  rule: string,
  measure: string,
  startsOn: string | null,
  endsOn: string | null,
  steps: number,
  tests?: string[],
];
const D = '2022-08-10';

describe('every rule of every edition', () => {
  it.each<Row>([
    // district-2020
    ['district-2020', '2020-02-01', { symptoms: ['fever'], contactType: 'close', exposedOn: '2020-01-31' }, 'symptoms', 'none', null, null, 0],
    ['district-2020', '2020-02-01', { contactType: 'close', exposedOn: '2020-01-31' }, 'contact', 'central_isolation', '2020-02-01', '2020-02-14', 1],
    [
      'district-2020',
      '2020-02-01',
      { originScope: 'other_province', arrivedOn: '2020-01-28' },
      'other-province',
      'home_isolation',
      '2020-02-01',
      '2020-02-11',
      1,
    ],
    ['district-2020', '2020-02-01', { originScope: 'other_province', arrivedOn: '2020-01-10' }, 'default', 'none', null, null, 0],
    ['district-2020', '2020-02-01', { originScope: 'same_province', arrivedOn: '2020-01-31' }, 'default', 'none', null, null, 0],
    // returnee-2021
    [
      'returnee-2021',
      '2021-02-01',
      { originScope: 'other_province', arrivedOn: '2021-02-01' },
      'returnee',
      'home_monitoring',
      '2021-02-01',
      '2021-02-15',
      1,
      ['2021-02-08', '2021-02-15'],
    ],
    ['returnee-2021', '2021-02-01', { contactType: 'close', exposedOn: '2021-02-01' }, 'close', 'central_isolation', '2021-02-01', '2021-02-15', 2],
    ['returnee-2021', '2021-02-01', { originScope: 'local' }, 'default', 'none', null, null, 0],
    ['returnee-2021', '2021-02-01', { symptoms: ['cough'] }, 'symptoms', 'none', null, null, 0],
    // nhc-8
    ['nhc-8', '2021-06-01', { contactType: 'close', exposedOn: '2021-06-01' }, 'close', 'central_isolation', '2021-06-01', '2021-06-15', 2],
    ['nhc-8', '2021-06-01', { contactType: 'secondary', exposedOn: '2021-06-01' }, 'secondary', 'central_isolation', '2021-06-01', '2021-06-08', 2],
    ['nhc-8', '2021-06-01', { originRiskLevel: 'high', arrivedOn: '2021-05-30' }, 'high-risk', 'central_isolation', '2021-06-01', '2021-06-13', 1],
    ['nhc-8', '2021-06-01', { originRiskLevel: 'medium', arrivedOn: '2021-06-01' }, 'medium-risk', 'home_isolation', '2021-06-01', '2021-06-15', 1],
    ['nhc-8', '2021-06-01', { originRiskLevel: 'low', arrivedOn: '2021-06-01' }, 'default', 'none', null, null, 0],
    ['nhc-8', '2021-06-01', { symptoms: ['fever'], originRiskLevel: 'high', arrivedOn: '2021-06-01' }, 'symptoms', 'none', null, null, 0],
    // nhc-9: tests day 1,2,3,5,7 counted from the exposure
    [
      'nhc-9',
      D,
      { contactType: 'close', exposedOn: D },
      'close',
      'central_isolation',
      D,
      '2022-08-17',
      2,
      ['2022-08-11', '2022-08-12', '2022-08-13', '2022-08-15', '2022-08-17'],
    ],
    ['nhc-9', D, { contactType: 'secondary', exposedOn: D }, 'secondary', 'home_isolation', D, '2022-08-17', 1, ['2022-08-11', '2022-08-14', '2022-08-17']],
    ['nhc-9', D, { originRiskLevel: 'high', arrivedOn: D }, 'high-risk', 'central_isolation', D, '2022-08-17', 1],
    ['nhc-9', D, { originRiskLevel: 'lockdown', arrivedOn: D }, 'high-risk', 'central_isolation', D, '2022-08-17', 1],
    ['nhc-9', D, { originRiskLevel: 'medium', arrivedOn: D }, 'medium-risk', 'home_isolation', D, '2022-08-17', 1],
    ['nhc-9', D, { originRiskLevel: 'medium', arrivedOn: '2022-08-02' }, 'default', 'none', null, null, 0],
    ['nhc-9', D, { originRiskLevel: 'medium', arrivedOn: '2022-08-03' }, 'medium-risk', 'home_isolation', D, D, 1],
    ['nhc-9', D, { codeColour: 'green' }, 'default', 'none', null, null, 0],
    // nhc-20: secondary contacts are no longer identified
    ['nhc-20', '2022-12-01', { contactType: 'close', exposedOn: '2022-12-01' }, 'close', 'central_isolation', '2022-12-01', '2022-12-06', 2],
    ['nhc-20', '2022-12-01', { contactType: 'secondary', exposedOn: '2022-12-01' }, 'default', 'none', null, null, 0],
    ['nhc-20', '2022-12-01', { originRiskLevel: 'high', arrivedOn: '2022-11-30' }, 'high-risk', 'home_isolation', '2022-12-01', '2022-12-07', 1],
    ['nhc-20', '2022-12-01', { originRiskLevel: 'medium', arrivedOn: '2022-11-30' }, 'default', 'none', null, null, 0],
  ])('%s on %s: %j → %s', (code, day, situation, rule, measure, startsOn, endsOn, steps, tests) => {
    const d = evaluate(set(code), situation, day);
    expect(d.rule?.code).toBe(rule);
    expect(d.ruleVersion).toBe(`${code}@${set(code).version}#${rule}`);
    expect(d.measure).toBe(measure);
    expect(d.startsOn).toBe(startsOn);
    expect(d.endsOn).toBe(endsOn);
    expect(d.steps.length).toBe(steps);
    if (tests) expect(d.testDates).toEqual(tests);
  });

  it('a symptom refers to the fever clinic', () => {
    expect(evaluate(set('nhc-9'), { symptoms: ['fever'] }, D).refer).toBe('fever_clinic');
  });

  it('a contact found late serves only what is left: day 8 of 7 central + 3 home starts on home monitoring', () => {
    const d = evaluate(set('nhc-9'), { contactType: 'close', exposedOn: '2022-08-02' }, D);
    expect(d.measure).toBe('home_monitoring');
    expect(d.startsOn).toBe(D);
    expect(d.endsOn).toBe('2022-08-12');
    expect(d.testDates).toEqual([]);
    expect(evaluate(set('nhc-9'), { contactType: 'close', exposedOn: '2022-07-01' }, D).measure).toBe('none');
  });

  it('two steps run back to back', () => {
    expect(evaluate(set('nhc-9'), { contactType: 'close', exposedOn: D }, D).steps).toEqual([
      { measure: 'central_isolation', startsOn: D, endsOn: '2022-08-17' },
      { measure: 'home_monitoring', startsOn: '2022-08-17', endsOn: '2022-08-20' },
    ]);
  });

  it('the first matching rule wins, not the most specific', () => {
    const s: PolicySet = {
      ...set('nhc-9'),
      rules: [
        {
          code: 'broad',
          name: { zh: '宽', en: 'broad' },
          when: { contactTypes: ['close', 'secondary'] },
          then: { steps: [{ measure: 'home_monitoring', days: 3 }], countFrom: 'decision', testDays: [], followUpsPerDay: 1, followUpTimes: ['09:00'] },
        },
        {
          code: 'narrow',
          name: { zh: '窄', en: 'narrow' },
          when: { contactTypes: ['close'], age: { min: 60 } },
          then: {
            steps: [{ measure: 'central_isolation', days: 7 }],
            countFrom: 'decision',
            testDays: [],
            followUpsPerDay: 2,
            followUpTimes: ['08:00', '16:00'],
          },
        },
      ],
    };
    expect(evaluate(s, { contactType: 'close', age: 70 }, D).rule?.code).toBe('broad');
    expect(evaluate({ ...s, rules: [] }, { contactType: 'close' }, D)).toMatchObject({ rule: null, measure: 'none' });
  });

  it('conditions on unknown facts do not match; absent conditions match anything', () => {
    const s: PolicySet = {
      ...set('nhc-9'),
      rules: [
        {
          code: 'old',
          name: { zh: '老', en: 'old' },
          when: { age: { min: 60 }, specialGroups: ['dialysis', 'bedridden'] },
          then: { steps: [{ measure: 'home_monitoring', days: 7 }], countFrom: 'decision', testDays: [], followUpsPerDay: 2, followUpTimes: [] },
        },
        {
          code: 'colour',
          name: { zh: '码', en: 'colour' },
          when: { codeColours: ['red', 'yellow'] },
          then: { steps: [{ measure: 'home_isolation', days: 3 }], countFrom: 'decision', testDays: [], followUpsPerDay: 2, followUpTimes: [] },
        },
      ],
    };
    expect(evaluate(s, { specialGroups: ['dialysis'] }, D).rule).toBeNull();
    expect(evaluate(s, { age: 61, specialGroups: ['dialysis'] }, D).rule?.code).toBe('old');
    expect(evaluate(s, { age: 61, specialGroups: ['elderly'] }, D).rule).toBeNull();
    expect(evaluate(s, { codeColour: 'yellow' }, D)).toMatchObject({ measure: 'home_isolation', endsOn: '2022-08-13' });
  });
});

describe('fever alerts', () => {
  it.each([
    [37.2, [], false],
    [37.3, [], true],
    [36.5, ['cough'], true],
    [36.5, ['fatigue'], false],
  ])('%s °C with %j → %s', (t, symptoms, alert) => {
    expect(isAlert(set('nhc-9'), t, symptoms as string[])).toBe(alert);
  });
});
