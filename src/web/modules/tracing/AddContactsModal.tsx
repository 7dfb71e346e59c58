/**
 * Contacts found in the registry, several at once (a line list): level, last exposure, place, kind, certainty and,
 * for a secondary contact, the contact they met. The legend says what each level means under the rule set in
 * force; after saving, each row's outcome is shown (merged, measure proposed or kept, warnings).
 */
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { addContacts, type getCase } from '../../../domain/tracing/api';
import { CERTAINTIES, EXPOSURE_KINDS } from '../../../domain/tracing/kinds';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { ResidentSelect } from '../monitoring/ResidentSelect';
import { useTracingPolicy } from './labels';

type Contact = ResponseOf<typeof getCase>['contacts'][number];
type Outcome = ResponseOf<typeof addContacts>['items'][number];
interface Row {
  residentId?: number;
  level?: Contact['level'];
  lastExposureOn?: Dayjs;
  place?: string;
  exposureKind?: Contact['exposureKind'];
  certainty?: Contact['certainty'];
  viaContactId?: number;
}

const blank: Row = { exposureKind: 'household', certainty: 'high' };

export function AddContactsModal(p: { caseId: number; contacts: Contact[]; isolatedOn: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ rows: Row[] }>();
  const { policy } = useTracingPolicy();
  const add = useApiMutation(addContacts);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const error = add.error ? errorText(add.error, t) : null;
  const levels = policy.data?.contactLevels ?? [];
  const required = [{ required: true, message: t('validation.required') }];
  const meaning = (l: (typeof levels)[number]) =>
    [
      l.steps.length
        ? l.steps.map((s) => t('tracing.stepValue', { measure: t(`monitoring.kind.${s.measure}`), days: s.days })).join(' + ')
        : t('tracing.noMeasure'),
      l.testDays.length ? t('tracing.testDaysValue', { days: l.testDays.join(t('tracing.listSep')) }) : null,
      t('tracing.placeWithin', { hours: l.placeWithinHours }),
    ]
      .filter(Boolean)
      .join(t('tracing.sep'));

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      contacts: v.rows.map((r) => ({
        residentId: r.residentId!,
        level: r.level!,
        lastExposureOn: r.lastExposureOn!.format('YYYY-MM-DD'),
        place: r.place?.trim() || null,
        exposureKind: r.exposureKind!,
        certainty: r.certainty!,
        viaContactId: r.viaContactId ?? null,
      })),
    };
    setOutcomes((await add.mutateAsync({ params: { id: p.caseId }, body })).items);
  };

  const outcomeText = (o: Outcome) =>
    [
      o.contact.name,
      o.merged ? t('tracing.outcome.merged') : null,
      t(`tracing.outcome.${o.measure}`),
      ...o.warnings.map((w) => t(`tracing.warning.${w}`, { day: p.isolatedOn ?? '' })),
    ]
      .filter(Boolean)
      .join(t('tracing.colon'));

  return (
    <Modal
      open
      width={980}
      title={t('tracing.addContacts')}
      onCancel={p.onClose}
      mask={{ closable: false }}
      footer={
        outcomes ? (
          <Button type="primary" onClick={p.onClose} data-testid="contacts-done">
            {t('tracing.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={p.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={add.isPending} onClick={() => void submit().catch(() => {})} data-testid="contacts-save">
              {t('tracing.saveContacts')}
            </Button>
          </Space>
        )
      }
    >
      {levels.length > 0 && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="level-legend">
          {levels.map((l) => (
            <Descriptions.Item key={l.level} label={t(`tracing.level.${l.level}`)}>
              {meaning(l)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="contacts-error" />}
      {outcomes ? (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="contacts-outcomes">
          {outcomes.map((o) => (
            <Alert key={o.contact.id} type={o.warnings.length || o.measure === 'weaker_open' ? 'warning' : 'success'} showIcon title={outcomeText(o)} />
          ))}
        </Space>
      ) : (
        <Form form={form} initialValues={{ rows: [{ ...blank, lastExposureOn: dayjs() }] }}>
          <Typography.Paragraph type="secondary">{t('tracing.contactsHint')}</Typography.Paragraph>
          <Form.List name="rows">
            {(fields, { add: addRow, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="start" data-testid="contact-line">
                    <Form.Item name={[field.name, 'residentId']} rules={required} style={{ marginBottom: 8, width: 260 }}>
                      <ResidentSelect data-testid="contact-resident" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'level']} rules={required} style={{ marginBottom: 8 }}>
                      <Select
                        style={{ width: 120 }}
                        placeholder={t('tracing.field.level')}
                        options={levels.map((l) => ({ value: l.level, label: t(`tracing.level.${l.level}`) }))}
                        data-testid="contact-level"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'lastExposureOn']} rules={required} style={{ marginBottom: 8 }}>
                      <DatePicker
                        placeholder={t('tracing.field.lastExposureOn')}
                        disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'place']} style={{ marginBottom: 8 }}>
                      <Input maxLength={200} placeholder={t('tracing.field.place')} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'exposureKind']} rules={required} style={{ marginBottom: 8 }}>
                      <Select style={{ width: 110 }} options={EXPOSURE_KINDS.map((k) => ({ value: k, label: t(`tracing.exposureKind.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'certainty']} rules={required} style={{ marginBottom: 8 }}>
                      <Select style={{ width: 90 }} options={CERTAINTIES.map((c) => ({ value: c, label: t(`tracing.certainty.${c}`) }))} />
                    </Form.Item>
                    {p.contacts.length > 0 && (
                      <Form.Item name={[field.name, 'viaContactId']} style={{ marginBottom: 8 }}>
                        <Select
                          allowClear
                          style={{ width: 130 }}
                          placeholder={t('tracing.field.via')}
                          options={p.contacts.map((k) => ({ value: k.id, label: k.name }))}
                        />
                      </Form.Item>
                    )}
                    {fields.length > 1 && (
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('tracing.removeRow')} />
                    )}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => addRow({ ...blank, lastExposureOn: dayjs() })} data-testid="contact-row-add">
                  {t('tracing.addRow')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Modal>
  );
}
