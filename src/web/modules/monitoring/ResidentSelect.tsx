/** Picks one resident with the registry's search: part of a name, pinyin initials, the tail of an ID number or phone. */
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Page } from '../../app/types';
import type { Resident } from '../residents/types';

interface Props {
  value?: number | null;
  onChange?: (id: number | null, resident: Resident | null) => void;
  id?: string;
  'data-testid'?: string;
}

export function residentLabel(r: Pick<Resident, 'name' | 'idNumber' | 'age' | 'areaName'>, age: (n: number) => string): string {
  return [r.name, r.idNumber, r.age !== null ? age(r.age) : null, r.areaName].filter(Boolean).join(' · ');
}

export function ResidentSelect({ value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Resident[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    if (!q.trim()) return;
    const n = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<Resident>>('/api/residents', { q: q.trim(), pageSize: 20 })
        .then((r) => {
          if (n !== seq.current) return;
          setItems((prev) => {
            const chosen = prev.find((x) => x.id === value);
            return chosen && !r.items.some((x) => x.id === chosen.id) ? [chosen, ...r.items] : r.items;
          });
        })
        .catch(() => {})
        .finally(() => n === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
    // `value` only keeps the chosen one listed.
  }, [q]);

  return (
    <Select<number>
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      loading={loading}
      placeholder={t('monitoring.propose.residentPlaceholder')}
      notFoundContent={loading ? t('common.loading') : q.trim() ? t('monitoring.propose.noResident') : t('monitoring.propose.typeToSearch')}
      options={items.map((r) => ({ value: r.id, label: residentLabel(r, (age) => t('monitoring.situation.ageValue', { age })) }))}
      onChange={(v) => onChange?.(v ?? null, items.find((r) => r.id === v) ?? null)}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
