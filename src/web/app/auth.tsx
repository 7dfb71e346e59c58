/**
 * Who is signed in. The session (/auth/me, then login) is one query of the shared cache; this keeps the
 * CSRF token in the API client and offers login / logout / permission checks to the rest of the app.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { Me, Session } from '../../domain/auth/api';
import { getMe, login as loginRoute, logout as logoutRoute, logoutAll } from './first-routes';
import { ApiError, answerOf, setCsrfToken } from './api';
import { callApi, queryClient, queryKeyOf, useApiMutation } from './query';
import { forgetOfflineReads } from './offline/api-cache';

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

/** The session query's key: null in it means "nobody is signed in". */
const SESSION_KEY = queryKeyOf(getMe);

/** The session asked for by the page itself before the app started (public/boot.js), taken once. */
function takeEarlySession(): Promise<Response> | undefined {
  const w = window as unknown as { wanggeEarlySession?: Promise<Response> };
  const early = w.wanggeEarlySession;
  w.wanggeEarlySession = undefined;
  return early;
}

async function readSession(): Promise<Session | null> {
  try {
    const early = typeof window === 'undefined' ? undefined : takeEarlySession();
    const s = early ? await answerOf<Session>(getMe.path, early) : await callApi(getMe);
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/**
 * Asks the server who is signed in before React is even drawn (main.tsx, a cold load): on a slow network the
 * request then goes out first, ahead of the first screen's code, instead of queueing behind it. The provider's
 * query below takes over the same request.
 */
export function askForSession() {
  void queryClient.prefetchQuery({ queryKey: SESSION_KEY, queryFn: readSession, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/** Drops every answer but the session's (and the reads kept for offline): the next person at this device must not see the last one's. */
function forgetAnswers() {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== getMe.path });
  void forgetOfflineReads();
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  // Read once at start; login, logout and an expired session write it directly.
  const session = useQuery<Session | null, ApiError>({
    queryKey: SESSION_KEY,
    queryFn: readSession,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const user = session.data?.user ?? null;
  const startError = session.data ? null : session.error;
  const { mutateAsync: signIn } = useApiMutation(loginRoute, { invalidates: false });
  const { mutateAsync: signOut } = useApiMutation(logoutRoute, { invalidates: false });
  const { mutateAsync: signOutEverywhere } = useApiMutation(logoutAll, { invalidates: false });

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await signIn({ body: { username, password } });
      setCsrfToken(s.csrfToken);
      forgetAnswers();
      client.setQueryData(SESSION_KEY, s);
      return s.user;
    },
    [signIn, client],
  );

  const clear = useCallback(() => {
    setCsrfToken(null);
    client.setQueryData(SESSION_KEY, null);
    forgetAnswers();
  }, [client]);

  const logout = useCallback(
    async (everywhere = false) => {
      try {
        await (everywhere ? signOutEverywhere({}) : signOut({}));
      } finally {
        // Even if the call failed (expired already, network), the user asked to leave.
        clear();
      }
    },
    [signOut, signOutEverywhere, clear],
  );

  const { refetch } = session;
  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const value = useMemo<AuthValue>(() => {
    const perms = new Set(user?.permissions ?? []);
    return { user, loading: session.isPending, startError, login, logout, refresh, clear, can: (p) => perms.has(p) };
  }, [user, session.isPending, startError, login, logout, refresh, clear]);

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
