/** Picks one account in scope by typing part of its name or username (grid worker, doctor, a task's assignee). */
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../../../domain/users/api';
import { useApiQuery } from '../../app/query';

export interface PickedUser {
  id: number;
  name: string;
  /** The account's scope path, when known: what it can see. */
  scopePath?: string;
}

interface Props {
  value?: number | null;
  onChange?: (value: number | null, user: PickedUser | null) => void;
  /** Label of the chosen account before any search (e.g. the measure's doctor). */
  known?: PickedUser | null;
  /** Offer only accounts holding this role, when given (e.g. doctor). */
  role?: string;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}

const PAGE_SIZE = 50;

export function UserSelect({ value, onChange, known, role, placeholder, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<PickedUser | null>(known ?? null);
  // Searches once typing pauses; the query key is the search, so a slower older answer never replaces a newer one.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const users = useApiQuery(listUsers, { query: { q, pageSize: PAGE_SIZE } });
  const items = useMemo(() => {
    const found = (users.data?.items ?? [])
      .filter((u) => !u.disabled && (!role || u.roles.includes(role)))
      .map((u): PickedUser => ({ id: u.id, name: `${u.displayName} · ${u.scope.name}`, scopePath: u.scope.path }));
    // The chosen account stays listed (with its label) whatever the search shows.
    const kept = chosen && chosen.id === value && !found.some((f) => f.id === chosen.id) ? [chosen] : [];
    return [...kept, ...found];
  }, [users.data, role, chosen, value]);

  return (
    <Select<number>
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value ?? undefined}
      loading={users.isFetching}
      placeholder={placeholder ?? t('tasks.pickUser')}
      notFoundContent={users.isFetching ? t('common.loading') : t('tasks.noUser')}
      options={items.map((u) => ({ value: u.id, label: u.name }))}
      onChange={(v) => {
        const user = items.find((u) => u.id === v) ?? null;
        setChosen(user);
        onChange?.(v ?? null, user);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
