/** Picks one resident with the registry's search: part of a name, pinyin initials, the tail of an ID number or phone. */
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchResidents } from '../../../domain/residents/api';
import { useApiQuery } from '../../app/query';
import type { Resident } from '../../../domain/residents/api';

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
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  const [chosen, setChosen] = useState<Resident | null>(null);
  // Searches once typing pauses; a newer term's answer replaces an older one by its query key.
  useEffect(() => {
    const timer = setTimeout(() => setTerm(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const query = { q: term, pageSize: 20 };
  const found = useApiQuery(searchResidents, { query }, { enabled: term !== '', placeholderData: (previous) => previous });
  const loading = found.isFetching;
  const results = found.data?.items ?? [];
  // The chosen one stays listed whatever the search shows now.
  const items = chosen && chosen.id === value && !results.some((r) => r.id === chosen.id) ? [chosen, ...results] : results;

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
      onChange={(v) => {
        const r = items.find((x) => x.id === v) ?? null;
        setChosen(r);
        onChange?.(v ?? null, r);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
