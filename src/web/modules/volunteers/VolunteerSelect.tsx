/** Picks volunteers by typing part of a name or the tail of an ID number or phone (one, or several with `multiple`). */
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Page } from '../../app/types';
import type { Volunteer } from '../../../domain/volunteers/api';

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
  const [items, setItems] = useState<PickedVolunteer[]>(known);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    const n = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<Volunteer>>('/api/volunteers', { q: q.trim(), under, pageSize: 30 })
        .then((r) => {
          if (n !== seq.current) return;
          // Keep chosen ones listed so their labels stay while searching for others.
          setItems((prev) => {
            const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
            const kept = prev.filter((p) => chosen.has(p.id));
            const found = r.items.map((v) => ({ id: v.id, name: `${v.name} · ${v.areaName}` }));
            return [...kept, ...found.filter((f) => !kept.some((k) => k.id === f.id))];
          });
        })
        .catch(() => {})
        .finally(() => n === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
    // `value` only matters for keeping chosen ones listed; a pick does not need a new search.
  }, [q, under]);

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
