/**
 * The disclosures watch (个人信息查看监测): the threshold of reveals and exports one user may make in a day before
 * the administrators get a task (policy data, deployment-wide), and who revealed or exported how much on a day.
 * The server answers a top-level administrator only; setting the threshold needs its own permission.
 */
import { Alert, App, Button, Card, DatePicker, InputNumber, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDisclosures, setDisclosureThreshold } from '../../../domain/audit/api';
import type { ResponseOf } from '../../../domain/contract';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

type Row = ResponseOf<typeof getDisclosures>['items'][number];

function ThresholdEditor({ value, canEdit }: { value: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [perDay, setPerDay] = useState<number | null>(value);
  const save = useApiMutation(setDisclosureThreshold, { invalidates: [getDisclosures] });
  return (
    <Space wrap>
      <InputNumber
        min={1}
        max={100000}
        value={perDay}
        onChange={setPerDay}
        disabled={!canEdit}
        suffix={t('disclosures.perDaySuffix')}
        style={{ width: 160 }}
        data-testid="disclosure-threshold"
      />
      {canEdit && (
        <Button
          type="primary"
          disabled={!perDay || perDay === value}
          loading={save.isPending}
          onClick={() =>
            perDay &&
            save.mutate({ body: { perDay } }, { onSuccess: () => message.success(t('disclosures.saved')), onError: (e) => message.error(errorText(e, t)) })
          }
        >
          {t('common.save')}
        </Button>
      )}
    </Space>
  );
}

export default function DisclosuresPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [day, setDay] = useState<Dayjs | null>(null);
  const q = useApiQuery(getDisclosures, { query: day ? { day: day.format('YYYY-MM-DD') } : {} });
  const th = q.data?.threshold;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.disclosures')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('disclosures.intro')}
      </Typography.Paragraph>
      {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} />}
      {th && (
        <Card size="small" title={t('disclosures.threshold')}>
          <Space orientation="vertical">
            <ThresholdEditor key={th.perDay} value={th.perDay} canEdit={can('audit.manage')} />
            <Typography.Text type="secondary">
              {th.updatedAt
                ? t('disclosures.updated', { at: dayjs(th.updatedAt).format('YYYY-MM-DD HH:mm'), name: th.updatedByName ?? '—' })
                : t('disclosures.default')}
            </Typography.Text>
          </Space>
        </Card>
      )}
      <Card
        size="small"
        title={t('disclosures.dayTitle', { day: q.data?.day ?? '' })}
        extra={<DatePicker value={day} onChange={setDay} allowClear placeholder={t('disclosures.today')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />}
      >
        <ResponsiveList<Row>
          rowKey="userId"
          size="small"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('disclosures.none') }}
          testId="disclosures-list"
          columns={[
            { title: t('disclosures.user'), dataIndex: 'name' },
            { title: t('disclosures.area'), dataIndex: 'areaName', render: (a: string | null) => a ?? '—' },
            { title: t('disclosures.reveals'), dataIndex: 'reveals' },
            { title: t('disclosures.exports'), dataIndex: 'exports' },
            {
              title: t('disclosures.total'),
              dataIndex: 'total',
              render: (n: number) => (th && n > th.perDay ? <Typography.Text type="danger">{n}</Typography.Text> : n),
            },
            {
              title: t('disclosures.alerted'),
              dataIndex: 'alerted',
              render: (a: boolean) => (a ? <Tag color="red">{t('disclosures.alertedYes')}</Tag> : null),
            },
          ]}
          renderCard={(r) => (
            <Space orientation="vertical" size={2}>
              <Typography.Text strong>
                {r.name} {r.alerted && <Tag color="red">{t('disclosures.alertedYes')}</Tag>}
              </Typography.Text>
              <Typography.Text type="secondary">{r.areaName ?? '—'}</Typography.Text>
              <Typography.Text>{t('disclosures.card', { reveals: r.reveals, exports: r.exports, total: r.total })}</Typography.Text>
            </Space>
          )}
        />
      </Card>
    </Space>
  );
}
