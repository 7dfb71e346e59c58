/**
 * Quick lookup for field workers on a phone: one big search box (name, pinyin initials, ID or phone
 * tail, address), the top matches as cards. Nothing here may be wider than a 360-px screen.
 */
import { Alert, Card, Empty, Input, Space, Spin, Typography } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type Resident, lookupResidents } from '../../../domain/residents/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { GroupTags, Masked, StatusTag } from './tags';
import { useDebounced } from '../../app/use-debounced';

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
  // Search as one types (after a short pause), and keep the query in the URL for "back".
  const text = useDebounced(q.trim(), 300);
  useEffect(() => {
    if (text) setParams({ q: text }, { replace: true });
  }, [text, setParams]);
  const found = useApiQuery(lookupResidents, { query: { q: text } }, { enabled: text !== '', placeholderData: keepPreviousData });
  const items = q.trim() && text ? (found.data?.items ?? null) : null;
  const loading = found.isFetching;
  const error = text && found.error ? errorText(found.error, t) : null;

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
