/**
 * The daily health ledger, a phone form (375 px): staff present, abnormal temperatures, and the day's returnees —
 * each a person of the staff list with where they came from (a division code) and when. The server reads each
 * origin against the day's risk-area list and answers which are flagged; a second send the same day replaces it.
 */
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { getEnterprise, listStaff, submitLedger } from '../../../domain/enterprises/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

interface Values {
  present: number;
  temperatureAbnormal: number;
  returnees?: { staffId?: number; originCode?: string; returnedOn?: dayjs.Dayjs }[];
  note?: string;
}

export default function LedgerFormPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const e = useApiQuery(getEnterprise, { params: { id } });
  const staff = useApiQuery(listStaff, { params: { id }, query: { limit: 500, offset: 0 } });
  const submit = useApiMutation(submitLedger, { onError: (err) => applyFieldErrors(form, err) });
  const send = async () => {
    const v = await form.validateFields();
    submit.mutate({
      params: { id },
      body: {
        present: v.present,
        temperatureAbnormal: v.temperatureAbnormal,
        returnees: (v.returnees ?? []).map((r) => ({
          staffId: r.staffId!,
          originCode: (r.originCode ?? '').trim(),
          returnedOn: r.returnedOn!.format('YYYY-MM-DD'),
        })),
        note: v.note || undefined,
      },
    });
  };
  const done = submit.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 480 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('enterprises.ledger.new')}
      </Typography.Title>
      {e.data && <Typography.Text type="secondary">{e.data.name}</Typography.Text>}
      {(e.error || submit.error) && <Alert type="error" showIcon title={errorText(e.error ?? submit.error, t)} data-testid="ledger-error" />}
      {done && (
        <Alert
          type={done.flagged ? 'warning' : 'success'}
          showIcon
          data-testid="ledger-done"
          title={t('enterprises.ledger.sent', { day: String(done.day).slice(0, 10) })}
          description={
            done.flagged ? (
              <Space orientation="vertical" size={2}>
                {done.returnees
                  .filter((r) => r.flagged)
                  .map((r) => (
                    <span key={r.staffId}>
                      <Tag color="red">{t('enterprises.ledger.flaggedOne')}</Tag>
                      {r.name} · {r.originName}
                    </span>
                  ))}
              </Space>
            ) : undefined
          }
          action={
            <Button size="small" onClick={() => navigate(`/enterprises/${id}`)}>
              {t('enterprises.backToEnterprise')}
            </Button>
          }
        />
      )}
      <Card size="small">
        <Form form={form} layout="vertical" initialValues={{ present: 0, temperatureAbnormal: 0, returnees: [] }}>
          <Form.Item name="present" label={t('enterprises.ledger.present')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={0} max={1_000_000} size="large" style={{ width: '100%' }} inputMode="numeric" data-testid="ledger-present" />
          </Form.Item>
          <Form.Item name="temperatureAbnormal" label={t('enterprises.ledger.temperatureAbnormal')}>
            <InputNumber min={0} max={1_000_000} size="large" style={{ width: '100%' }} inputMode="numeric" data-testid="ledger-abnormal" />
          </Form.Item>
          <Typography.Text strong>{t('enterprises.ledger.returnees')}</Typography.Text>
          <Form.List name="returnees">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
                {fields.map((f) => (
                  <Card
                    key={f.key}
                    size="small"
                    extra={<Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.none')} />}
                  >
                    <Form.Item
                      name={[f.name, 'staffId']}
                      label={t('enterprises.ledger.person')}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <Select
                        showSearch
                        optionFilterProp="label"
                        size="large"
                        data-testid="returnee-person"
                        options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} ${s.idNumber}` }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'originCode']}
                      label={t('enterprises.ledger.origin')}
                      extra={t('enterprises.ledger.originHint')}
                      rules={[{ required: true, pattern: /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, message: t('enterprises.ledger.originFormat') }]}
                    >
                      <Input size="large" inputMode="numeric" maxLength={12} data-testid="returnee-origin" />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'returnedOn']}
                      label={t('enterprises.ledger.returnedOn')}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <DatePicker
                        size="large"
                        style={{ width: '100%' }}
                        inputReadOnly
                        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                        data-testid="returnee-date"
                      />
                    </Form.Item>
                  </Card>
                ))}
                <Button block icon={<PlusOutlined />} onClick={() => add({ returnedOn: dayjs() })} data-testid="returnee-add">
                  {t('enterprises.ledger.addReturnee')}
                </Button>
              </Space>
            )}
          </Form.List>
          <Form.Item name="note" label={t('enterprises.ledger.note')} style={{ marginTop: 12 }}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button type="primary" size="large" block loading={submit.isPending} onClick={send} data-testid="ledger-submit">
            {t('enterprises.ledger.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
