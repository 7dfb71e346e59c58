import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { EDITIONS } from '../../../domain/policy/editions';
import en from '../../app/locales/en.json';
import zh from '../../app/locales/zh-CN.json';
import { roomCodes, temperatureProblem } from './forms';
import { conditionPhrases, outcomePhrases, stepsText } from './rule-text';

describe('monitoring forms', () => {
  it('read room lists with runs of numbers, keeping leading zeros and dropping repeats', () => {
    expect(roomCodes('101-103, 201，A1 101')).toEqual(['101', '102', '103', '201', 'A1']);
    expect(roomCodes('008-010')).toEqual(['008', '009', '010']);
    expect(roomCodes('')).toEqual([]);
    expect(roomCodes('5-3')).toEqual(['5-3']);
  });

  it('check a temperature the way the server does: 34.0–43.0, one decimal', () => {
    expect(temperatureProblem(38.2)).toBeNull();
    expect(temperatureProblem(34)).toBeNull();
    expect(temperatureProblem(43)).toBeNull();
    expect(temperatureProblem(43.1)).toBe('range');
    expect(temperatureProblem(33.9)).toBe('range');
    expect(temperatureProblem(36.55)).toBe('decimal');
    expect(temperatureProblem(null)).toBe('required');
  });
});

describe('rules as sentences', () => {
  const make = async (lng: string, translation: object) => {
    const i = i18next.createInstance();
    await i.init({ lng, resources: { [lng]: { translation } } });
    return i.t;
  };
  const close = EDITIONS.find((s) => s.code === 'nhc-20')!.rules.find((r) => r.code === 'close')!;

  it('say a rule in Chinese: conditions, the steps, the count, tests and follow-ups', async () => {
    const t = await make('zh-CN', zh);
    expect(conditionPhrases(close.when, t)).toEqual(['接触类型为密切接触者']);
    expect(stepsText(close.then.steps, t)).toBe('集中隔离 5 天 + 居家隔离 3 天');
    expect(outcomePhrases(close.then, t).join('；')).toMatch(/^自末次暴露起算；第 .+ 天核酸检测；每天随访 2 次（08:00 16:00）$/);
    expect(stepsText([], t, 'fever_clinic')).toBe('转诊发热门诊');
    expect(stepsText([], t)).toBe('无需管控');
    expect(conditionPhrases({}, t)).toEqual([]);
  });

  it('and in English, with ranges of days', async () => {
    const t = await make('en', en);
    expect(conditionPhrases({ originRiskLevels: ['high', 'lockdown'], daysSinceArrival: { max: 7 } }, t)).toEqual([
      'from a High-risk area or Lockdown zone',
      '≤ 7 days since arrival',
    ]);
    expect(conditionPhrases({ age: { min: 60, max: 79 } }, t)).toEqual(['age 60–79']);
  });
});
