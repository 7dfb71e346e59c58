/**
 * A person's vaccination card, a phone page: state and next dose, doses (date, product, batch), calls and visits,
 * rides. Those who mobilise record a call or visit with its outcome, a dose, or book a ride to a session.
 */
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, List, Select, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { addRider, getCard, listSessions, recordContact, recordDose } from '../../../domain/vaccination/api';
import { CONTACT_KINDS, CONTRAINDICATIONS, OUTCOMES, REFUSAL_REASONS } from '../../../domain/vaccination/kinds';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { stateColour } from './labels';

const hm = (d: dayjs.Dayjs) => d.format('HH:mm');

export default function PersonPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const q = useApiQuery(getCard, { params: { id } });
  const sessions = useApiQuery(listSessions, { query: {} }, { enabled: can('vaccination.mobilise') });
  const [contactForm] = Form.useForm();
  const [doseForm] = Form.useForm();
  const [rideForm] = Form.useForm();
  const contact = useApiMutation(recordContact, { onSuccess: () => contactForm.resetFields() });
  const dose = useApiMutation(recordDose, { onSuccess: () => doseForm.resetFields() });
  const ride = useApiMutation(addRider, { onSuccess: () => rideForm.resetFields() });
  const outcome = Form.useWatch('outcome', contactForm);
  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  const c = q.data;
  if (!c) return null;
  const error = contact.error ?? dose.error ?? ride.error;
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('vaccination.card.title', { name: c.name })}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <Tag color={stateColour[c.state]} data-testid="card-state">
            {t(`vaccination.state.${c.state}`)}
          </Tag>
          {c.band && <Tag>{t(`vaccination.band.${c.band}`)}</Tag>}
          {c.reason && <Tag color="red">{t(`vaccination.reason.${c.reason}`)}</Tag>}
          {c.contraindication && <Tag color="orange">{t(`vaccination.contraindication.${c.contraindication}`)}</Tag>}
          {c.needsRide && <Tag color="purple">{t(c.wheelchair ? 'vaccination.wheelchair' : 'vaccination.needsRide')}</Tag>}
        </Space>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('vaccination.field.age')}>{c.age ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vaccination.field.area')}>{c.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('vaccination.field.address')}>{c.householdAddress ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vaccination.field.phone')}>{c.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('vaccination.field.due')}>
            {c.due ? t(`vaccination.due.${c.due}`, { on: c.dueOn }) : t('vaccination.due.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('vaccination.field.openTasks')}>{c.openTasks}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('vaccination.card.doses')}>
        <List
          size="small"
          dataSource={c.dosesList}
          locale={{ emptyText: t('vaccination.card.noDoses') }}
          renderItem={(d) => (
            <List.Item data-testid="card-dose">{t('vaccination.card.dose', { n: d.doseNo, on: d.givenOn, product: d.product, batch: d.batch })}</List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('vaccination.card.contacts')}>
        <List
          size="small"
          dataSource={c.contacts}
          locale={{ emptyText: t('vaccination.card.noContacts') }}
          renderItem={(x) => (
            <List.Item>
              {dayjs(x.at).format('MM-DD HH:mm')} · {t(`vaccination.kind.${x.kind}`)} · {t(`vaccination.outcome.${x.outcome}`)}
              {x.reason ? ` · ${t(`vaccination.reason.${x.reason}`)}` : ''} {x.byName ? ` · ${x.byName}` : ''}
            </List.Item>
          )}
        />
      </Card>
      {c.rides.length > 0 && (
        <Card size="small" title={t('vaccination.card.rides')}>
          <List size="small" dataSource={c.rides} renderItem={(r) => <List.Item>{`${r.sessionDay} ${r.site} · ${r.from}–${r.to}`}</List.Item>} />
        </Card>
      )}
      {error && <Alert type="error" showIcon title={errorText(error, t)} data-testid="card-error" />}
      {can('vaccination.mobilise') && (
        <>
          <Card size="small" title={t('vaccination.card.recordContact')}>
            <Form
              form={contactForm}
              layout="vertical"
              initialValues={{ kind: 'call' }}
              onFinish={(v) => contact.mutate({ params: { id }, body: { ...v, note: v.note || undefined } })}
            >
              <Form.Item name="kind" label={t('vaccination.field.kind')} rules={[{ required: true }]}>
                <Select options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`vaccination.kind.${k}`) }))} />
              </Form.Item>
              <Form.Item name="outcome" label={t('vaccination.field.outcome')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select data-testid="contact-outcome" options={OUTCOMES.map((o) => ({ value: o, label: t(`vaccination.outcome.${o}`) }))} />
              </Form.Item>
              {outcome === 'refused' && (
                <Form.Item name="reason" label={t('vaccination.field.reason')} rules={[{ required: true, message: t('validation.required') }]}>
                  <Select options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`vaccination.reason.${r}`) }))} />
                </Form.Item>
              )}
              {outcome === 'not_suitable' && (
                <Form.Item
                  name="contraindication"
                  label={t('vaccination.field.contraindication')}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <Select options={CONTRAINDICATIONS.map((r) => ({ value: r, label: t(`vaccination.contraindication.${r}`) }))} />
                </Form.Item>
              )}
              {outcome === 'agreed' && (
                <Space>
                  <Form.Item name="needsRide" valuePropName="checked">
                    <Checkbox>{t('vaccination.needsRide')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="wheelchair" valuePropName="checked">
                    <Checkbox>{t('vaccination.wheelchair')}</Checkbox>
                  </Form.Item>
                </Space>
              )}
              <Form.Item name="note" label={t('vaccination.field.note')}>
                <Input.TextArea rows={2} maxLength={300} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={contact.isPending} data-testid="contact-submit">
                {t('vaccination.card.saveContact')}
              </Button>
            </Form>
          </Card>
          <Card size="small" title={t('vaccination.card.recordDose')}>
            <Form
              form={doseForm}
              layout="vertical"
              onFinish={(v) =>
                dose.mutate({
                  params: { id },
                  body: { givenOn: v.givenOn.format('YYYY-MM-DD'), product: v.product, batch: v.batch, site: v.site || undefined },
                })
              }
            >
              <Form.Item name="givenOn" label={t('vaccination.field.givenOn')} rules={[{ required: true, message: t('validation.required') }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
              </Form.Item>
              <Form.Item name="product" label={t('vaccination.field.product')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="batch" label={t('vaccination.field.batch')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="site" label={t('vaccination.field.site')}>
                <Input maxLength={100} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={dose.isPending} data-testid="dose-submit">
                {t('vaccination.card.saveDose')}
              </Button>
            </Form>
          </Card>
          <Card size="small" title={t('vaccination.card.bookRide')}>
            <Form
              form={rideForm}
              layout="vertical"
              initialValues={{ wheelchair: c.wheelchair }}
              onFinish={(v) =>
                ride.mutate({ params: { id: v.sessionId }, body: { residentId: id, wheelchair: !!v.wheelchair, from: hm(v.window[0]), to: hm(v.window[1]) } })
              }
            >
              <Form.Item name="sessionId" label={t('vaccination.field.session')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select
                  options={(sessions.data?.items ?? [])
                    .filter((s) => s.day >= today)
                    .map((s) => ({ value: s.id, label: `${s.day} ${s.startsAt}–${s.endsAt} · ${s.site} · ${s.areaName}` }))}
                />
              </Form.Item>
              <Form.Item name="window" label={t('vaccination.field.window')} rules={[{ required: true, message: t('validation.required') }]}>
                <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="wheelchair" valuePropName="checked">
                <Checkbox>{t('vaccination.wheelchair')}</Checkbox>
              </Form.Item>
              <Button htmlType="submit" block loading={ride.isPending}>
                {t('vaccination.card.book')}
              </Button>
            </Form>
          </Card>
        </>
      )}
    </Space>
  );
}
