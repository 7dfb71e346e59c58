/** Picks volunteers by typing part of a name or the tail of an ID number or phone (one, or several with `multiple`). */
import { Select } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listVolunteers } from '../../../domain/volunteers/api';
import { useApiQuery } from '../../app/query';

export interface PickedVolunteer {
  id: number;
  name: string;
}

interface Props {
  value?: number | number[] | null;
  onChange?: (value: number | number[] | null, picked: PickedVolunteer[]) => void;
  multiple?: boolean;
  under?: number;
  /** Labels of already chosen ids (e.g. a team's members) shown before any search. */
  known?: PickedVolunteer[];
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}

export function VolunteerSelect({ value, onChange, multiple, under, known = [], placeholder, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // The search waits for a pause in typing.
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const search = useApiQuery(listVolunteers, { query: { q: term || undefined, under, pageSize: 30 } }, { placeholderData: keepPreviousData });
  const loading = search.isFetching;
  // Labels of every person seen, so chosen ones stay listed while searching for others.
  const labels = useRef(new Map(known.map((k) => [k.id, k])));
  const found = (search.data?.items ?? []).map((v) => ({ id: v.id, name: `${v.name} · ${v.areaName}` }));
  for (const f of found) labels.current.set(f.id, f);
  const chosen = Array.isArray(value) ? value : value ? [value] : [];
  const kept = chosen.map((id) => labels.current.get(id)).filter((p): p is PickedVolunteer => Boolean(p));
  const items = [...kept, ...found.filter((f) => !kept.some((k) => k.id === f.id))];

  return (
    <Select<number | number[]>
      id={id}
      data-testid={rest['data-testid']}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      loading={loading}
      placeholder={placeholder ?? t('volunteers.pick.placeholder')}
      notFoundContent={loading ? t('common.loading') : t('volunteers.pick.none')}
      options={items.map((v) => ({ value: v.id, label: v.name }))}
      onChange={(v) => {
        const ids = Array.isArray(v) ? v : v == null ? [] : [v];
        onChange?.(
          v ?? null,
          items.filter((i) => ids.includes(i.id)),
        );
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
