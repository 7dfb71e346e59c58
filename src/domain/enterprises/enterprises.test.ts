import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS, checkCreditCode, creditCheckChar, creditCodeProblemText } from './credit-code';
import { sniffFileKind } from './policy';

/** The unified social credit code (GB 32100-2015) and the plans' sniffed kinds. */
describe('credit code', () => {
  it('the alphabet is the 31 characters without I, O, Z, S, V, and the weights are 3^i mod 31', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_ALPHABET).not.toContain(c);
    expect(CREDIT_CODE_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
  });

  const table: [string, string, ReturnType<typeof checkCreditCode>][] = [
    ['a published code (check 3)', '91350100M000100Y43', { ok: true, code: '91350100M000100Y43' }],
    ['a code ending in a letter', '91440300708461136T', { ok: true, code: '91440300708461136T' }],
    ['a code ending in a digit', '911100001000128855', { ok: true, code: '911100001000128855' }],
    ['lower case and spaces as copied by hand', ' 91350100m000100y43 ', { ok: true, code: '91350100M000100Y43' }],
    ['one character typed wrong', '91350100M000100Y44', { ok: false, problem: 'check', expected: '3', found: '4' }],
    ['two digits swapped', '91351000M000100Y43', { ok: false, problem: 'check', expected: creditCheckChar('91351000M000100Y4'), found: '3' }],
    ['a letter the code never uses (O for 0)', '9135010OM000100Y43', { ok: false, problem: 'character', position: 8, char: 'O' }],
    ['an I', '91350100MI00100Y43', { ok: false, problem: 'character', position: 10, char: 'I' }],
    ['17 characters', '91350100M000100Y4', { ok: false, problem: 'length', length: 17 }],
    ['19 characters', '91350100M000100Y433', { ok: false, problem: 'length', length: 19 }],
    ['empty', '', { ok: false, problem: 'length', length: 0 }],
    ['a letter in the division code', '91A50100M000100Y43', { ok: false, problem: 'division', position: 3 }],
    ['a full-width character', '９1350100M000100Y43', { ok: false, problem: 'character', position: 1, char: '９' }],
  ];
  it.each(table)('%s', (_why, input, expected) => {
    expect(checkCreditCode(input)).toEqual(expected);
  });

  it('every 17 characters have a check character in the alphabet (a remainder of 0 gives 0, never a 32nd character)', () => {
    for (let n = 0; n < 2000; n++) {
      const body = `9135${String(n).padStart(4, '0')}MA0000000`;
      const c = creditCheckChar(body);
      expect(CREDIT_CODE_ALPHABET).toContain(c);
      expect(checkCreditCode(body + c).ok).toBe(true);
    }
  });

  it('says why in both languages', () => {
    const r = checkCreditCode('91350100M000100Y44');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(creditCodeProblemText(r).zh).toContain('校验位不对');
    expect(creditCodeProblemText(r).zh).toContain('“3”');
    expect(creditCodeProblemText(r).en).toContain('check character');
  });
});

describe('plan files', () => {
  const b = (...bytes: number[]) => Uint8Array.from(bytes);
  it.each([
    ['pdf', b(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31), false, 'pdf'],
    ['jpeg', b(0xff, 0xd8, 0xff, 0xe0), false, 'jpeg'],
    ['png', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), false, 'png'],
    ['docx', b(0x50, 0x4b, 0x03, 0x04), true, 'docx'],
    ['a zip that is not a Word file', b(0x50, 0x4b, 0x03, 0x04), false, null],
    ['text', b(0x68, 0x65, 0x6c, 0x6c, 0x6f), false, null],
    ['nothing', b(), false, null],
  ] as const)('%s', (_why, head, word, kind) => {
    expect(sniffFileKind(head, word)).toBe(kind);
  });
});
