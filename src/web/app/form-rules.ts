/**
 * Form rules from the contracts: an antd rule that checks a field with the same zod schema the server
 * validates it with (domain/<module>/api.ts or schemas.ts), so a form and the server cannot disagree.
 *
 *   <Form.Item name="arrivedOn" rules={[fieldRule(arrivalBody.shape.arrivedOn, t)]}>
 *
 * Empty values pass unless the schema requires them (an antd `required` rule keeps its own message).
 * `invalidKey` names a clearer message for a value the schema refuses (e.g. 'validation.phone' for a phone
 * number in the wrong shape); a missing value keeps "required".
 */
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export function fieldRule(schema: z.ZodType, t: TFunction, invalidKey?: string): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const input = value === '' ? undefined : value;
      let result = schema.safeParse(input);
      // A blank field loaded from a record (null) is absent too, where the schema takes no null.
      if (!result.success && value === null) result = schema.safeParse(undefined);
      if (result.success) return;
      const text = issueText(result.error.issues[0], t);
      throw new Error(invalidKey && text !== t('validation.required') ? t(invalidKey) : text);
    },
  };
}

/** A schema issue in the reader's language: the refinement's own message code, else the kind of problem. */
export function issueText(issue: z.core.$ZodIssue | undefined, t: TFunction): string {
  if (!issue) return t('validation.invalid');
  if (issue.code === 'invalid_type' && issue.input === undefined) return t('validation.required');
  if (issue.code === 'too_big' && typeof issue.maximum !== 'undefined') return t('validation.tooBig', { max: Number(issue.maximum) });
  if (issue.code === 'too_small' && typeof issue.minimum !== 'undefined') {
    return Number(issue.minimum) <= 1 && issue.origin === 'string' ? t('validation.required') : t('validation.tooSmall', { min: Number(issue.minimum) });
  }
  const byMessage: Record<string, string> = {
    invalid_date: 'validation.invalidDate',
    invalid_characters: 'validation.invalidCharacters',
    invalid_format: 'validation.invalidFormat',
  };
  return t(byMessage[issue.message] ?? 'validation.invalid');
}
