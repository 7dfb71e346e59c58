/**
 * A village's ride plan for a day (专车接送): each session's riders grouped into vehicle trips, within seats, wheelchair
 * spaces and pickup windows (the grouping is the domain's planRides, done by the server). Phone-usable on screen;
 * printed, only the plan is on the paper, one trip after another, for the drivers. Those who manage add the village's
 * vehicles and sessions here.
 */
import { Alert, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createSession, createVehicle, getRidePlan, listSessions } from '../../../domain/vaccination/api';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

const CSS = `
@media print {
  body * { visibility: hidden; }
  .ride-plan, .ride-plan * { visibility: visible; }
  .ride-plan { position: absolute; left: 0; top: 0; width: 100%; font-size: 12pt; color: #000; }
  .ride-plan .no-print { display: none; }
  .ride-plan .trip { break-inside: avoid; page-break-inside: avoid; border: 1px solid #000; margin-bottom: 8pt; }
}`;
const VILLAGE_KINDS = new Set(['village', 'community']);

export default function RidePlanPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [day, setDay] = useState(dayjs().format('YYYY-MM-DD'));
  const own = area && VILLAGE_KINDS.has(area.kind) ? area.id : undefined;
  const sessions = useApiQuery(listSessions, { query: { under: area?.id, day } });
  const villages = [...new Map((sessions.data?.items ?? []).map((s) => [s.areaId, s.areaName])).entries()];
  const [picked, setPicked] = useState<number | undefined>();
  const villageId = picked ?? own ?? villages[0]?.[0];
  const plan = useApiQuery(getRidePlan, { query: { villageId: villageId ?? 0, day } }, { enabled: !!villageId });
  const [vehicleForm] = Form.useForm();
  const [sessionForm] = Form.useForm();
  const vehicle = useApiMutation(createVehicle, { onSuccess: () => vehicleForm.resetFields() });
  const session = useApiMutation(createSession, { onSuccess: () => sessionForm.resetFields() });
  const p = plan.data;
  const error = plan.error ?? vehicle.error ?? session.error;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="ride-plan">
      <style>{CSS}</style>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="ride-plan-title">
        {p ? t('vaccination.rides.title', { village: p.village.name, day: p.day }) : t('nav.vaccinationRides')}
      </Typography.Title>
      <Space wrap className="no-print">
        <DatePicker value={dayjs(day)} allowClear={false} onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))} data-testid="ride-day" />
        {!own && villages.length > 0 && (
          <Select
            value={villageId}
            onChange={setPicked}
            options={villages.map(([id, name]) => ({ value: id, label: name }))}
            style={{ minWidth: 160 }}
            data-testid="ride-village"
          />
        )}
        <Button onClick={() => window.print()} disabled={!p} data-testid="ride-print">
          {t('vaccination.rides.print')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={errorText(error, t)} className="no-print" />}
      {!villageId && <Empty description={t('vaccination.rides.pickVillage')} />}
      {p && (
        <>
          <Typography.Text type="secondary">
            {p.sessions.map((s) => `${s.site} ${s.startsAt}–${s.endsAt}`).join('；') || t('vaccination.rides.noSessions')}
          </Typography.Text>
          {p.trips.map((trip, i) => (
            <Card
              key={`${trip.vehicleId}-${trip.pickupAt}-${i}`}
              size="small"
              className="trip"
              data-testid="ride-trip"
              title={t('vaccination.rides.trip', { at: trip.pickupAt, vehicle: trip.vehicleName, site: trip.site })}
              extra={
                <Typography.Text type="secondary">
                  {t('vaccination.rides.seats', { used: trip.riders.length, seats: trip.seats })}
                  {trip.driver ? ` · ${trip.driver}` : ''}
                </Typography.Text>
              }
            >
              <Table
                size="small"
                pagination={false}
                rowKey="residentId"
                dataSource={trip.riders}
                columns={[
                  { title: t('vaccination.field.name'), dataIndex: 'name' },
                  { title: t('vaccination.field.address'), dataIndex: 'address', render: (a: string | null) => a ?? '—' },
                  { title: t('vaccination.field.window'), key: 'w', render: (_: unknown, r) => `${r.from}–${r.to}` },
                  { title: '', key: 'wc', render: (_: unknown, r) => (r.wheelchair ? <Tag color="purple">{t('vaccination.wheelchair')}</Tag> : null) },
                ]}
              />
            </Card>
          ))}
          {p.trips.length === 0 && <Empty description={t('vaccination.rides.noRiders')} />}
          {p.unplaced.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="ride-unplaced"
              title={t('vaccination.rides.unplaced')}
              description={p.unplaced.map((u) => `${u.name}（${t(`vaccination.unplaced.${u.why}`)}）`).join('，')}
            />
          )}
          <Typography.Text type="secondary" className="no-print">
            {t('vaccination.rides.vehicles')}：
            {p.vehicles.map((v) => t('vaccination.rides.vehicle', { name: v.name, seats: v.seats, spaces: v.wheelchairSpaces })).join('；') || '—'}
          </Typography.Text>
        </>
      )}
      {can('vaccination.manage') && villageId && (
        <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }} className="no-print">
          <Card size="small" title={t('vaccination.rides.addVehicle')}>
            <Form
              form={vehicleForm}
              layout="vertical"
              initialValues={{ seats: 4, wheelchairSpaces: 0 }}
              onFinish={(v) => vehicle.mutate({ body: { ...v, areaId: villageId, driver: v.driver || undefined } })}
            >
              <Form.Item name="name" label={t('vaccination.field.vehicle')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Space>
                <Form.Item name="seats" label={t('vaccination.field.seats')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={60} />
                </Form.Item>
                <Form.Item name="wheelchairSpaces" label={t('vaccination.field.wheelchairSpaces')}>
                  <InputNumber min={0} max={10} />
                </Form.Item>
              </Space>
              <Form.Item name="driver" label={t('vaccination.field.driver')}>
                <Input maxLength={50} />
              </Form.Item>
              <Button htmlType="submit" block loading={vehicle.isPending}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
          <Card size="small" title={t('vaccination.rides.addSession')}>
            <Form
              form={sessionForm}
              layout="vertical"
              onFinish={(v) =>
                session.mutate({ body: { areaId: villageId, day, site: v.site, startsAt: v.hours[0].format('HH:mm'), endsAt: v.hours[1].format('HH:mm') } })
              }
            >
              <Form.Item name="site" label={t('vaccination.field.site')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="hours" label={t('vaccination.field.hours')} rules={[{ required: true, message: t('validation.required') }]}>
                <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
              </Form.Item>
              <Button htmlType="submit" block loading={session.isPending}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Space>
      )}
    </Space>
  );
}
