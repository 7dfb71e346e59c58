/**
 * Quick lookup for field workers on a phone: one big search box (name, pinyin initials, ID or phone
 * tail, address), the top matches as cards. Nothing here may be wider than a 360-px screen.
 */
import { Alert, Card, Empty, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { GroupTags, Masked, StatusTag } from './tags';
import type { Resident } from './types';

function ResultCard({ r }: { r: Resident }) {
  const { t } = useTranslation();
  const facts = [r.sex ? t(`residents.sex.${r.sex}`) : null, r.age !== null ? t('residents.ageYears', { age: r.age }) : null].filter(Boolean).join(' · ');
  return (
    <Link to={`/residents/${r.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="lookup-result">
      <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
        <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
          <Space wrap size={6} style={{ width: '100%' }}>
            <Typography.Text strong style={{ fontSize: 17 }}>
              {r.name}
            </Typography.Text>
            {facts && <Typography.Text type="secondary">{facts}</Typography.Text>}
            <StatusTag status={r.status} />
          </Space>
          <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 12, rowGap: 2 }}>
            <span>
              <Typography.Text type="secondary">{t('residents.lookup.id')} </Typography.Text>
              <Masked value={r.idNumber} />
            </span>
            <span>
              <Typography.Text type="secondary">{t('residents.lookup.phone')} </Typography.Text>
              <Masked value={r.phone} />
            </span>
          </div>
          <Typography.Text style={{ overflowWrap: 'anywhere' }}>{r.householdAddress || t('residents.stays.noHousehold')}</Typography.Text>
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {r.areaName}
          </Typography.Text>
          <GroupTags groups={r.groups} />
        </Space>
      </Card>
    </Link>
  );
}

export default function LookupPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [items, setItems] = useState<Resident[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  // Search as one types (after a short pause), and keep the query in the URL for "back".
  useEffect(() => {
    const text = q.trim();
    const n = ++seq.current;
    if (!text) {
      setItems(null);
      setLoading(false);
      return;
    }
    const timer = setTimeout(() => {
      setLoading(true);
      setParams({ q: text }, { replace: true });
      api
        .get<{ items: Resident[] }>('/api/residents/lookup', { q: text })
        .then((r) => {
          if (n !== seq.current) return;
          setItems(r.items);
          setError(null);
        })
        .catch((e) => n === seq.current && setError(errorText(e, t)))
        .finally(() => n === seq.current && setLoading(false));
    }, 300);
    return () => clearTimeout(timer);
  }, [q, t, setParams]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}>
      <Input.Search
        size="large"
        allowClear
        autoFocus
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => setQ(v)}
        placeholder={t('residents.lookup.placeholder')}
        maxLength={60}
        inputMode="search"
        loading={loading}
        data-testid="lookup-input"
      />
      {error && <Alert type="error" showIcon title={error} />}
      {items === null && !error && <Typography.Paragraph type="secondary">{t('residents.lookup.hint')}</Typography.Paragraph>}
      {items !== null && items.length === 0 && !loading && <Empty description={t('residents.lookup.none')} />}
      {items !== null && items.length > 0 && (
        <Spin spinning={loading}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {items.map((r) => (
              <ResultCard key={r.id} r={r} />
            ))}
            {items.length >= 10 && <Typography.Text type="secondary">{t('residents.lookup.more')}</Typography.Text>}
          </Space>
        </Spin>
      )}
    </Space>
  );
}
