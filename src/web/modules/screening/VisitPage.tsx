/**
 * The visit form on a phone, opened from a visit task: who lives here now (tick who moved out, add
 * who moved in), arrivals in the look-back window, code colour, symptoms, temperature, test proof and needs —
 * or "nobody home" / "refused". The form's id is made once when it opens, so pressing "save" again after a
 * bad signal answers the first result instead of counting the household twice. A temperature at or above the
 * policy's threshold, or an alerting symptom, raises a fever alert on the server: the answer says so in red.
 */
import { Alert, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Radio, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { applyFieldErrors, errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { useOfflineWrite, usePendingWrites, useSettledWrites } from '../../app/offline/use-outbox';
import { SavedOffline } from '../../app/offline/SavedOffline';
import { CODE_COLOURS, SYMPTOMS } from '../../../domain/policy/rules';
import { getTarget } from '../../../domain/screening/api/campaigns';
import { submitVisit } from '../../../domain/screening/api/visits';
import { NEEDS, TRANSPORTS, type VisitOutcome } from '../../../domain/screening/schemas';
import { RELATIONS } from '../../../domain/residents/schemas';
import { temperatureProblem } from '../monitoring/RecordForm';
import { newClientId } from '../../app/client-id';

interface Values {
  outcome: VisitOutcome;
  rosterConfirmed?: boolean;
  movedOut?: number[];
  added?: { name?: string; relation?: (typeof RELATIONS)[number]; sex?: 'M' | 'F' }[];
  arrivals?: { who?: string; originCode?: string; arrivedOn?: Dayjs; transport?: (typeof TRANSPORTS)[number]; transportNo?: string; reason?: string }[];
  codeColour?: (typeof CODE_COLOURS)[number];
  symptoms?: (typeof SYMPTOMS)[number][];
  temperature?: number | null;
  feverResidentId?: number;
  testProof?: string;
  needs?: (typeof NEEDS)[number][];
  note?: string;
}

const RISKY = new Set(['high', 'medium', 'lockdown', 'control']);

export default function VisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const targetQuery = useApiQuery(getTarget, { params: { id } });
  const target = targetQuery.data;
  const loadError = targetQuery.error ? errorText(targetQuery.error, t) : null;
  // Through the device's outbox: without network the visit is kept and sent by itself later, with the same clientId.
  const saving = useOfflineWrite(submitVisit, { kind: 'screening.visit' });
  const error = saving.error ? errorText(saving.error, t) : null;
  // A visit kept on the phone before a reload and sent while this page is open: its result, as if just saved.
  const [sentLater, setSentLater] = useState<typeof saving.data>(undefined);
  useSettledWrites('screening.visit', (s) => s.outcome === 'done' && s.item.ref === Number(id) && setSentLater(s.answer as typeof saving.data));
  const done = saving.data ?? sentLater;
  // One id per form: a retry of the same form is the same visit.
  const [clientId] = useState(newClientId);
  const waitingHere = usePendingWrites('screening.visit').some((w) => w.ref === Number(id));
  const outcome = Form.useWatch('outcome', form);
  const added = Form.useWatch('added', form);
  const temperature = Form.useWatch('temperature', form);
  const symptoms = Form.useWatch('symptoms', form);

  const submit = async (v: Values) => {
    if (!target) return;
    const visited = v.outcome === 'visited';
    const body = {
      clientId,
      campaignId: target.campaignId,
      householdId: target.householdId,
      outcome: v.outcome,
      ...(visited
        ? {
            rosterConfirmed: v.rosterConfirmed ?? false,
            movedOut: (v.movedOut ?? []).map((residentId) => ({ residentId })),
            added: (v.added ?? []).filter((p) => p?.name?.trim()).map((p) => ({ name: p.name!.trim(), relation: p.relation, sex: p.sex })),
            arrivals: (v.arrivals ?? []).map((a) => ({
              ...(a.who?.startsWith('a:') ? { addedIndex: Number(a.who.slice(2)) } : { residentId: Number(a.who?.slice(2)) }),
              originCode: a.originCode?.trim(),
              // A missing day is sent empty: the server names the field, as for any other bad value.
              arrivedOn: a.arrivedOn?.format('YYYY-MM-DD') ?? '',
              transport: a.transport,
              transportNo: a.transportNo?.trim() || undefined,
              reason: a.reason?.trim() || undefined,
            })),
            codeColour: v.codeColour,
            symptoms: v.symptoms ?? [],
            temperature: v.temperature ?? undefined,
            feverResidentId: v.feverResidentId,
            testProof: v.testProof?.trim() || undefined,
            needs: v.needs ?? [],
          }
        : {}),
      note: v.note?.trim() || undefined,
    };
    try {
      await saving.submit({ body }, { clientId, ref: Number(id), label: target.address });
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  if (!target) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const page = { width: '100%', maxWidth: 560, margin: '0 auto', display: 'flex' } as const;
  // Kept on the phone, now or before a reload: not a second form for the same household.
  if (saving.queued || waitingHere)
    return (
      <SavedOffline
        what={target.address}
        extra={
          <Link to="/me/tasks">
            <Button size="large">{t('screening.backToTasks')}</Button>
          </Link>
        }
      />
    );
  if (done) {
    return (
      <Space orientation="vertical" size="middle" style={page} data-testid="visit-done">
        <Result
          status={done.alertId ? 'warning' : 'success'}
          title={<span data-testid="visit-done-title">{t(`screening.outcomeDone.${done.alertId ? 'alert' : done.outcome}`)}</span>}
          subTitle={done.address}
          extra={
            <Space wrap>
              {done.alertId && (
                <Link to={`/monitoring/alerts?focus=${done.alertId}`} data-testid="visit-open-alert">
                  <Button type="primary" danger size="large">
                    {t('screening.openAlerts')}
                  </Button>
                </Link>
              )}
              <Link to="/me/tasks">
                <Button type={done.alertId ? 'default' : 'primary'} size="large">
                  {t('screening.backToTasks')}
                </Button>
              </Link>
            </Space>
          }
        />
        {done.alertId && <Alert type="error" showIcon title={t('screening.alertRaised')} data-testid="visit-alert" />}
        {done.revisitOn && <Alert type="info" showIcon title={t('screening.revisitOn', { day: done.revisitOn })} data-testid="visit-revisit" />}
        {done.arrivals.map((a) => (
          <Card size="small" key={a.id} data-testid="visit-arrival">
            <Space wrap>
              <Typography.Text strong>{a.originName}</Typography.Text>
              <Typography.Text type="secondary">{a.arrivedOn}</Typography.Text>
              <Tag color={RISKY.has(a.originRiskLevel) ? 'red' : 'green'} data-testid="visit-arrival-level">
                {t(`monitoring.risk.${a.originRiskLevel}`)}
              </Tag>
            </Space>
          </Card>
        ))}
      </Space>
    );
  }

  const closed = target.campaign.status !== 'open';
  const whoOptions = [
    ...target.members.map((m) => ({ value: `r:${m.id}`, label: m.name })),
    ...(added ?? []).flatMap((p, i) => (p?.name?.trim() ? [{ value: `a:${i}`, label: p.name.trim() }] : [])),
  ];
  const lookbackFrom = dayjs().subtract(target.campaign.lookbackDays, 'day');

  return (
    <Space orientation="vertical" size="middle" style={page}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="visit-address">
          {target.address}
        </Typography.Title>
        <Typography.Text type="secondary">
          {target.campaign.name} · {target.gridName ?? target.areaName}
          {target.attempts > 0 && ` · ${t('screening.attempts', { count: target.attempts })}`}
        </Typography.Text>
      </div>
      {closed && <Alert type="warning" showIcon title={t('screening.campaignClosed')} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'visited', movedOut: [], symptoms: [], needs: [] }}
        onFinish={(v) => void submit(v)}
        disabled={closed}
        data-testid="visit-form"
      >
        <Form.Item name="outcome" label={t('screening.outcome')}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="visit-outcome">
            {(['visited', 'nobody_home', 'refused'] as const).map((o) => (
              <Radio.Button key={o} value={o} data-testid={`visit-outcome-${o}`}>
                {t(`screening.outcomeName.${o}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>

        {outcome === 'visited' && (
          <>
            <Card size="small" title={t('screening.roster')} style={{ marginBottom: 16 }}>
              {target.members.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('screening.noMembers')} />}
              {target.members.length > 0 && (
                <Form.Item name="movedOut" label={t('screening.movedOutHint')} style={{ marginBottom: 8 }}>
                  <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="visit-moved-out">
                    {target.members.map((m) => (
                      <Checkbox key={m.id} value={m.id} data-testid={`visit-member-${m.id}`}>
                        {m.name}
                        <Typography.Text type="secondary">
                          {m.relation ? ` · ${t(`residents.relation.${m.relation}`)}` : ''}
                          {m.birthYear ? ` · ${m.birthYear}` : ''}
                        </Typography.Text>
                      </Checkbox>
                    ))}
                  </Checkbox.Group>
                </Form.Item>
              )}
              <Form.List name="added">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap style={{ width: '100%' }}>
                        <Form.Item
                          name={[f.name, 'name']}
                          rules={[{ required: true, message: t('screening.nameRequired') }, { max: 50 }]}
                          style={{ marginBottom: 8 }}
                        >
                          <Input placeholder={t('screening.newPersonName')} data-testid="visit-added-name" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'relation']} style={{ marginBottom: 8, minWidth: 110 }}>
                          <Select
                            allowClear
                            placeholder={t('residents.field.relation')}
                            options={RELATIONS.map((r) => ({ value: r, label: t(`residents.relation.${r}`) }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'sex']} style={{ marginBottom: 8 }}>
                          <Radio.Group options={(['M', 'F'] as const).map((s) => ({ value: s, label: t(`residents.sex.${s}`) }))} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('screening.remove')} />
                      </Space>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="visit-add-person">
                      {t('screening.addPerson')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Form.Item name="rosterConfirmed" valuePropName="checked" style={{ margin: '12px 0 0' }}>
                <Checkbox data-testid="visit-roster-confirmed">{t('screening.rosterConfirmed')}</Checkbox>
              </Form.Item>
            </Card>

            <Card size="small" title={t('screening.arrivals', { days: target.campaign.lookbackDays })} style={{ marginBottom: 16 }}>
              <Form.List name="arrivals">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <div key={f.key} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 12 }} data-testid="visit-arrival-form">
                        <Form.Item name={[f.name, 'who']} label={t('screening.who')} rules={[{ required: true, message: t('screening.whoRequired') }]}>
                          <Select options={whoOptions} data-testid="visit-arrival-who" />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'originCode']}
                          label={t('screening.originCode')}
                          extra={t('screening.originCodeHint')}
                          rules={[{ required: true, pattern: /^(\d{6}|\d{9}|\d{12})$/, message: t('screening.originCodeFormat') }]}
                        >
                          <Input inputMode="numeric" maxLength={12} data-testid="visit-arrival-origin" />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'arrivedOn']}
                          label={t('screening.arrivedOn')}
                          rules={[{ required: true, message: t('screening.arrivedOnRequired') }]}
                        >
                          <DatePicker
                            inputReadOnly
                            style={{ width: '100%' }}
                            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(lookbackFrom, 'day')}
                            data-testid="visit-arrival-date"
                          />
                        </Form.Item>
                        <Space wrap>
                          <Form.Item name={[f.name, 'transport']} label={t('screening.transport')}>
                            <Select
                              allowClear
                              style={{ minWidth: 110 }}
                              options={TRANSPORTS.map((x) => ({ value: x, label: t(`screening.transportName.${x}`) }))}
                            />
                          </Form.Item>
                          <Form.Item name={[f.name, 'transportNo']} label={t('screening.transportNo')} rules={[{ max: 30 }]}>
                            <Input maxLength={30} data-testid="visit-arrival-no" />
                          </Form.Item>
                        </Space>
                        <Form.Item name={[f.name, 'reason']} label={t('screening.reason')} rules={[{ max: 200 }]}>
                          <Input maxLength={200} />
                        </Form.Item>
                        <Button danger size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} style={{ marginBottom: 12 }}>
                          {t('screening.remove')}
                        </Button>
                      </div>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="visit-add-arrival">
                      {t('screening.addArrival')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>

            <Form.Item name="codeColour" label={t('monitoring.situation.codeColour')}>
              <Radio.Group options={CODE_COLOURS.map((c) => ({ value: c, label: t(`monitoring.colour.${c}`) }))} />
            </Form.Item>
            <Form.Item
              name="temperature"
              label={t('monitoring.followUp.temperature')}
              rules={[
                {
                  validator: (_, v: number | null | undefined) => {
                    if (v === null || v === undefined) return Promise.resolve();
                    const p = temperatureProblem(v);
                    return p ? Promise.reject(new Error(t(`monitoring.followUp.tempProblem.${p}`))) : Promise.resolve();
                  },
                },
              ]}
            >
              <InputNumber<number>
                size="large"
                inputMode="decimal"
                step={0.1}
                placeholder="36.5"
                suffix="°C"
                style={{ width: '100%' }}
                data-testid="visit-temperature"
              />
            </Form.Item>
            <Form.Item name="symptoms" label={t('monitoring.situation.symptoms')}>
              <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`monitoring.symptom.${s}`) }))} />
            </Form.Item>
            {(typeof temperature === 'number' || (symptoms?.length ?? 0) > 0) && target.members.length > 0 && (
              <Form.Item name="feverResidentId" label={t('screening.feverWho')} extra={t('screening.feverWhoHint')}>
                <Select allowClear options={target.members.map((m) => ({ value: m.id, label: m.name }))} data-testid="visit-fever-who" />
              </Form.Item>
            )}
            <Form.Item name="testProof" label={t('screening.testProof')} rules={[{ max: 200 }]}>
              <Input maxLength={200} placeholder={t('screening.testProofHint')} />
            </Form.Item>
            <Form.Item name="needs" label={t('screening.needs')}>
              <Checkbox.Group options={NEEDS.map((n) => ({ value: n, label: t(`screening.need.${n}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('screening.note')} rules={[{ max: 500 }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="visit-error" />}
        <Button type="primary" size="large" block htmlType="submit" loading={saving.isPending} data-testid="visit-submit">
          {t('screening.save')}
        </Button>
      </Form>
    </Space>
  );
}
