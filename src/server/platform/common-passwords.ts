import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords people really use, from the zxcvbn-ts common list (~49,000 from public leaks, lowercase). The rules of
 * domain/auth/password-strength.ts (length, three kinds of character) let "Password123!" and "Dragon2024!!" through:
 * a list word with a few digits or symbols around it is what a guesser tries first, so it is refused too.
 */
const COMMON = new Set(dictionary['passwords-common']);

/** Around a list word, this many digits or symbols (or fewer) still count as the word. */
const DECORATION = 6;

export function isCommonPassword(lower: string): boolean {
  if (COMMON.has(lower)) return true;
  // The word inside its decoration: "!!password123" → "password".
  const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  if (core.length >= 4 && core !== lower && COMMON.has(core) && lower.length - core.length <= DECORATION) return true;
  // Digits removed from the end only: "qwerty123456!" → "qwerty123456" is on the list as it is.
  const noSymbols = lower.replace(/[^a-z0-9]+$/, '');
  return noSymbols !== lower && COMMON.has(noSymbols);
}
