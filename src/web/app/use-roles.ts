import type { Role } from '../../domain/users/api';
import { listRoles } from './first-routes';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { localName, useLanguage } from './i18n';
import { useApiQuery } from './query';

const NONE: Role[] = [];

/**
 * Role definitions (for their `{zh,en}` names). Needs users.read; without it an empty list is
 * returned and callers fall back to showing role codes. A write to a role refetches it.
 */
export function useRoles(): { roles: Role[]; loading: boolean; error: unknown } {
  const { can } = useAuth();
  const allowed = can('users.read');
  const roles = useApiQuery(listRoles, undefined, { enabled: allowed, staleTime: 60_000 });
  return { roles: (allowed && roles.data?.items) || NONE, loading: allowed && roles.isPending, error: roles.error };
}

/**
 * A role's name in the reader's language: the role's own name when the list may be read, else the built-in
 * role's label (a grid worker sees 网格员 on their workbench, never `grid_worker`). A custom role the reader
 * may not list still has only its code to show.
 */
export function useRoleName(): (code: string) => string {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { roles } = useRoles();
  return (code) => localName(roles.find((r) => r.code === code)?.name, lang) || t(`roles.names.${code}`, { defaultValue: code });
}
