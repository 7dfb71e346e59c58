/** Loads one record by URL (for other modules' pages that still use it; the registry's own pages read through useApiQuery). */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';

export function useRecord<T>(path: string) {
  const { t } = useTranslation();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    api
      .get<T>(path)
      .then((r) => !cancelled && setData(r))
      .catch((e) => !cancelled && setError(errorText(e, t)));
    return () => {
      cancelled = true;
    };
  }, [path, version, t]);

  // A record returned by a save is the fresh one: show it without another round trip.
  const replace = useCallback((r: T) => setData(r), []);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload, replace };
}
