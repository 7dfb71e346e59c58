/** Cases in scope (流调病例), newest report first, names masked; a tracer opens a new one from here. */
import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { listCases } from '../../../domain/tracing/api';
import type { ResponseOf } from '../../../domain/contract';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { PagedList } from '../../app/components/PagedList';
import { useCurrentArea } from '../../app/current-area';
import { localName, useLanguage } from '../../app/i18n';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { useTracingPolicy } from './labels';
import { NewCaseModal } from './NewCaseModal';

type Case = ResponseOf<typeof listCases>['items'][number];
const PAGE_SIZE = 20;

export default function CasesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { area } = useCurrentArea();
  const [under, setUnder] = useState<number | undefined>();
  const [classification, setClassification] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const { policy, className } = useTracingPolicy();
  const cases = useApiQuery(
    listCases,
    { query: { under: under ?? area?.id, classification, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
    { placeholderData: (previous) => previous },
  );
  const data = cases.data ?? { items: [], total: 0 };
  const error = cases.error ? errorText(cases.error, t) : null;

  const toFind = (c: Case) =>
    c.toFind > 0 ? (
      <Tag color="gold">{t('tracing.toFindCount', { count: c.toFind, total: c.contacts })}</Tag>
    ) : (
      <Typography.Text type="secondary">{t('tracing.contactCount', { count: c.contacts })}</Typography.Text>
    );
  const card = (c: Case) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={6}>
        <Link to={`/tracing/cases/${c.id}`} data-testid="case-link">
          <Typography.Text strong>{c.name}</Typography.Text>
        </Link>
        <Tag color="red">{className(c.classification)}</Tag>
        {toFind(c)}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('tracing.field.reportedOn')} {c.reportedOn} · {c.areaName} · {t(`tracing.foundBy.${c.foundBy}`)}
      </Typography.Text>
    </Space>
  );
  const columns = [
    {
      title: t('tracing.field.person'),
      key: 'name',
      render: (_: unknown, c: Case) => (
        <Link to={`/tracing/cases/${c.id}`} data-testid="case-link">
          {c.name}
        </Link>
      ),
    },
    { title: t('tracing.field.classification'), key: 'classification', render: (_: unknown, c: Case) => <Tag color="red">{className(c.classification)}</Tag> },
    { title: t('tracing.field.reportedOn'), dataIndex: 'reportedOn' },
    { title: t('tracing.field.onsetOn'), key: 'onsetOn', render: (_: unknown, c: Case) => c.onsetOn ?? t('common.none') },
    { title: t('tracing.field.foundBy'), key: 'foundBy', render: (_: unknown, c: Case) => t(`tracing.foundBy.${c.foundBy}`) },
    { title: t('tracing.field.isolatedAt'), key: 'isolatedAt', render: (_: unknown, c: Case) => c.isolatedAt ?? t('common.none') },
    { title: t('tracing.field.area'), dataIndex: 'areaName' },
    { title: t('tracing.contacts'), key: 'contacts', render: (_: unknown, c: Case) => toFind(c) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.tracingCases')}
        </Typography.Title>
        {can('tracing.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-new">
            {t('tracing.newCase')}
          </Button>
        )}
      </Space>
      {policy.data && (
        <Typography.Text type="secondary" data-testid="tracing-policy-name">
          {t('tracing.policyInForce', { name: localName(policy.data.set.name, lang) })}
        </Typography.Text>
      )}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <AreaTreeSelect
            value={under ?? null}
            onChange={(v) => (setUnder(v ?? undefined), setPage(1))}
            placeholder={t('tasks.allAreas')}
            allowClear
            style={{ minWidth: 200 }}
          />
          <Select
            allowClear
            placeholder={t('tracing.allClassifications')}
            value={classification}
            onChange={(v) => (setClassification(v), setPage(1))}
            options={(policy.data?.caseClasses ?? []).map((c) => ({ value: c.code, label: localName(c.name, lang) }))}
            style={{ minWidth: 150 }}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <PagedList<Case>
          rowKey="id"
          testId="case-table"
          renderCard={card}
          columns={columns}
          loading={cases.isFetching}
          data={data}
          current={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          empty={t('tracing.noCases')}
        />
      </Card>
      {creating && <NewCaseModal onClose={() => setCreating(false)} onDone={(id) => navigate(`/tracing/cases/${id}`)} />}
    </Space>
  );
}
