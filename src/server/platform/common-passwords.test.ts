import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../domain/auth/password-strength';
import { isCommonPassword } from './common-passwords';

describe('the common-password list', () => {
  it('holds tens of thousands of leaked passwords, not just the short built-in list', () => {
    expect(isCommonPassword('sunflower')).toBe(true);
    expect(isCommonPassword('1qaz2wsx3edc')).toBe(true);
    expect(isCommonPassword('wg-grid-7731x')).toBe(false);
  });

  it('refuses list words decorated with a few digits or symbols, which pass the length and character rules', () => {
    for (const p of ['Password123!', 'Dragon2024!!', '!!Baseball99', 'Qwerty123456!', 'Iloveyou2020#']) {
      expect(passwordProblem(p), p).toBeNull();
      expect(passwordProblem(p, undefined, isCommonPassword), p).toBe('too_common');
    }
  });

  it('leaves strong passwords alone', () => {
    for (const p of ['Wg-Grid-7731x', 'Strong-Pass-42', 'Test-Passw0rd!', 'Other-Pass-42', 'Whatever-Pass-1'])
      expect(passwordProblem(p, undefined, isCommonPassword), p).toBeNull();
  });
});
