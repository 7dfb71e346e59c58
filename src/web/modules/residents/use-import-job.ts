/** Follows an import job: reads it once, then every second while it is validating or committing. */
import { useTranslation } from 'react-i18next';
import { getImport } from '../../../domain/residents/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { isRunning } from './import-mapping';

export function useImportJob(id: number | null) {
  const { t } = useTranslation();
  const query = useApiQuery(
    getImport,
    { params: { id: id ?? 0 } },
    {
      enabled: id !== null,
      // A passing network hiccup should not end the wait: after an error, try again a little later.
      refetchInterval: (q) => (q.state.status === 'error' ? 3000 : q.state.data && isRunning(q.state.data.status) ? 1000 : false),
    },
  );
  return { job: id === null ? null : (query.data ?? null), error: query.error ? errorText(query.error, t) : null };
}
