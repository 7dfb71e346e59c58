import { useEffect, useState } from 'react';
import { api } from './api';
import { useAuth } from './auth';
import type { Role } from './types';

/**
 * Role definitions (for their `{zh,en}` names). Needs users.read; without it an empty list is
 * returned and callers fall back to showing role codes.
 */
export function useRoles(reloadKey = 0): { roles: Role[]; loading: boolean; error: unknown } {
  const { can } = useAuth();
  const allowed = can('users.read');
  const [roles, setRoles] = useState<Role[]>([]);
  const [loading, setLoading] = useState(allowed);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!allowed) return;
    let cancelled = false;
    setLoading(true);
    api
      .get<{ items: Role[] }>('/api/roles')
      .then((r) => !cancelled && (setRoles(r.items), setError(null)))
      .catch((e) => !cancelled && setError(e))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [allowed, reloadKey]);
  return { roles, loading, error };
}
