/**
 * 通行登记: the crossing form on a phone (375 px), one-handed — big buttons, a plate keyboard, temperatures with
 * ± steps — written through the device's outbox (app/offline) with a client id per crossing: stored before it is
 * sent, kept while the network is down, sent once it is back (also after a reload). The server's client-id
 * idempotency makes a resend whose answer was lost one record.
 */
import { Alert, Button, Card, Checkbox, Input, InputNumber, List, Segmented, Select, Space, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, ResponseOf } from '../../../domain/contract';
import { listPosts, recordCrossing } from '../../../domain/checkpoints/api';
import { CHECK_ITEMS, TEMPERATURE_MAX, TEMPERATURE_MIN, VEHICLE_TYPES } from '../../../domain/checkpoints/kinds';
import { isPlate } from '../../../domain/checkpoints/plates';
import { CODE_COLOURS } from '../../../domain/policy/rules';
import { useMe } from '../../app/auth';
import { newClientId } from '../../app/client-id';
import { errorText } from '../../app/errors';
import { outbox } from '../../app/offline/runtime';
import { useOfflineWrite, usePendingWrites, useSettledWrites } from '../../app/offline/use-outbox';
import { urlOf, useApiQuery } from '../../app/query';
import { PlateKeyboard } from './PlateKeyboard';

type CrossingBody = InputOf<typeof recordCrossing>['body'];
type CrossingAnswer = ResponseOf<typeof recordCrossing>;
const KIND = 'checkpoints.crossing';
/** Where the form kept its crossings before the shared outbox (localStorage): taken over once by the signed-in user. */
const LEGACY_KEY = 'wangge.checkpoints.crossings';

async function adoptLegacyQueue(userId: number) {
  try {
    const raw = localStorage.getItem(LEGACY_KEY);
    if (!raw) return;
    const old: unknown = JSON.parse(raw);
    for (const body of Array.isArray(old) ? (old as CrossingBody[]) : []) {
      if (typeof body?.clientId !== 'string') continue;
      await outbox.add({
        clientId: body.clientId,
        kind: KIND,
        method: 'POST',
        url: urlOf(recordCrossing, { body }),
        body,
        userId,
        seq: outbox.nextSeq(),
        createdAt: body.at ?? new Date().toISOString(),
        ref: body.postId,
      });
    }
    localStorage.removeItem(LEGACY_KEY);
  } catch {
    /* unreadable or blocked storage: nothing to take over */
  }
}

type Person = { temperature: number; codeColour: (typeof CODE_COLOURS)[number]; idNumber: string };
const POST_KEY = 'wangge.checkpoints.post';
const newPerson = (): Person => ({ temperature: 36.5, codeColour: 'green', idNumber: '' });

export default function CrossingPage() {
  const { t } = useTranslation();
  const posts = useApiQuery(listPosts, { query: { limit: 200 } });
  const open = (posts.data?.items ?? []).filter((p) => p.open);
  const [postId, setPostId] = useState<number | null>(() => Number(localStorage.getItem(POST_KEY)) || null);
  const post = open.find((p) => p.id === postId) ?? open[0];
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [vehicle, setVehicle] = useState(false);
  const [plate, setPlate] = useState('');
  const [vehicleType, setVehicleType] = useState<(typeof VEHICLE_TYPES)[number]>('private');
  const [passNo, setPassNo] = useState('');
  const [originCode, setOriginCode] = useState('');
  const [people, setPeople] = useState<Person[]>([newPerson()]);
  const [checks, setChecks] = useState<string[]>([...CHECK_ITEMS]);
  const [decision, setDecision] = useState<CrossingBody['decision']>(undefined);
  const [last, setLast] = useState<CrossingAnswer | null>(null);
  const me = useMe();
  const record = useOfflineWrite(recordCrossing, { kind: KIND });
  const pending = usePendingWrites(KIND);
  // Every crossing's result as it settles — sent now or replayed later (after the network came back, or a reload).
  useSettledWrites(KIND, (s) => {
    if (s.outcome === 'done' && s.answer) setLast(s.answer as CrossingAnswer);
    if (s.outcome === 'rejected') message.error(errorText(s.error, t));
  });
  useEffect(() => {
    void adoptLegacyQueue(me.id);
  }, [me.id]);

  const setPerson = (i: number, p: Partial<Person>) => setPeople(people.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const tempBad = people.some((p) => p.temperature < TEMPERATURE_MIN || p.temperature > TEMPERATURE_MAX);
  const plateBad = vehicle && !isPlate(plate);
  const save = async () => {
    if (!post) return;
    const body: CrossingBody = {
      clientId: newClientId(),
      postId: post.id,
      at: new Date().toISOString(),
      direction,
      people: people.map((p) => ({ temperature: p.temperature, codeColour: p.codeColour, ...(p.idNumber ? { idNumber: p.idNumber } : {}) })),
      checks: checks as CrossingBody['checks'],
      ...(vehicle ? { plate, vehicleType, ...(passNo ? { passNo } : {}) } : {}),
      ...(originCode ? { originCode } : {}),
      ...(decision ? { decision } : {}),
    };
    setPlate('');
    setPassNo('');
    setPeople([newPerson()]);
    setDecision(undefined);
    // Stored on the phone first, then sent; a refusal is shown by the settled handler above.
    await record.submit({ body }, { clientId: body.clientId, ref: body.postId, label: body.plate }).catch(() => undefined);
  };

  const big = { size: 'large' as const, block: true, style: { height: 56, fontSize: 18 } };
  return (
    <div style={{ maxWidth: 420, margin: '0 auto' }} data-testid="crossing-page">
      <Typography.Title level={4}>{t('checkpoints.crossing.title')}</Typography.Title>
      {!posts.isLoading && !open.length && <Alert type="info" showIcon message={t('checkpoints.crossing.noPost')} />}
      <Select
        style={{ width: '100%', marginBottom: 8 }}
        size="large"
        value={post?.id}
        onChange={(v) => {
          setPostId(v);
          localStorage.setItem(POST_KEY, String(v));
        }}
        options={open.map((p) => ({ value: p.id, label: p.name }))}
        data-testid="crossing-post"
      />
      <Segmented
        block
        size="large"
        value={direction}
        onChange={(v) => setDirection(v as 'in' | 'out')}
        options={[
          { value: 'in', label: t('checkpoints.direction.in') },
          { value: 'out', label: t('checkpoints.direction.out') },
        ]}
      />
      <Segmented
        block
        size="large"
        style={{ marginTop: 8 }}
        value={vehicle ? 'vehicle' : 'person'}
        onChange={(v) => setVehicle(v === 'vehicle')}
        options={[
          { value: 'person', label: t('checkpoints.crossing.onFoot') },
          { value: 'vehicle', label: t('checkpoints.crossing.vehicle') },
        ]}
        data-testid="crossing-kind"
      />
      {vehicle && (
        <Card size="small" style={{ marginTop: 8 }}>
          <Typography.Title level={3} style={{ textAlign: 'center', letterSpacing: 4, minHeight: 36, margin: 0 }} data-testid="plate-value">
            {plate || '—'}
          </Typography.Title>
          {plate && plateBad && plate.length >= 7 && <Typography.Text type="danger">{t('checkpoints.plate.invalid')}</Typography.Text>}
          <PlateKeyboard value={plate} onChange={setPlate} />
          <Select
            style={{ width: '100%', marginTop: 8 }}
            size="large"
            value={vehicleType}
            onChange={setVehicleType}
            options={VEHICLE_TYPES.map((v) => ({ value: v, label: t(`checkpoints.vehicleType.${v}`) }))}
          />
          {vehicleType === 'supply' && (
            <Input
              size="large"
              style={{ marginTop: 8 }}
              placeholder={t('checkpoints.crossing.passNo')}
              value={passNo}
              onChange={(e) => setPassNo(e.target.value)}
            />
          )}
        </Card>
      )}
      <List
        style={{ marginTop: 8 }}
        dataSource={people}
        renderItem={(p, i) => (
          <Card
            size="small"
            style={{ marginBottom: 6 }}
            title={t('checkpoints.crossing.person', { n: i + 1 })}
            extra={
              people.length > 1 && (
                <Button type="link" danger onClick={() => setPeople(people.filter((_, j) => j !== i))}>
                  {t('checkpoints.crossing.remove')}
                </Button>
              )
            }
          >
            <Space.Compact style={{ width: '100%' }}>
              <Button size="large" onClick={() => setPerson(i, { temperature: Math.round((p.temperature - 0.1) * 10) / 10 })}>
                −
              </Button>
              <InputNumber
                size="large"
                style={{ width: '100%' }}
                step={0.1}
                value={p.temperature}
                onChange={(v) => setPerson(i, { temperature: Number(v ?? 0) })}
                addonAfter="℃"
                status={p.temperature < TEMPERATURE_MIN || p.temperature > TEMPERATURE_MAX ? 'error' : undefined}
                data-testid={`temperature-${i}`}
              />
              <Button size="large" onClick={() => setPerson(i, { temperature: Math.round((p.temperature + 0.1) * 10) / 10 })}>
                +
              </Button>
            </Space.Compact>
            <Segmented
              block
              style={{ marginTop: 6 }}
              value={p.codeColour}
              onChange={(v) => setPerson(i, { codeColour: v as Person['codeColour'] })}
              options={CODE_COLOURS.slice(0, 4).map((c) => ({ value: c, label: t(`checkpoints.colour.${c}`) }))}
            />
            <Input
              style={{ marginTop: 6 }}
              placeholder={t('checkpoints.crossing.idNumber')}
              value={p.idNumber}
              onChange={(e) => setPerson(i, { idNumber: e.target.value.trim() })}
            />
          </Card>
        )}
      />
      <Button block size="large" onClick={() => setPeople([...people, newPerson()])}>
        {t('checkpoints.crossing.addPerson')}
      </Button>
      <Input
        size="large"
        style={{ marginTop: 8 }}
        placeholder={t('checkpoints.crossing.origin')}
        value={originCode}
        inputMode="numeric"
        onChange={(e) => setOriginCode(e.target.value.replace(/\D/g, '').slice(0, 12))}
      />
      <Checkbox.Group
        style={{ marginTop: 8, display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
        value={checks}
        onChange={(v) => setChecks(v as string[])}
        options={CHECK_ITEMS.map((c) => ({ value: c, label: t(`checkpoints.check.${c}`) }))}
      />
      <Segmented
        block
        style={{ marginTop: 8 }}
        value={decision ?? 'policy'}
        onChange={(v) => setDecision(v === 'policy' ? undefined : (v as CrossingBody['decision']))}
        options={[
          { value: 'policy', label: t('checkpoints.decision.policy') },
          { value: 'turned_back', label: t('checkpoints.decision.turned_back') },
          { value: 'handed_over', label: t('checkpoints.decision.handed_over') },
        ]}
      />
      {tempBad && <Alert style={{ marginTop: 8 }} type="error" message={t('checkpoints.crossing.tempRange', { min: TEMPERATURE_MIN, max: TEMPERATURE_MAX })} />}
      <Button
        type="primary"
        {...big}
        style={{ ...big.style, marginTop: 12 }}
        disabled={!post || tempBad || plateBad}
        onClick={save}
        data-testid="crossing-save"
      >
        {t('checkpoints.crossing.save')}
      </Button>
      {pending.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          message={t('checkpoints.crossing.pending', { count: pending.length })}
          data-testid="crossing-pending"
        />
      )}
      {last && (
        <Card size="small" style={{ marginTop: 8 }} data-testid="crossing-last">
          <Space wrap>
            {last.plate && <Tag>{last.plate}</Tag>}
            <Tag color={last.decision === 'turned_back' || last.decision === 'handed_over' ? 'red' : 'green'}>{t(`checkpoints.decision.${last.decision}`)}</Tag>
            {last.flagged > 0 && <Tag color="red">{t('checkpoints.crossing.fever', { count: last.flagged })}</Tag>}
            {last.originName && <Tag>{last.originName}</Tag>}
          </Space>
        </Card>
      )}
    </div>
  );
}
