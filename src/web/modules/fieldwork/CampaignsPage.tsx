/** Publicity campaigns (宣传活动, e.g. 五包五讲五到户) with their household coverage; a planner starts one from here. */
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Modal, Progress, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { createCampaign, getPolicy, listCampaigns } from '../../../domain/fieldwork/api';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

type Campaign = ResponseOf<typeof listCampaigns>['items'][number];
interface Values {
  name: string;
  areaId: number;
  dates: [Dayjs, Dayjs];
  template: string;
}

export default function CampaignsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const q = useApiQuery(listCampaigns, { query: { under: area?.id, limit: 100, offset: 0 } });
  const policy = useApiQuery(getPolicy, {}, { enabled: open });
  const create = useApiMutation(createCampaign, { onSuccess: (c) => navigate(`/fieldwork/campaigns/${c.id}`) });
  const required = [{ required: true, message: t('fieldwork.form.required') }];
  const cover = (c: Campaign) => (
    <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
      <Progress percent={c.coverage.pct ?? 0} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('fieldwork.coverage', c.coverage)}
      </Typography.Text>
    </Space>
  );
  const link = (c: Campaign) => (
    <Link to={`/fieldwork/campaigns/${c.id}`} data-testid="campaign-row">
      {c.name}
    </Link>
  );
  const columns = [
    { title: t('fieldwork.field.campaign'), key: 'name', render: (_: unknown, c: Campaign) => link(c) },
    { title: t('fieldwork.field.area'), dataIndex: 'areaName' },
    { title: t('fieldwork.field.dates'), key: 'dates', render: (_: unknown, c: Campaign) => `${c.startsOn} – ${c.endsOn}` },
    { title: t('fieldwork.field.items'), key: 'items', render: (_: unknown, c: Campaign) => c.items.length },
    { title: t('fieldwork.field.coverage'), key: 'coverage', render: (_: unknown, c: Campaign) => cover(c) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.fieldworkCampaigns')}
        </Typography.Title>
        {can('fieldwork.plan') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="campaign-new">
            {t('fieldwork.newCampaign')}
          </Button>
        )}
      </Space>
      <Card size="small">
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        <ResponsiveList<Campaign>
          rowKey="id"
          size="small"
          renderCard={(c) => (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              {link(c)}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {c.areaName} · {c.startsOn} – {c.endsOn}
              </Typography.Text>
              {cover(c)}
            </Space>
          )}
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fieldwork.noCampaigns')} /> }}
        />
      </Card>
      <Modal open={open} title={t('fieldwork.newCampaign')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form<Values>
          layout="vertical"
          onFinish={(v) =>
            create.mutate({
              body: {
                name: v.name,
                areaId: v.areaId,
                startsOn: v.dates[0].format('YYYY-MM-DD'),
                endsOn: v.dates[1].format('YYYY-MM-DD'),
                template: v.template,
              },
            })
          }
        >
          <Form.Item name="template" label={t('fieldwork.field.template')} rules={required}>
            <Select options={(policy.data?.campaignTemplates ?? []).map((x) => ({ value: x.code, label: `${x.name}（${x.items.length}）` }))} />
          </Form.Item>
          <Form.Item name="name" label={t('fieldwork.field.campaign')} rules={required}>
            <Input />
          </Form.Item>
          <Form.Item name="areaId" label={t('fieldwork.field.area')} rules={required}>
            <AreaTreeSelect />
          </Form.Item>
          <Form.Item name="dates" label={t('fieldwork.field.dates')} rules={required}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          {create.error && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={create.isPending}>
            {t('fieldwork.form.submit')}
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}
