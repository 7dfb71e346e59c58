/**
 * The "current area": the place the user is working on right now, chosen in the header's area
 * switcher and used by pages as their default filter. Remembered per user in localStorage, and
 * checked against the server on start so a stale or foreign id falls back to the user's scope.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api';
import { useAuth } from './auth';
import type { Area } from './types';

const STORAGE_KEY = 'wangge.currentArea';

interface CurrentAreaValue {
  area: Area | null;
  setArea(area: Area): void;
}

const CurrentAreaContext = createContext<CurrentAreaValue>({ area: null, setArea: () => {} });

function readStored(userId: number): number | null {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { userId?: number; areaId?: number } | null;
    return v && v.userId === userId && typeof v.areaId === 'number' ? v.areaId : null;
  } catch {
    return null;
  }
}

function writeStored(userId: number, areaId: number) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ userId, areaId }));
  } catch {
    // Not remembered across visits; still works for this one.
  }
}

export function CurrentAreaProvider({ children }: { children: ReactNode }) {
  const { user, can } = useAuth();
  const [area, setAreaState] = useState<Area | null>(null);
  const canRead = can('areas.read');

  useEffect(() => {
    if (!user) {
      setAreaState(null);
      return;
    }
    setAreaState(user.scope);
    if (!canRead) return;
    let cancelled = false;
    const wanted = readStored(user.id) ?? user.scope.id;
    // Fetch the full row (with childCount); a 404 means it left the scope: use the scope itself.
    api
      .get<Area>(`/api/areas/${wanted}`)
      .catch(() => api.get<Area>(`/api/areas/${user.scope.id}`))
      .then((a) => {
        if (!cancelled) setAreaState(a.archived ? user.scope : a);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [user, canRead]);

  const setArea = useCallback(
    (a: Area) => {
      setAreaState(a);
      if (user) writeStored(user.id, a.id);
    },
    [user],
  );

  const value = useMemo(() => ({ area, setArea }), [area, setArea]);
  return <CurrentAreaContext.Provider value={value}>{children}</CurrentAreaContext.Provider>;
}

export function useCurrentArea(): CurrentAreaValue {
  return useContext(CurrentAreaContext);
}
