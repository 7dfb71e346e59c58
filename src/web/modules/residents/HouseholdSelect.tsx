/** Picks a household by typing part of its address; searches the caller's scope (or under `under`). */
import { Select } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Household, listHouseholds } from '../../../domain/residents/api';
import { useApiQuery } from '../../app/query';
import { useDebounced } from '../../app/use-debounced';

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
  const [q, setQ] = useState('');
  // The one chosen (or given at first), kept listed so its label stays while searching for others.
  const [chosen, setChosen] = useState<Household | null>(initial ?? null);
  const text = useDebounced(q.trim(), 250);
  const found = useApiQuery(listHouseholds, { query: { q: text || undefined, under, pageSize: 20 } }, { placeholderData: keepPreviousData });
  const list = (found.data?.items ?? []).filter((h) => h.id !== exclude);
  const kept = chosen && chosen.id === value && !list.some((h) => h.id === chosen.id) ? [chosen] : [];
  const items = [...kept, ...list];
  const loading = found.isFetching;

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
        const household = items.find((h) => h.id === picked) ?? null;
        setChosen(household);
        onChange?.(picked, household);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
