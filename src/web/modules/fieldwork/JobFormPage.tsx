/**
 * Recording a disinfection job (消杀), a phone page: the place (or the planned job being done), the team, what was
 * used and how, the square metres, photos before and after (a terminal job needs its after-photo), and — when the
 * worker taps for it — the phone's position.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { completeJob, getJob, recordJob } from '../../../domain/fieldwork/api';
import { JOB_KINDS, METHODS } from '../../../domain/fieldwork/kinds';
import { listTeams } from '../../../domain/volunteers/api';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { errorText } from '../../app/errors';
import { PhotoInput } from '../../app/PhotoInput';
import { useApiMutation, useApiQuery } from '../../app/query';

interface Values {
  kind: (typeof JOB_KINDS)[number];
  areaId?: number;
  place?: string;
  teamId?: number;
  teamName?: string;
  disinfectant: string;
  concentration?: string;
  method: (typeof METHODS)[number];
  areaM2: number;
  beforePhotoIds?: number[];
  afterPhotoIds?: number[];
  note?: string;
}

export default function JobFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [params] = useSearchParams();
  const jobId = params.get('jobId') ? Number(params.get('jobId')) : null;
  const [form] = Form.useForm<Values>();
  const [position, setPosition] = useState<{ latitude: number; longitude: number; accuracyM: number } | null>(null);
  const [noPosition, setNoPosition] = useState(false);
  // The volunteers module's teams, where the worker may read them; a team's name will do otherwise.
  const teams = useApiQuery(listTeams, { query: {} }, { enabled: can('volunteers.read') });
  const teamId = Form.useWatch('teamId', form);
  const planned = useApiQuery(getJob, { params: { id: jobId ?? 0 } }, { enabled: jobId !== null });
  const done = () => navigate('/fieldwork/disinfection');
  const record = useApiMutation(recordJob, { onSuccess: done });
  const complete = useApiMutation(completeJob, { onSuccess: done });
  const error = record.error ?? complete.error;
  const kind = Form.useWatch('kind', form) ?? planned.data?.kind;
  const terminal = (jobId ? planned.data?.kind : kind) === 'terminal';

  const locate = () => {
    setNoPosition(false);
    navigator.geolocation?.getCurrentPosition(
      (p) => setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: p.coords.accuracy }),
      () => setNoPosition(true),
      { timeout: 10_000 },
    );
  };
  const submit = (v: Values) => {
    const work = {
      teamId: v.teamId || undefined,
      teamName: v.teamId ? undefined : v.teamName?.trim() || undefined,
      disinfectant: v.disinfectant,
      concentration: v.concentration || undefined,
      method: v.method,
      areaM2: v.areaM2,
      beforePhotoIds: v.beforePhotoIds ?? [],
      afterPhotoIds: v.afterPhotoIds ?? [],
      note: v.note || undefined,
      ...(position ?? {}),
    };
    if (jobId) complete.mutate({ params: { id: jobId }, body: work });
    else record.mutate({ body: { kind: v.kind, areaId: v.areaId!, place: v.place!, ...work } });
  };
  const required = [{ required: true, message: t('fieldwork.form.required') }];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('fieldwork.form.jobTitle')}
      </Typography.Title>
      {planned.data && (
        <Card size="small" data-testid="job-planned">
          <Space wrap>
            <Tag color={planned.data.kind === 'terminal' ? 'volcano' : 'blue'}>{t(`fieldwork.kind.${planned.data.kind}`)}</Tag>
            <Typography.Text strong>
              {planned.data.place}
              {planned.data.address ? ` · ${planned.data.address}` : ''} · {planned.data.areaName}
            </Typography.Text>
          </Space>
        </Card>
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'routine', method: 'spray' }} requiredMark={false}>
        {!jobId && (
          <>
            <Form.Item name="kind" label={t('fieldwork.field.kind')}>
              <Select options={JOB_KINDS.map((k) => ({ value: k, label: t(`fieldwork.kind.${k}`) }))} data-testid="job-kind" />
            </Form.Item>
            <Form.Item name="areaId" label={t('fieldwork.field.area')} rules={required}>
              <AreaTreeSelect size="large" placeholder={t('fieldwork.form.pickArea')} data-testid="job-area" />
            </Form.Item>
            <Form.Item name="place" label={t('fieldwork.field.place')} rules={required}>
              <Input size="large" placeholder={t('fieldwork.form.placeHint')} data-testid="job-place" />
            </Form.Item>
          </>
        )}
        {!!teams.data?.items.length && (
          <Form.Item name="teamId" label={t('fieldwork.field.team')}>
            <Select
              size="large"
              allowClear
              options={teams.data.items.map((x) => ({ value: x.id, label: `${x.name} · ${x.areaName}` }))}
              data-testid="job-team-pick"
            />
          </Form.Item>
        )}
        <Form.Item
          name="teamName"
          label={teams.data?.items.length ? t('fieldwork.form.teamNameOr') : t('fieldwork.field.team')}
          rules={teamId || (jobId && planned.data?.teamName) ? [] : required}
          hidden={!!teamId}
        >
          <Input size="large" placeholder={planned.data?.teamName ?? t('fieldwork.form.teamHint')} data-testid="job-team" />
        </Form.Item>
        <Form.Item name="disinfectant" label={t('fieldwork.field.disinfectant')} rules={required}>
          <Input size="large" placeholder={t('fieldwork.form.disinfectantHint')} data-testid="job-disinfectant" />
        </Form.Item>
        <Form.Item name="concentration" label={t('fieldwork.field.concentration')}>
          <Input size="large" placeholder="500 mg/L" />
        </Form.Item>
        <Form.Item name="method" label={t('fieldwork.field.method')}>
          <Select size="large" options={METHODS.map((m) => ({ value: m, label: t(`fieldwork.method.${m}`) }))} />
        </Form.Item>
        <Form.Item name="areaM2" label={t('fieldwork.field.areaM2')} rules={required}>
          <InputNumber size="large" min={0} style={{ width: '100%' }} data-testid="job-m2" />
        </Form.Item>
        <Form.Item name="beforePhotoIds" label={t('fieldwork.field.before')}>
          <PhotoInput max={5} />
        </Form.Item>
        <Form.Item
          name="afterPhotoIds"
          label={t('fieldwork.field.after')}
          extra={terminal ? <Typography.Text type="warning">{t('fieldwork.form.afterNeeded')}</Typography.Text> : undefined}
        >
          <PhotoInput max={5} />
        </Form.Item>
        <Form.Item name="note" label={t('fieldwork.field.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap style={{ marginBottom: 16 }}>
          <Button icon={<EnvironmentOutlined />} onClick={locate}>
            {t('fieldwork.form.locate')}
          </Button>
          {position && <Typography.Text type="secondary">{t('fieldwork.form.located', { accuracy: Math.round(position.accuracyM) })}</Typography.Text>}
          {noPosition && <Typography.Text type="warning">{t('fieldwork.form.noPosition')}</Typography.Text>}
        </Space>
        {error && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} data-testid="job-error" />}
        <Button type="primary" htmlType="submit" block size="large" loading={record.isPending || complete.isPending} data-testid="job-submit">
          {t('fieldwork.form.submit')}
        </Button>
      </Form>
    </Space>
  );
}
