import type { RuleObject } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../domain/primitives';
import { createUser } from '../../domain/users/api';
import { fieldRule } from './form-rules';

/** The message key itself stands for the translated text. */
const t = ((key: string) => key) as unknown as TFunction;

async function check(rule: ReturnType<typeof fieldRule>, value: unknown): Promise<string | null> {
  try {
    await (rule as RuleObject).validator?.({} as never, value, () => {});
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('fieldRule', () => {
  it('checks a value with the contract schema: too long, required, fine', async () => {
    const notes = fieldRule(plainText(5).optional(), t);
    expect(await check(notes, 'abcdef')).toBe('validation.tooBig');
    expect(await check(notes, '')).toBeNull();
    expect(await check(notes, 'abc')).toBeNull();
    expect(await check(fieldRule(createUser.body.shape.displayName, t), '')).toBe('validation.required');
  });

  it('takes a blank field loaded from a record (null) as absent', async () => {
    expect(await check(fieldRule(createUser.body.shape.phone, t), null)).toBeNull();
    expect(await check(fieldRule(plainText(5).optional(), t), null)).toBeNull();
  });

  it('says what is wrong in the field’s own words when asked to', async () => {
    const phone = fieldRule(createUser.body.shape.phone, t, 'validation.phone');
    expect(await check(phone, '12345')).toBe('validation.phone');
    expect(await check(phone, '13812345678')).toBeNull();
    const username = fieldRule(createUser.body.shape.username, t, 'validation.username');
    expect(await check(username, 'ab')).toBe('validation.username');
    expect(await check(username, undefined)).toBe('validation.required');
  });
});
