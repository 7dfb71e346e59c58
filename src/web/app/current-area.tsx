/**
 * The "current area": the place the user is working on right now, chosen in the header's area
 * switcher and used by pages as their default filter. Remembered per user in localStorage, and
 * checked against the server on start so a stale or foreign id falls back to the user's scope.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { getArea } from './first-routes';
import { useAuth } from './auth';
import { useApiQuery } from './query';
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
  const canRead = can('areas.read');
  // The area picked in this visit, by whom: another user signing in on this device starts from their own.
  const [choice, setChoice] = useState<{ userId: number; area: Area } | null>(null);
  const userId = user?.id;
  const picked = userId !== undefined && choice?.userId === userId ? choice.area : null;
  const stored = useMemo(() => (userId === undefined ? null : readStored(userId)), [userId]);
  const wantedId = user ? (picked?.id ?? stored ?? user.scope.id) : null;

  // The full row (with childCount), refetched after writes; a 404 or an archived area means it left the
  // scope or the tree: use the scope itself.
  const wanted = useApiQuery(getArea, { params: { id: wantedId ?? 0 } }, { enabled: canRead && wantedId !== null, retry: false });
  const gone = wanted.isError || wanted.data?.archived === true;
  const scopeRow = useApiQuery(getArea, { params: { id: user?.scope.id ?? 0 } }, { enabled: canRead && user !== null && gone });

  let area: Area | null = null;
  if (user) area = !canRead ? user.scope : gone ? (scopeRow.data ?? user.scope) : (wanted.data ?? picked ?? user.scope);

  const setArea = useCallback(
    (a: Area) => {
      if (userId === undefined) return;
      setChoice({ userId, area: a });
      writeStored(userId, a.id);
    },
    [userId],
  );

  const value = useMemo(() => ({ area, setArea }), [area, setArea]);
  return <CurrentAreaContext.Provider value={value}>{children}</CurrentAreaContext.Provider>;
}

export function useCurrentArea(): CurrentAreaValue {
  return useContext(CurrentAreaContext);
}
