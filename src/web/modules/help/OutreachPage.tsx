/**
 * 主动关怀 (proactive care calls): today's people on the outreach lists — elderly living alone, the bedridden, dialysis
 * patients, the pregnant, those under a measure at home — for a daily call from a phone. The not-yet-called come
 * first; each row takes its outcome in one tap, and a need found becomes a help request. The number is fetched
 * on the tap through the call's task (audited) and handed to the dialler; the list only shows it masked.
 */
import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { helpPolicyRoute, outreachCalls, outreachLists, prepareOutreach, recordOutreachCall } from '../../../domain/help/api';
import { OUTREACH_STATES, type OutreachOutcome } from '../../../domain/help/outreach';
import { callTaskPerson } from '../../../domain/tasks/api';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation, useApiQuery } from '../../app/query';

type Call = ResponseOf<typeof outreachCalls>['items'][number];
const PAGE_SIZE = 30;
const OUTCOME_COLOR: Record<OutreachOutcome, string> = { well: 'green', need: 'orange', unreachable: 'default', declined: 'purple' };

function NeedModal({ call, onClose }: { call: Call | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const policy = useApiQuery(helpPolicyRoute);
  const save = useApiMutation(recordOutreachCall);
  const [form] = Form.useForm<{ kind: string; need: string; tier?: string }>();
  const submit = async () => {
    if (!call) return;
    const v = await form.validateFields();
    try {
      const r = await save.mutateAsync({
        params: { id: call.id },
        body: { outcome: 'need', need: { kind: v.kind as never, need: v.need.trim(), tier: v.tier ?? null } },
      });
      message.success(t('help.outreach.needRecorded', { code: r.requestCode }));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  return (
    <Modal
      open={!!call}
      title={t('help.outreach.needTitle', { name: call?.name })}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okText={t('help.outreach.needOk')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'daily_goods' }}>
        <Form.Item name="kind" label={t('help.field.kind')} rules={[{ required: true }]}>
          <Select options={policy.data?.kinds.map((k) => ({ value: k.code, label: localName(k.name, lang) }))} data-testid="outreach-need-kind" />
        </Form.Item>
        <Form.Item name="need" label={t('help.field.need')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="outreach-need-text" />
        </Form.Item>
        <Form.Item name="tier" label={t('help.field.tier')}>
          <Select allowClear options={policy.data?.tiers.map((x) => ({ value: x.code, label: localName(x.name, lang) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function OutreachPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { area } = useCurrentArea();
  const [list, setList] = useState<string | undefined>(undefined);
  const [state, setState] = useState<string | undefined>('pending');
  const [page, setPage] = useState(1);
  const [needFor, setNeedFor] = useState<Call | null>(null);
  const lists = useApiQuery(outreachLists, { query: { under: area?.id } });
  const calls = useApiQuery(outreachCalls, { query: { under: area?.id, list, state: state as never, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } });
  const prepare = useApiMutation(prepareOutreach);
  const save = useApiMutation(recordOutreachCall);
  const dial = useApiMutation(callTaskPerson);
  const totals = (lists.data?.items ?? []).reduce((a, l) => ({ people: a.people + l.people, called: a.called + l.called }), { people: 0, called: 0 });
  const listName = (code: string) => localName(lists.data?.items.find((l) => l.code === code)?.name, lang) || t('help.outreach.otherList');

  const run = async (p: Promise<unknown>, ok?: string) => {
    try {
      await p;
      if (ok) message.success(ok);
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  const mark = (c: Call, outcome: OutreachOutcome) => run(save.mutateAsync({ params: { id: c.id }, body: { outcome } }), t(`help.outreach.saved.${outcome}`));
  const ring = (c: Call) =>
    run(
      dial.mutateAsync({ params: { id: c.taskId! } }).then(({ phone }) => {
        window.location.href = `tel:${phone}`;
      }),
    );

  const actions = (c: Call) => {
    const done = c.outcome && c.outcome !== 'unreachable';
    if (done)
      return (
        <Typography.Text type="secondary">
          {t('help.outreach.calledBy', { by: c.calledBy ?? '', at: c.calledAt ? new Date(c.calledAt).toLocaleTimeString() : '' })}
          {c.requestCode && <> · {t('help.outreach.request', { code: c.requestCode })}</>}
        </Typography.Text>
      );
    return (
      <Space wrap size={6}>
        {c.taskId && c.phone && (
          <Button icon={<PhoneOutlined />} onClick={() => void ring(c)} loading={dial.isPending} data-testid="outreach-dial">
            {t('help.outreach.dial')}
          </Button>
        )}
        <Button type="primary" onClick={() => void mark(c, 'well')} data-testid="outreach-well">
          {t('help.outreach.outcome.well')}
        </Button>
        <Button danger onClick={() => setNeedFor(c)} data-testid="outreach-need">
          {t('help.outreach.outcome.need')}
        </Button>
        <Button onClick={() => void mark(c, 'unreachable')} data-testid="outreach-unreachable">
          {t('help.outreach.outcome.unreachable')}
        </Button>
        <Button type="text" onClick={() => void mark(c, 'declined')}>
          {t('help.outreach.outcome.declined')}
        </Button>
      </Space>
    );
  };
  const card = (c: Call) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="outreach-call">
      <Space wrap>
        <Typography.Text strong>{c.name}</Typography.Text>
        {c.age !== null && <Typography.Text type="secondary">{t('help.outreach.age', { age: c.age })}</Typography.Text>}
        {c.lists.map((l) => (
          <Tag key={l}>{listName(l)}</Tag>
        ))}
        {c.outcome && <Tag color={OUTCOME_COLOR[c.outcome]}>{t(`help.outreach.outcome.${c.outcome}`)}</Tag>}
        {c.attempts > 1 && <Tag>{t('help.outreach.attempts', { n: c.attempts })}</Tag>}
      </Space>
      <Typography.Text type="secondary">
        {c.areaName}
        {c.phone && ` · ${c.phone}`}
      </Typography.Text>
      {actions(c)}
    </Space>
  );

  const empty = lists.data && totals.people === 0;
  return (
    <Card
      title={t('help.outreach.title')}
      extra={
        can('help.manage') &&
        area && (
          <Button
            onClick={() =>
              void run(prepare.mutateAsync({ body: { areaId: area.id } }).then((r) => message.info(t('help.outreach.prepared', { n: r.created }))))
            }
            loading={prepare.isPending}
            data-testid="outreach-prepare"
          >
            {t('help.outreach.prepare')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('help.outreach.intro')}</Typography.Paragraph>
      {empty ? (
        <Empty description={t('help.outreach.empty')} />
      ) : (
        <>
          <Progress
            percent={totals.people ? Math.round((totals.called / totals.people) * 100) : 0}
            format={() => `${totals.called} / ${totals.people}`}
            data-testid="outreach-progress"
          />
          <Space wrap style={{ margin: '12px 0' }}>
            <Select
              style={{ minWidth: 180 }}
              value={list ?? ''}
              onChange={(v) => (setList(v || undefined), setPage(1))}
              options={[
                { value: '', label: t('help.outreach.allLists') },
                ...(lists.data?.items.map((l) => ({
                  value: l.code,
                  label: `${localName(l.name, lang)} · ${l.called}/${l.people}${l.needs ? ` · ${t('help.outreach.needs', { n: l.needs })}` : ''}`,
                })) ?? []),
              ]}
              data-testid="outreach-list"
            />
            <Select
              style={{ minWidth: 120 }}
              value={state ?? ''}
              onChange={(v) => (setState(v || undefined), setPage(1))}
              options={[
                { value: '', label: t('help.outreach.allStates') },
                ...OUTREACH_STATES.map((s) => ({ value: s, label: t(`help.outreach.state.${s}`) })),
              ]}
              data-testid="outreach-state"
            />
          </Space>
          <ResponsiveList<Call>
            testId="outreach-calls"
            rowKey="id"
            loading={calls.isLoading}
            dataSource={calls.data?.items ?? []}
            renderCard={card}
            locale={{ emptyText: t('help.outreach.noneHere') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: calls.data?.total ?? 0, onChange: setPage }}
            columns={[
              {
                title: t('help.field.name'),
                render: (_, c) => (
                  <Space wrap size={4}>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    {c.age !== null && <Typography.Text type="secondary">{t('help.outreach.age', { age: c.age })}</Typography.Text>}
                  </Space>
                ),
              },
              { title: t('help.outreach.lists'), render: (_, c) => c.lists.map((l) => <Tag key={l}>{listName(l)}</Tag>) },
              { title: t('help.field.area'), dataIndex: 'areaName' },
              { title: t('help.field.phone'), dataIndex: 'phone' },
              {
                title: t('help.field.status'),
                render: (_, c) =>
                  c.outcome ? <Tag color={OUTCOME_COLOR[c.outcome]}>{t(`help.outreach.outcome.${c.outcome}`)}</Tag> : t('help.outreach.state.pending'),
              },
              { title: '', render: (_, c) => actions(c) },
            ]}
          />
        </>
      )}
      <NeedModal call={needFor} onClose={() => setNeedFor(null)} />
    </Card>
  );
}
