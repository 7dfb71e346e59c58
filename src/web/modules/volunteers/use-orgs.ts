/** The party organisations under an area (flat, as the API gives them), reloaded on demand. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import type { Org } from './types';

export function useOrgs(under: number | undefined, includeClosed = false) {
  const { t } = useTranslation();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api
      .get<{ items: Org[] }>('/api/party/orgs', { under, includeClosed: includeClosed || undefined })
      .then((r) => !cancelled && (setOrgs(r.items), setError(null)))
      .catch((e) => !cancelled && setError(errorText(e, t)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [under, includeClosed, version, t]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { orgs, loading, error, reload };
}
