/** Picks one account in scope by typing part of its name or username (grid worker, doctor, a task's assignee). */
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Page, User } from '../../app/types';

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

export function UserSelect({ value, onChange, known, role, placeholder, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<PickedUser[]>(known ? [known] : []);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    const n = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<User>>('/api/users', { q: q.trim(), pageSize: 50 })
        .then((r) => {
          if (n !== seq.current) return;
          const found = r.items
            .filter((u) => !u.disabled && (!role || u.roles.includes(role)))
            .map((u) => ({ id: u.id, name: `${u.displayName} · ${u.scope.name}`, scopePath: u.scope.path }));
          setItems((prev) => {
            const kept = prev.filter((p) => p.id === value && !found.some((f) => f.id === p.id));
            return [...kept, ...found];
          });
        })
        .catch(() => {})
        .finally(() => n === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
    // `value` only keeps the chosen one listed; a pick does not need a new search.
  }, [q, role]);

  return (
    <Select<number>
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      loading={loading}
      placeholder={placeholder ?? t('tasks.pickUser')}
      notFoundContent={loading ? t('common.loading') : t('tasks.noUser')}
      options={items.map((u) => ({ value: u.id, label: u.name }))}
      onChange={(v) => onChange?.(v ?? null, items.find((u) => u.id === v) ?? null)}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
