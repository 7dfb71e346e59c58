/**
 * Planning a round of routine disinfection (消杀轮次): the public places of an area × the days of a range, one job each,
 * in the team's inbox. A place stands in the round's own area here; the API takes a place under it too.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { planRound } from '../../../domain/fieldwork/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';

interface Values {
  name: string;
  areaId: number;
  teamName: string;
  places: { name: string }[];
  dates: [Dayjs, Dayjs];
}

/** Every day from the first to the last, at most 31. */
function daysOf([from, to]: [Dayjs, Dayjs]): string[] {
  const out: string[] = [];
  for (let d = from.startOf('day'); !d.isAfter(to, 'day') && out.length < 31; d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
  return out;
}

export function RoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const plan = useApiMutation(planRound, { onSuccess: onClose });
  const required = [{ required: true, message: t('fieldwork.form.required') }];
  const submit = (v: Values) =>
    plan.mutate({
      body: { name: v.name, areaId: v.areaId, teamName: v.teamName, places: v.places.map((p) => ({ name: p.name, areaId: v.areaId })), dates: daysOf(v.dates) },
    });
  return (
    <Modal open={open} title={t('fieldwork.newRound')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values> layout="vertical" onFinish={submit} initialValues={{ places: [{ name: '' }] }}>
        <Form.Item name="name" label={t('fieldwork.field.round')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="areaId" label={t('fieldwork.field.area')} rules={required}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="teamName" label={t('fieldwork.field.team')} rules={required}>
          <Input placeholder={t('fieldwork.form.teamHint')} />
        </Form.Item>
        <Form.List name="places">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'name']} rules={required} style={{ flex: 1, minWidth: 220 }}>
                    <Input placeholder={t('fieldwork.form.placeHint')} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '' })} style={{ marginBottom: 16 }}>
                {t('fieldwork.form.addPlace')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="dates" label={t('fieldwork.field.dates')} rules={required}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        {plan.error && <Alert type="error" showIcon title={errorText(plan.error, t)} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block loading={plan.isPending}>
          {t('fieldwork.form.submit')}
        </Button>
      </Form>
    </Modal>
  );
}
