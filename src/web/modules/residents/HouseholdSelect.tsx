/** Picks a household by typing part of its address; searches the caller's scope (or under `under`). */
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Household } from './types';

export function householdLabel(h: Pick<Household, 'address' | 'areaName' | 'headName'>): string {
  return [h.address, h.headName, h.areaName].filter(Boolean).join(' · ');
}

interface Props {
  value?: number | null;
  onChange?: (id: number | null, household: Household | null) => void;
  /** Shown as the selected label before any search (e.g. the household a member is added to). */
  initial?: Household | null;
  under?: number;
  exclude?: number;
  id?: string;
  'data-testid'?: string;
}

export function HouseholdSelect({ value, onChange, initial, under, exclude, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Household[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    const n = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<{ items: Household[] }>('/api/households', { q: q.trim(), under, pageSize: 20 })
        .then((r) => {
          if (n !== seq.current) return;
          // Keep the chosen one listed so its label stays while searching for others.
          setItems((prev) => {
            const chosen = prev.find((h) => h.id === value);
            const list = r.items.filter((h) => h.id !== exclude);
            return chosen && !list.some((h) => h.id === chosen.id) ? [chosen, ...list] : list;
          });
        })
        .catch(() => {})
        .finally(() => n === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
    // `value` only matters for keeping the chosen one listed; a pick does not need a new search.
  }, [q, under, exclude]);

  return (
    <Select<number>
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      loading={loading}
      placeholder={t('residents.household.searchPlaceholder')}
      notFoundContent={loading ? t('common.loading') : t('residents.household.none')}
      options={items.map((h) => ({ value: h.id, label: householdLabel(h) }))}
      onChange={(v) => {
        const picked = v == null ? null : Number(v);
        onChange?.(picked, items.find((h) => h.id === picked) ?? null);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
