import { AutoComplete, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { KindTag } from '../../app/components/KindTag';
import type { Area, Page } from '../../app/types';

/** Search by name or pinyin initials (e.g. "mzz" for 毛庄镇); picking a result selects it in the tree. */
export function AreaSearch({ onPick }: { onPick: (area: Area) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Area[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    clearTimeout(timer.current);
    const text = q.trim();
    if (!text) {
      setResults([]);
      return;
    }
    let cancelled = false;
    // Wait for a pause in typing so each keystroke does not hit the server.
    timer.current = setTimeout(() => {
      setSearching(true);
      api
        .get<Page<Area>>('/api/areas', { q: text, pageSize: 20 })
        .then((r) => !cancelled && setResults(r.items))
        .catch(() => !cancelled && setResults([]))
        .finally(() => !cancelled && setSearching(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [q]);

  return (
    <AutoComplete
      value={q}
      onChange={setQ}
      style={{ width: '100%' }}
      options={results.map((a) => ({
        value: String(a.id),
        label: (
          <span>
            {a.name}
            <KindTag kind={a.kind} />
          </span>
        ),
      }))}
      onSelect={(id: string) => {
        const a = results.find((r) => String(r.id) === id);
        if (a) onPick(a);
        setQ('');
      }}
      notFoundContent={q.trim() && !searching ? t('areas.noResults') : null}
    >
      <Input.Search placeholder={t('areas.searchPlaceholder')} loading={searching} allowClear />
    </AutoComplete>
  );
}
