/**
 * Who is signed in. Loads /auth/me once at start, keeps the CSRF token in the API client, and
 * offers login / logout / permission checks to the rest of the app.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, setCsrfToken } from './api';
import { queryClient } from './query';
import type { Me, MeResponse } from './types';

interface AuthValue {
  user: Me | null;
  /** True until the first /auth/me answer (or failure) arrives. */
  loading: boolean;
  /** A failure other than "not signed in" on start (server down): the shell offers a retry. */
  startError: unknown;
  login(username: string, password: string): Promise<Me>;
  logout(everywhere?: boolean): Promise<void>;
  refresh(): Promise<void>;
  /** Forget the user locally (the session already ended on the server, e.g. a 401). */
  clear(): void;
  can(permission: string): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [startError, setStartError] = useState<unknown>(null);

  const accept = useCallback((r: MeResponse) => {
    setCsrfToken(r.csrfToken);
    setUser(r.user);
    return r.user;
  }, []);

  const refresh = useCallback(async () => {
    setStartError(null);
    try {
      accept(await api.get<MeResponse>('/api/auth/me'));
    } catch (e) {
      setUser(null);
      if (!(e instanceof ApiError && e.status === 401)) setStartError(e);
    } finally {
      setLoading(false);
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => accept(await api.post<MeResponse>('/api/auth/login', { username, password })),
    [accept],
  );

  const clear = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    // The next person at this device must not see the last one's answers.
    queryClient.clear();
  }, []);

  const logout = useCallback(
    async (everywhere = false) => {
      try {
        await api.post(everywhere ? '/api/auth/logout-all' : '/api/auth/logout');
      } finally {
        // Even if the call failed (expired already, network), the user asked to leave.
        clear();
      }
    },
    [clear],
  );

  const value = useMemo<AuthValue>(() => {
    const perms = new Set(user?.permissions ?? []);
    return { user, loading, startError, login, logout, refresh, clear, can: (p) => perms.has(p) };
  }, [user, loading, startError, login, logout, refresh, clear]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a signed-in user');
  return user;
}
