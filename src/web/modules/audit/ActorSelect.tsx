import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../../../domain/users/api';
import { useApiQuery } from '../../app/query';
import { useDebounced } from '../../app/use-debounced';

/** Pick a user by typing part of a name or username (server-side search over /api/users, once typing pauses). */
export function ActorSelect({ value, onChange }: { value?: number; onChange?: (id: number | undefined) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const users = useApiQuery(listUsers, { query: { q, pageSize: 20 } }, { placeholderData: (previous) => previous });
  const loading = users.isFetching;

  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={loading}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={t('audit.actorPlaceholder')}
      notFoundContent={loading ? null : t('common.empty')}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
      style={{ width: '100%' }}
    />
  );
}
