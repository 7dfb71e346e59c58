import { listRoles, type Role } from '../../domain/users/api';
import { useAuth } from './auth';
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
