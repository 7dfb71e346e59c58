/** Recording publicity placed in a village (宣传), a phone page: the kind (policy data), the count, the day, a photo. */
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { getPolicy, recordPublicity } from '../../../domain/fieldwork/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { errorText } from '../../app/errors';
import { PhotoInput } from '../../app/PhotoInput';
import { useApiMutation, useApiQuery } from '../../app/query';

interface Values {
  kind: string;
  areaId: number;
  count: number;
  placedOn: Dayjs;
  place?: string;
  photoIds?: number[];
  note?: string;
}

export default function PublicityFormPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const policy = useApiQuery(getPolicy, {});
  const record = useApiMutation(recordPublicity, { onSuccess: () => navigate('/fieldwork/publicity') });
  const required = [{ required: true, message: t('fieldwork.form.required') }];
  const submit = (v: Values) =>
    record.mutate({
      body: {
        kind: v.kind,
        areaId: v.areaId,
        count: v.count,
        placedOn: v.placedOn.format('YYYY-MM-DD'),
        place: v.place || undefined,
        photoIds: v.photoIds ?? [],
        note: v.note || undefined,
      },
    });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('fieldwork.form.publicityTitle')}
      </Typography.Title>
      <Form<Values> layout="vertical" onFinish={submit} initialValues={{ count: 1, placedOn: dayjs() }} requiredMark={false}>
        <Form.Item name="kind" label={t('fieldwork.field.publicityKind')} rules={required}>
          <Select
            size="large"
            options={(policy.data?.publicityKinds ?? []).map((k) => ({ value: k.code, label: i18n.language.startsWith('en') ? k.en : k.zh }))}
            data-testid="publicity-kind"
          />
        </Form.Item>
        <Form.Item name="areaId" label={t('fieldwork.field.village')} rules={required}>
          <AreaTreeSelect size="large" placeholder={t('fieldwork.form.pickVillage')} />
        </Form.Item>
        <Form.Item name="count" label={t('fieldwork.field.count')} rules={required}>
          <InputNumber size="large" min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="placedOn" label={t('fieldwork.field.placedOn')} rules={required}>
          <DatePicker size="large" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="place" label={t('fieldwork.field.place')}>
          <Input size="large" />
        </Form.Item>
        <Form.Item name="photoIds" label={t('fieldwork.field.photo')} rules={required}>
          <PhotoInput max={5} />
        </Form.Item>
        <Form.Item name="note" label={t('fieldwork.field.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {record.error && <Alert type="error" showIcon title={errorText(record.error, t)} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block size="large" loading={record.isPending} data-testid="publicity-submit">
          {t('fieldwork.form.submit')}
        </Button>
      </Form>
    </Space>
  );
}
