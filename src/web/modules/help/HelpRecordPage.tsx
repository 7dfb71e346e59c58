/**
 * 登记求助: a worker records a request on someone's behalf — a phone call, a walk-in, one case of the 12345 hotline —
 * found in the registry when they can be (so the household's linked member is offered to deliver), or by name and
 * phone. The answer gives the tracking code and the 4-digit delivery code to read to the person. The second tab
 * imports the hotline's whole day's list from its spreadsheet, all or nothing.
 */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Result, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { helpBoard, helpPolicyRoute, importHotline, listHelp, recordHelp } from '../../../domain/help/api';
import { WORKER_CHANNELS } from '../../../domain/help/policy';
import { ApiError, api } from '../../app/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { FileDrop } from '../../app/components/FileDrop';
import { useCurrentArea } from '../../app/current-area';
import { applyFieldErrors, errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation, useApiQuery } from '../../app/query';
import { ResidentSelect } from '../monitoring/ResidentSelect';

interface Values {
  channel: (typeof WORKER_CHANNELS)[number];
  areaId: number;
  residentId?: number | null;
  name?: string;
  phone?: string;
  address?: string;
  kind: string;
  need: string;
  tier?: string;
  externalRef?: string;
}

const blank = (s?: string) => s?.trim() || null;

function RecordForm() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { area } = useCurrentArea();
  const policy = useApiQuery(helpPolicyRoute);
  const record = useApiMutation(recordHelp);
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form);
  const [done, setDone] = useState<ResponseOf<typeof recordHelp> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      setDone(
        await record.mutateAsync({
          body: {
            channel: v.channel,
            areaId: v.areaId,
            residentId: v.residentId ?? null,
            name: blank(v.name),
            phone: blank(v.phone),
            address: blank(v.address),
            kind: v.kind as never,
            need: v.need.trim(),
            tier: v.tier ?? null,
            externalRef: v.channel === 'hotline' ? blank(v.externalRef) : null,
          },
        }),
      );
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(errorText(e, t));
    }
  };

  if (done)
    return (
      <Result
        status="success"
        title={t(done.merged ? 'help.record.merged' : 'help.record.done')}
        subTitle={t('help.record.tell', { code: done.request.code, handover: done.handoverCode })}
        extra={[
          <Link key="open" to={`/help/requests/${done.request.id}`}>
            <Button type="primary">{t('help.record.open')}</Button>
          </Link>,
          <Button
            key="again"
            onClick={() => {
              setDone(null);
              form.resetFields(['residentId', 'name', 'phone', 'address', 'need', 'externalRef', 'tier']);
            }}
            data-testid="help-record-again"
          >
            {t('help.record.again')}
          </Button>,
        ]}
        data-testid="help-record-done"
      />
    );

  return (
    <Form form={form} layout="vertical" initialValues={{ channel: 'phone', areaId: area?.id, kind: 'medicine' }} style={{ maxWidth: 560 }}>
      <Form.Item name="channel" label={t('help.field.channel')}>
        <Radio.Group optionType="button" options={WORKER_CHANNELS.map((c) => ({ value: c, label: t(`help.channel.${c}`) }))} />
      </Form.Item>
      {channel === 'hotline' && (
        <Form.Item name="externalRef" label={t('help.record.externalRef')} rules={[{ max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
      )}
      <Form.Item name="areaId" label={t('help.record.area')} rules={[{ required: true, message: t('validation.required') }]}>
        <AreaTreeSelect size="large" />
      </Form.Item>
      <Form.Item name="residentId" label={t('help.record.resident')} extra={t('help.record.residentHint')}>
        <ResidentSelect data-testid="help-record-resident" />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="name" label={t('help.field.name')} style={{ flex: 1 }} rules={[{ max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('help.field.phone')} style={{ flex: 1 }} rules={[{ max: 30 }]}>
          <Input inputMode="tel" maxLength={30} autoComplete="off" data-testid="help-record-phone" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="address" label={t('help.field.address')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="kind" label={t('help.field.kind')} rules={[{ required: true }]}>
        <Select options={policy.data?.kinds.map((k) => ({ value: k.code, label: localName(k.name, lang) }))} />
      </Form.Item>
      <Form.Item name="need" label={t('help.field.need')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="help-record-need" />
      </Form.Item>
      <Form.Item name="tier" label={t('help.field.tier')}>
        <Select allowClear options={policy.data?.tiers.map((x) => ({ value: x.code, label: localName(x.name, lang) }))} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="help-record-error" />}
      <Button type="primary" size="large" block loading={record.isPending} onClick={() => void submit()} data-testid="help-record-submit">
        {t('help.record.submit')}
      </Button>
    </Form>
  );
}

function HotlineImport() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { area } = useCurrentArea();
  const [areaId, setAreaId] = useState<number | null>(area?.id ?? null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ResponseOf<typeof importHotline> | null>(null);
  const [problem, setProblem] = useState<{ message: string; rows: [string, string][] } | null>(null);

  const upload = async () => {
    if (!file || !areaId) return;
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      setResult(await api.upload<ResponseOf<typeof importHotline>>(`${importHotline.path}?areaId=${areaId}`, form));
      setFile(null);
      await Promise.all([helpBoard, listHelp].map((c) => client.invalidateQueries({ queryKey: [c.path] })));
    } catch (e) {
      setProblem({ message: errorText(e, t), rows: e instanceof ApiError ? Object.entries(e.fields) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Text type="secondary">{t('help.hotline.hint')}</Typography.Text>
      <AreaTreeSelect value={areaId} onChange={(id) => setAreaId(id)} placeholder={t('help.record.area')} />
      <FileDrop file={file} onChange={(f) => (setFile(f), setProblem(null))} accept=".xlsx,.csv" text={t('residents.import.drop')} testId="hotline-file" />
      {result && <Alert type="success" showIcon title={t('help.hotline.done', result)} data-testid="hotline-result" />}
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem.message}
          description={
            problem.rows.length
              ? problem.rows.map(([row, text]) => <div key={row}>{`${t('help.hotline.row', { row: row.replace(/^row /, '') })}: ${text}`}</div>)
              : undefined
          }
          data-testid="hotline-error"
        />
      )}
      <Button type="primary" icon={<UploadOutlined />} disabled={!file || !areaId} loading={busy} onClick={() => void upload()} data-testid="hotline-upload">
        {t('help.hotline.upload')}
      </Button>
    </Space>
  );
}

export default function HelpRecordPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('help.record.title')}>
      <Tabs
        items={[
          { key: 'one', label: t('help.record.tab'), children: <RecordForm /> },
          { key: 'hotline', label: t('help.hotline.tab'), children: <HotlineImport /> },
        ]}
      />
    </Card>
  );
}
