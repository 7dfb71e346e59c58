/** The audit trail: who did what, to which record, from where; filtered, paged, with before/after. */
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { type AuditEntry, listAudit } from '../../../domain/audit/api';
import { type AuditEntity, auditEntities } from '../../../domain/audit/events';
import { useApiQuery } from '../../app/query';
import { ActorSelect } from './ActorSelect';

const PAGE_SIZE = 50;

interface Filters {
  actor?: number;
  entity?: AuditEntity;
  areaId?: number | null;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          padding: 8,
          margin: '4px 0 0',
          maxHeight: 320,
          overflow: 'auto',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value === null || value === undefined ? t('common.none') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area: current } = useCurrentArea();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ areaId: current?.id });
  const [page, setPage] = useState(1);
  const [from, to] = filters.range ?? [];
  const audit = useApiQuery(listAudit, {
    query: {
      actor: filters.actor,
      entity: filters.entity,
      areaId: filters.areaId ?? undefined,
      from: from?.toISOString(),
      to: to?.toISOString(),
      page,
      pageSize: PAGE_SIZE,
    },
  });
  const data = audit.data ?? { items: [], total: 0 };
  const error = audit.error ? errorText(audit.error, t) : null;

  const apply = (v: Filters) => {
    setPage(1);
    setFilters(v);
  };

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('nav.audit')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" initialValues={filters} onFinish={apply}>
          <Row gutter={12}>
            {can('users.read') && (
              <Col xs={24} sm={12} lg={6}>
                <Form.Item name="actor" label={t('audit.actor')}>
                  <ActorSelect />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="entity" label={t('audit.entity')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('audit.entityAll')}
                  options={auditEntities.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
                />
              </Form.Item>
            </Col>
            {can('areas.read') && (
              <Col xs={24} sm={12} lg={6}>
                <Form.Item name="areaId" label={t('audit.area')}>
                  <AreaTreeSelect allowClear style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="range" label={t('audit.time')}>
                <DatePicker.RangePicker showTime allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            style={{ marginInlineStart: 8 }}
            onClick={() => {
              // Clear everything, including the current-area default.
              form.setFieldsValue({ actor: undefined, entity: undefined, areaId: undefined, range: null });
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card size="small">
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={audit.isFetching}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('audit.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data.total,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          expandable={{
            expandedRowRender: (e) => (
              <Row gutter={[12, 12]}>
                <Col xs={24} md={12}>
                  <JsonBlock title={t('audit.before')} value={e.before} />
                </Col>
                <Col xs={24} md={12}>
                  <JsonBlock title={t('audit.after')} value={e.after} />
                </Col>
              </Row>
            ),
          }}
          columns={[
            {
              title: t('audit.time'),
              dataIndex: 'at',
              render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(at).format('YYYY-MM-DD HH:mm:ss')}</span>,
            },
            { title: t('audit.actor'), dataIndex: 'actorName', render: (n: string | null) => n ?? '' },
            // Every kind of the catalogue has a label in both languages (a unit test checks); a row older than a
            // kind's label would still show its code rather than nothing.
            { title: t('audit.action'), dataIndex: 'action', render: (a: string) => t(`audit.actions.${a}`, { defaultValue: a }) },
            { title: t('audit.entity'), dataIndex: 'entity', render: (e: string) => t(`audit.entities.${e}`, { defaultValue: e }) },
            { title: t('audit.entityId'), dataIndex: 'entityId', render: (v: unknown) => (v == null ? '' : String(v)) },
            {
              title: t('audit.requestId'),
              dataIndex: 'requestId',
              render: (v: string | null) => (
                <Typography.Text code copyable={Boolean(v)}>
                  {v ?? ''}
                </Typography.Text>
              ),
            },
            { title: t('audit.clientIp'), dataIndex: 'clientIp', render: (v: string | null) => v ?? '' },
          ]}
        />
      </Card>
    </div>
  );
}
