/** Follows an import job: reads it once, then every second while it is validating or committing. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { isRunning, type ImportJob } from './import-mapping';

export function useImportJob(id: number | string | null) {
  const { t } = useTranslation();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (id === null) return;
    let cancelled = false;
    api
      .get<ImportJob>(`/api/residents/imports/${id}`)
      .then((j) => {
        if (cancelled) return;
        setJob(j);
        setError(null);
        if (isRunning(j.status)) timer.current = setTimeout(() => setTick((n) => n + 1), 1000);
      })
      .catch((e) => {
        if (cancelled) return;
        setError(errorText(e, t));
        // A passing network hiccup should not end the wait; try again a little later.
        timer.current = setTimeout(() => setTick((n) => n + 1), 3000);
      });
    return () => {
      cancelled = true;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [id, tick, t]);

  /** After starting validation or the commit: show the new state at once and start polling. */
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { job, error, refresh, setJob };
}
