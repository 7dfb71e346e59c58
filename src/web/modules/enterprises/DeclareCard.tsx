/** What the enterprise declares as it goes: protective stock in days of cover and its named prevention officer. */
import { Alert, Button, Card, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { type getEnterprise, updateEnterprise } from '../../../domain/enterprises/api';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';

type Enterprise = ResponseOf<typeof getEnterprise>;

export function DeclareCard({ enterprise: e }: { enterprise: Enterprise }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ stockDays?: number; officerName?: string; officerPhone?: string; headcount?: number }>();
  const save = useApiMutation(updateEnterprise, { onError: (err) => applyFieldErrors(form, err) });
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate({ params: { id: e.id }, body: { ...v, stockDays: v.stockDays ?? undefined, headcount: v.headcount ?? undefined } });
  };
  return (
    <Card size="small" title={t('enterprises.declare')}>
      {save.error && <Alert type="error" showIcon title={errorText(save.error, t)} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stockDays: e.stockDays ?? undefined, officerName: e.officerName ?? '', officerPhone: e.officerPhone ?? '', headcount: e.headcount }}
      >
        <Space wrap align="end">
          <Form.Item name="stockDays" label={t('enterprises.field.stockDays')}>
            <InputNumber min={0} max={365} step={0.5} data-testid="declare-stock" />
          </Form.Item>
          <Form.Item name="headcount" label={t('enterprises.field.headcount')}>
            <InputNumber min={0} max={1_000_000} />
          </Form.Item>
          <Form.Item name="officerName" label={t('enterprises.field.officerName')}>
            <Input maxLength={40} data-testid="declare-officer" />
          </Form.Item>
          <Form.Item name="officerPhone" label={t('enterprises.field.officerPhone')}>
            <Input maxLength={20} inputMode="tel" data-testid="declare-phone" />
          </Form.Item>
          <Form.Item>
            <Button onClick={submit} loading={save.isPending} data-testid="declare-save">
              {t('common.save')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}
