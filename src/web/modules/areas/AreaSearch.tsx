import { AutoComplete, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Area, searchAreas } from '../../../domain/areas/api';
import { KindTag } from '../../app/components/KindTag';
import { useApiQuery } from '../../app/query';

/** Search by name or pinyin initials (e.g. "mzz" for 毛庄镇); picking a result selects it in the tree. */
export function AreaSearch({ onPick }: { onPick: (area: Area) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // Ask only after a pause in typing, so each keystroke does not hit the server.
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const search = useApiQuery(searchAreas, { query: { q: text, pageSize: 20 } }, { enabled: Boolean(text) });
  const results = (text && search.data?.items) || [];
  const searching = Boolean(text) && search.isFetching;

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
