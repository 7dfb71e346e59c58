/**
 * Minimum password strength, shared by the server and the web form:
 * at least 10 characters, at least 3 of {lower, upper, digit, symbol}, not containing the username,
 * and not one of the passwords everybody tries first.
 */
const COMMON = ['password', '12345678', '123456789', '1234567890', 'qwerty', 'admin', 'wangge', 'abc123', '88888888', '66666666'];

export type PasswordProblem = 'too_short' | 'too_simple' | 'contains_username' | 'too_common' | 'too_long';

/**
 * `isCommon`: the server passes a real list of leaked passwords (platform/common-passwords.ts, ~49,000 from the
 * zxcvbn-ts common list); the short list above is what the browser can afford to know.
 */
export function passwordProblem(password: string, username?: string, isCommon?: (lower: string) => boolean): PasswordProblem | null {
  if (password.length < 10) return 'too_short';
  if (password.length > 200) return 'too_long';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return 'too_simple';
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username';
  if (COMMON.some((c) => lower.startsWith(c) && lower.length - c.length < 4)) return 'too_common';
  if (isCommon?.(lower)) return 'too_common';
  return null;
}
