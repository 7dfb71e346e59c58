import { ID_PROBLEM_TEXT, type IdType, ID_TYPES, checkIdentity, checkPhone } from '../../../domain/residents/identity';
import type { Lang } from '../../platform/messages';

/**
 * Turns raw identity and phone input into normalised values, or per-field problems in the caller's
 * language. Shared by the forms (service.ts) and the spreadsheet import.
 */
export interface IdentityInput {
  idType?: string | null;
  idNumber?: string | null;
  sex?: 'M' | 'F' | null;
  birthDate?: string | null;
}

export interface IdentityResult {
  idType: IdType;
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
}

const MISMATCH = {
  sex: { zh: '与证件号码中的性别不符', en: 'does not match the sex in the ID number' },
  birthDate: { zh: '与证件号码中的出生日期不符', en: 'does not match the birth date in the ID number' },
  idType: { zh: '不认识的证件类型', en: 'unknown document type' },
  phone: { zh: '应为 11 位手机号或带区号的固定电话', en: 'must be an 11-digit mobile or a landline with its area code' },
};

export function checkIdentityFields(input: IdentityInput, lang: Lang, fields: Record<string, string>): IdentityResult | null {
  const raw = (input.idNumber ?? '').trim();
  const type = input.idType || undefined;
  if (type && !(ID_TYPES as readonly string[]).includes(type)) {
    fields.idType = MISMATCH.idType[lang];
    return null;
  }
  if (!raw && (!type || type === 'none')) {
    return { idType: 'none', idNumber: null, sex: input.sex ?? null, birthDate: input.birthDate ?? null };
  }
  const check = checkIdentity(raw, type as IdType | undefined);
  if (!check.ok) {
    fields.idNumber = ID_PROBLEM_TEXT[check.problem][lang];
    return null;
  }
  if (check.sex && input.sex && input.sex !== check.sex) fields.sex = MISMATCH.sex[lang];
  if (check.birthDate && input.birthDate && input.birthDate !== check.birthDate) fields.birthDate = MISMATCH.birthDate[lang];
  if (fields.sex || fields.birthDate) return null;
  return {
    idType: check.type,
    idNumber: check.number || null,
    sex: check.sex ?? input.sex ?? null,
    birthDate: check.birthDate ?? input.birthDate ?? null,
  };
}

/** A normalised phone, null for empty, or a field problem recorded under `field`. */
export function checkPhoneField(raw: string | null | undefined, field: string, lang: Lang, fields: Record<string, string>): string | null {
  const value = (raw ?? '').trim();
  if (!value) return null;
  const c = checkPhone(value);
  if (!c.ok) {
    fields[field] = MISMATCH.phone[lang];
    return null;
  }
  return c.number;
}
