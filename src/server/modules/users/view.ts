import type { Area } from '../areas';
import type { UserView } from '../../../domain/users/api';
import type { UserRow } from './repo';

/** A phone number shown masked: 138****5678. Landlines keep their area code and last 4 digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** The answer shape is the contract's (domain/users/api.ts). */
export type { UserView };

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    phone: maskPhone(u.phone),
    roles: u.roles,
    scope: { id: u.area_id, name: u.area_name, kind: u.area_kind as Area['kind'], path: u.area_path },
    disabled: u.disabled,
    createdAt: new Date(u.created_at).toISOString(),
  };
}
