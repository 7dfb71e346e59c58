import { describe, expect, it } from 'vitest';
import { isPlate, normalisePlate, plateKind } from './plates';
import { decideCrossing, isAtLeastAsStrict, worstColour } from './rules';
import { TEMPLATES, coverGaps, shiftMinutes } from './shifts';

describe('plates', () => {
  it.each([
    ['豫P12345', 'ordinary'],
    ['京A1234学', 'ordinary'],
    ['粤Z1234港', 'ordinary'],
    ['沪AD12345', 'new_energy'],
    ['沪AFA1345', 'new_energy'],
    ['苏E12345D', 'new_energy'],
  ])('%s is a %s plate', (plate, kind) => expect(plateKind(plate)).toBe(kind));

  it.each(['豫P1234', 'XP12345', '豫PI2345', '豫PO2345', '豫P1234567', '沪AX12345', '沪A1234DD', '', '豫 p12345x'])('refuses %s', (plate) =>
    expect(isPlate(plate)).toBe(false),
  );

  it('reads a plate as typed: spaces, the middle dot and lower case', () => {
    expect(normalisePlate('粤b·12 345')).toBe('粤B12345');
    expect(isPlate('粤b·12 345')).toBe(true);
  });
});

describe('shift cover', () => {
  it('the built-in templates cover 24 hours, shifts wrap past midnight', () => {
    expect(coverGaps(TEMPLATES.three_8)).toEqual([]);
    expect(coverGaps(TEMPLATES.two_12)).toEqual([]);
    expect(shiftMinutes({ start: '20:00', end: '08:00' })).toBe(720);
    expect(shiftMinutes({ start: '08:00', end: '08:00' })).toBe(1440);
  });
  it('names the gaps, one across midnight as one', () => {
    expect(coverGaps([{ start: '07:00', end: '19:00' }])).toEqual([{ start: '19:00', end: '07:00' }]);
    expect(
      coverGaps([
        { start: '00:00', end: '08:00' },
        { start: '09:00', end: '23:00' },
      ]),
    ).toEqual([
      { start: '08:00', end: '09:00' },
      { start: '23:00', end: '00:00' },
    ]);
  });
});

describe('the decision at a post', () => {
  const base = {
    direction: 'in' as const,
    feverish: false,
    codeColour: 'green' as const,
    originRiskLevel: 'none' as const,
    fromOutside: false,
    allRegistered: true,
  };
  it('follows the first matching rule', () => {
    expect(decideCrossing(base)).toEqual({ decision: 'let_through', rule: 'default' });
    expect(decideCrossing({ ...base, feverish: true, originRiskLevel: 'high' }).rule).toBe('fever');
    expect(decideCrossing({ ...base, originRiskLevel: 'high' }).decision).toBe('handed_over');
    expect(decideCrossing({ ...base, originRiskLevel: 'high', allRegistered: false }).decision).toBe('turned_back');
    expect(decideCrossing({ ...base, originRiskLevel: 'high', direction: 'out' }).decision).toBe('let_through');
    expect(decideCrossing({ ...base, fromOutside: true }).decision).toBe('registered');
    expect(decideCrossing({ ...base, codeColour: 'red' }).decision).toBe('handed_over');
  });
  it('allows a stricter decision only', () => {
    expect(isAtLeastAsStrict('turned_back', 'let_through')).toBe(true);
    expect(isAtLeastAsStrict('let_through', 'registered')).toBe(false);
    expect(isAtLeastAsStrict('turned_back', 'handed_over')).toBe(false);
    expect(worstColour(['green', null, 'orange', 'yellow'])).toBe('orange');
  });
});
