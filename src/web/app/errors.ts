import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from './api';

/** Text to show for a failed call: the server's message (already in the user's language) when there is one. */
export function errorText(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('errors.network');
    if (e.message) return e.message;
  }
  return t('errors.unexpected');
}

/**
 * Puts the API's per-field messages on the matching form items. Returns true when at least one
 * field was shown, so the caller can skip a generic toast for errors the form already explains.
 */
export function applyFieldErrors(form: FormInstance, e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  // Only fields that have a Form.Item on this form; getFieldsError() lists exactly those.
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const fields = Object.entries(e.fields)
    .filter(([name]) => known.has(name.split('.')[0]))
    .map(([name, message]) => ({ name: name.split('.')[0], errors: [message] }));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
