import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Page, User } from '../../app/types';

/** Pick a user by typing part of a name or username (server-side search over /api/users). */
export function ActorSelect({ value, onChange }: { value?: number; onChange?: (id: number | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [users, setUsers] = useState<User[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<User>>('/api/users', { q: q.trim(), pageSize: 20 })
        .then((r) => !cancelled && setUsers(r.items))
        .catch(() => !cancelled && setUsers([]))
        .finally(() => !cancelled && setLoading(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [q]);

  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={loading}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={t('audit.actorPlaceholder')}
      notFoundContent={loading ? null : t('common.empty')}
      options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
      style={{ width: '100%' }}
    />
  );
}
