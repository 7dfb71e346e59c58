/** Screening campaigns: the list with each one's households visited of total, and starting a new one. */
import { Alert, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Progress, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { type Campaign, createCampaign, listCampaigns } from '../../../domain/screening/api/campaigns';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { fieldRule } from '../../app/form-rules';

export function CampaignStatus({ c }: { c: Pick<Campaign, 'status'> }) {
  const { t } = useTranslation();
  return <Tag color={c.status === 'open' ? 'processing' : 'default'}>{t(`screening.status.${c.status}`)}</Tag>;
}

export default function CampaignsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const campaigns = useApiQuery(listCampaigns);
  const items = campaigns.data?.items;
  const error = campaigns.error ? errorText(campaigns.error, t) : null;
  const [creating, setCreating] = useState(false);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960, margin: '0 auto', display: 'flex' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.screening')}
        </Typography.Title>
        {can('screening.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
            {t('screening.newCampaign')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {campaigns.isPending && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {items && !items.length && <Empty description={t('screening.noCampaigns')} />}
      {items?.map((c) => (
        <Card key={c.id} size="small" data-testid="campaign-card">
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Link to={`/screening/campaigns/${c.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                {c.name}
              </Link>
              <CampaignStatus c={c} />
            </Space>
            <Typography.Text type="secondary">
              {c.areaName} · {c.startsOn} ~ {c.endsOn}
            </Typography.Text>
            <Progress percent={c.households ? Math.round((c.visited / c.households) * 100) : 0} format={() => `${c.visited} / ${c.households}`} />
          </Space>
        </Card>
      ))}
      {creating && <CreateCampaignModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

interface Values {
  name: string;
  period: [Dayjs, Dayjs];
  lookbackDays: number;
}

function CreateCampaignModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useApiMutation(createCampaign, { invalidates: [listCampaigns] });
  const error = create.error ? errorText(create.error, t) : null;

  const submit = async (v: Values) => {
    if (!area) return;
    try {
      const c = await create.mutateAsync({
        body: {
          name: v.name.trim(),
          areaId: area.id,
          startsOn: v.period[0].format('YYYY-MM-DD'),
          endsOn: v.period[1].format('YYYY-MM-DD'),
          lookbackDays: v.lookbackDays,
          target: 'all',
        },
      });
      navigate(`/screening/campaigns/${c.id}`);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <Modal
      open
      title={t('screening.newCampaign')}
      onCancel={onClose}
      okText={t('screening.start')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ lookbackDays: 14, period: [dayjs(), dayjs().add(2, 'day')] }}
        onFinish={(v) => void submit(v)}
        data-testid="campaign-form"
      >
        <Typography.Paragraph type="secondary">{t('screening.newCampaignHint', { area: area?.name ?? '' })}</Typography.Paragraph>
        <Form.Item name="name" label={t('screening.campaignName')} rules={[{ required: true, whitespace: true }, fieldRule(createCampaign.body.shape.name, t)]}>
          <Input maxLength={100} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item name="period" label={t('screening.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lookbackDays" label={t('screening.lookbackDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
