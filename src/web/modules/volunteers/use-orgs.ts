/** The party organisations under an area (flat, as the API gives them), reloaded on demand. */
import { useTranslation } from 'react-i18next';
import { listOrgs } from '../../../domain/volunteers/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';

export function useOrgs(under: number | undefined, includeClosed = false) {
  const { t } = useTranslation();
  const q = useApiQuery(listOrgs, { query: { under, includeClosed: includeClosed ? 'true' : undefined } });
  return {
    orgs: q.data?.items ?? [],
    loading: q.isPending,
    error: q.error ? errorText(q.error, t) : null,
    reload: () => void q.refetch(),
  };
}
