/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over a 31-character alphabet
 * (digits and capitals without I, O, Z, S, V, which read like digits); position 1 the registering authority,
 * 2 the kind of body, 3–8 the division code, 9–17 the organisation code, 18 a check character computed from the
 * first 17. A typo in any one character changes the check, so a wrong code is refused at the desk, not at the
 * county's approval a week later.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i is 3^i mod 31 (the standard's table). */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem =
  | { problem: 'length'; length: number }
  | { problem: 'character'; position: number; char: string }
  | { problem: 'division'; position: number }
  | { problem: 'check'; expected: string; found: string };

export type CreditCodeCheck = { ok: true; code: string } | ({ ok: false } & CreditCodeProblem);

/** The check character of the first 17 characters (all in the alphabet). */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * CREDIT_CODE_WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Spaces dropped and letters upper-cased (codes are copied from licences by hand), then checked. */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = raw.replace(/\s/g, '').toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length', length: code.length };
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i])) return { ok: false, problem: 'character', position: i + 1, char: code[i] };
  }
  for (let i = 2; i < 8; i++) if (!/\d/.test(code[i])) return { ok: false, problem: 'division', position: i + 1 };
  const expected = creditCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, problem: 'check', expected, found: code[17] };
  return { ok: true, code };
}

/** Why a code is refused, in both languages (the field's message). */
export function creditCodeProblemText(p: CreditCodeProblem): { zh: string; en: string } {
  switch (p.problem) {
    case 'length':
      return { zh: `应为 18 位，现为 ${p.length} 位`, en: `must be 18 characters, not ${p.length}` };
    case 'character':
      return {
        zh: `第 ${p.position} 位“${p.char}”不是代码字符（不用 I、O、Z、S、V）`,
        en: `character ${p.position} "${p.char}" is not allowed (I, O, Z, S and V are not used)`,
      };
    case 'division':
      return {
        zh: `第 3–8 位应为行政区划代码（第 ${p.position} 位不是数字）`,
        en: `characters 3–8 are the division code (character ${p.position} is not a digit)`,
      };
    case 'check':
      return {
        zh: `校验位不对：按前 17 位应为“${p.expected}”，填的是“${p.found}”，请核对营业执照`,
        en: `wrong check character: the first 17 give "${p.expected}", not "${p.found}"; check the licence`,
      };
  }
}
