/**
 * The staggered slot plan of one sampling point: the plan drawn beside its lower bound, changed by hand (a building moved to
 * another slot, a slot's times), saved, re-planned, exported and printed as notices (`?print=1`). Edits are
 * previewed with the server's own rules (domain/sampling/slot-edits.ts) and sent together when the plan is saved.
 */
import { Alert, App, Button, Card, Col, Empty, InputNumber, Row, Select, Space, Spin, Tag, TimePicker, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined, SaveOutlined, SyncOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { type SlotEdit, type StoredSlot, applyEdits, measure, storedFromPlan } from '../../../domain/sampling/slot-edits';
import { computeSlotPlan, editSlotPlan, getSlotPlan, saveSlotPlan, slotPlanWorkbook } from '../../../domain/sampling/api';
import { useAuth } from '../../app/auth';
import { ExportButton } from '../../app/components/ExportButton';
import { errorText } from '../../app/errors';
import { exportUrlOf, useApiMutation, useApiQuery } from '../../app/query';
import { BackTo } from '../monitoring/BackTo';
import { SlotNotices } from './SlotNotices';
import { HoursStrip, LengthBars, LoadBar } from './SlotTimeline';

export default function SlotPlanPage() {
  const { id, pointId } = useParams();
  const [search, setSearch] = useSearchParams();
  const roundId = Number(id);
  const point = Number(pointId);
  if (search.get('print')) return <SlotNotices roundId={roundId} pointId={point} onBack={() => setSearch({})} />;
  return <PlanEditor roundId={roundId} pointId={point} onPrint={() => setSearch({ print: '1' })} />;
}

function PlanEditor({ roundId, pointId, onPrint }: { roundId: number; pointId: number; onPrint: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const params = { id: roundId, pointId };
  const [target, setTarget] = useState(15);
  /** The wait target the computed plan (before one is saved) was asked for. */
  const [wait, setWait] = useState(15);
  const [edits, setEdits] = useState<SlotEdit[]>([]);
  const [timing, setTiming] = useState<number | null>(null);
  const canManage = can('sampling.manage');
  const storedQuery = useApiQuery(getSlotPlan, { params });
  const stored = storedQuery.data ?? null;
  const computedQuery = useApiQuery(computeSlotPlan, { params, query: { targetWaitMinutes: wait } }, { enabled: !!stored && !stored.plan });
  const computed = stored && !stored.plan ? (computedQuery.data ?? null) : null;
  // The screen reads the plan again itself (load), so the stored plan and the cleared edits arrive together.
  const saveMutation = useApiMutation(saveSlotPlan, { invalidates: false });
  const editMutation = useApiMutation(editSlotPlan, { invalidates: false });
  const busy = saveMutation.isPending || editMutation.isPending;
  const failed = storedQuery.error ?? computedQuery.error;
  const error = failed ? errorText(failed, t) : null;
  // A stored plan brings its own wait target (the screen may change it before a re-plan).
  const storedTarget = stored?.plan?.targetWaitMinutes;
  useEffect(() => {
    if (storedTarget !== undefined) setTarget(storedTarget);
  }, [storedTarget]);
  /** Reads the plan again, dropping edits not saved; `newWait` asks the planner again with another target. */
  const load = async (newWait?: number) => {
    if (newWait !== undefined) setWait(newWait);
    await storedQuery.refetch();
    setEdits([]);
  };

  const slotPoint = useMemo(
    () =>
      stored ? { desks: stored.point.desks, perDeskHour: stored.point.perDeskHour, opensAt: stored.point.opensAt, closesAt: stored.point.closesAt } : null,
    [stored],
  );
  const base: StoredSlot[] = useMemo(() => {
    if (stored?.plan) return stored.plan.slots.map((s) => ({ id: s.id, start: s.start, end: s.end, units: s.units }));
    return computed ? storedFromPlan(computed) : [];
  }, [stored, computed]);
  const preview = useMemo(() => {
    if (!slotPoint) return null;
    const out = applyEdits(base, edits, slotPoint);
    return measure('slots' in out ? out.slots : base, slotPoint, target);
  }, [base, edits, slotPoint, target]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error}
        action={
          <Button size="small" onClick={() => void load()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  if (!stored || !preview || !slotPoint) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const plan = stored.plan;

  const addEdit = (e: SlotEdit) => {
    const out = applyEdits(base, [...edits, e], slotPoint);
    if ('problem' in out) {
      message.error(t(`samplingSlots.errors.${out.problem.code}`, { ...out.problem.params, n: out.index + 1 }));
      return false;
    }
    setEdits([...edits, e]);
    return true;
  };

  const save = async () => {
    try {
      let version = plan?.version;
      if (!plan) version = (await saveMutation.mutateAsync({ params, body: { targetWaitMinutes: target } })).plan!.version;
      if (edits.length && version) await editMutation.mutateAsync({ params, body: { version, edits } });
      message.success(t('samplingSlots.saved'));
      await load();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  const regenerate = () => {
    if (!plan) return void load(target);
    modal.confirm({
      title: t('samplingSlots.replanTitle'),
      content: t('samplingSlots.replanBody', { target }),
      okText: t('samplingSlots.replan'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await saveMutation.mutateAsync({ params, body: { targetWaitMinutes: target, date: plan.date, replace: true } });
          message.success(t('samplingSlots.replanned'));
          await load();
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });
  };

  const p = stored.point;
  const slotLabel = (s: { start: string; end: string }) => `${s.start}–${s.end}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }}>
      <BackTo to={`/sampling/rounds/${roundId}`} />
      <Space orientation="vertical" size={0}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="slot-title">
          {t('samplingSlots.title', { point: p.name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {stored.round.name} · {p.address ?? p.areaName} · {t('samplingRounds.capacityLine', { desks: p.desks, per: p.perDeskHour, total: p.capacityPerHour })}{' '}
          · {p.opensAt}–{p.closesAt}
        </Typography.Text>
      </Space>
      {plan ? (
        <Alert
          type="success"
          showIcon
          data-testid="slot-stored"
          title={t('samplingSlots.storedLine', {
            version: plan.version,
            by: plan.editedBy ?? plan.savedBy ?? '—',
            at: dayjs(plan.editedAt ?? plan.savedAt).format('YYYY-MM-DD HH:mm'),
            date: plan.date,
          })}
        />
      ) : (
        <Alert type="info" showIcon title={t('samplingSlots.notStored')} data-testid="slot-not-stored" />
      )}
      {edits.length > 0 && <Alert type="warning" showIcon title={t('samplingSlots.pending', { count: edits.length })} data-testid="slot-pending" />}
      {preview.overloaded > 0 && (
        <Alert type="error" showIcon title={t('samplingSlots.overloaded', { count: preview.overloaded })} data-testid="slot-overloaded" />
      )}
      {!preview.withinHours && <Alert type="warning" showIcon title={t('samplingSlots.pastClosing', { endsAt: preview.endsAt, closesAt: p.closesAt })} />}

      <Space wrap>
        {canManage && (
          <>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={busy}
              disabled={Boolean(plan) && !edits.length}
              onClick={() => void save()}
              data-testid="slot-save"
            >
              {t('samplingSlots.save')}
            </Button>
            <Space.Compact>
              <InputNumber
                min={5}
                max={120}
                value={target}
                onChange={(v) => setTarget(v ?? 15)}
                suffix={t('samplingSlots.minuteUnit')}
                style={{ width: 110 }}
                aria-label={t('samplingSlots.target')}
              />
              <Button icon={<SyncOutlined />} onClick={regenerate} data-testid="slot-replan">
                {t('samplingSlots.replan')}
              </Button>
            </Space.Compact>
            <Button icon={<UndoOutlined />} disabled={!edits.length} onClick={() => setEdits([])} data-testid="slot-undo">
              {t('samplingSlots.undo')}
            </Button>
          </>
        )}
        <ExportButton
          url={exportUrlOf(slotPlanWorkbook, { params })}
          fileName="slot-plan.xlsx"
          buttonProps={{ icon: <DownloadOutlined />, disabled: !plan || edits.length > 0 }}
          data-testid="slot-xlsx"
        >
          {t('samplingSlots.export')}
        </ExportButton>
        <Button icon={<PrinterOutlined />} disabled={!plan || edits.length > 0} onClick={onPrint} data-testid="slot-print">
          {t('samplingSlots.print')}
        </Button>
      </Space>
      {(!plan || edits.length > 0) && <Typography.Text type="secondary">{t('samplingSlots.saveFirst')}</Typography.Text>}

      <Row gutter={[12, 12]}>
        <Col xs={24} md={9}>
          <Card size="small" title={t('samplingSlots.lengthTitle')}>
            <LengthBars plan={preview} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }} data-testid="slot-figures">
              {t('samplingSlots.lengthHint', {
                people: preview.people,
                capacity: p.capacityPerHour,
                lower: preview.lowerBoundMinutes,
                plan: preview.planMinutes,
              })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} md={15}>
          <Card size="small" title={t('samplingSlots.stripTitle')}>
            {preview.slots.length ? <HoursStrip plan={preview} opensAt={p.opensAt} closesAt={p.closesAt} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
      </Row>

      {!preview.slots.length && <Empty description={t('samplingSlots.nobody')} />}
      {preview.slots.map((s, i) => (
        <Card
          key={s.id}
          size="small"
          data-testid="slot-card"
          title={
            <Space wrap>
              <span>{t('samplingSlots.slotN', { n: i + 1 })}</span>
              <Typography.Text strong data-testid="slot-time">
                {slotLabel(s)}
              </Typography.Text>
              {s.over && <Tag color="red">{t('samplingSlots.over')}</Tag>}
              {!s.over && s.slow && <Tag color="orange">{t('samplingSlots.slow')}</Tag>}
            </Space>
          }
          extra={
            canManage && (
              <Button size="small" type="link" onClick={() => setTiming(timing === s.id ? null : s.id)} data-testid="slot-edit-time">
                {t('samplingSlots.editTime')}
              </Button>
            )
          }
        >
          {timing === s.id && (
            <Space wrap style={{ marginBottom: 8 }}>
              <TimePicker.RangePicker
                format="HH:mm"
                minuteStep={5}
                order
                allowClear={false}
                defaultValue={[dayjs(s.start, 'HH:mm'), dayjs(s.end, 'HH:mm')]}
                onChange={(v) => {
                  if (v?.[0] && v[1] && addEdit({ kind: 'times', slot: s.id, start: v[0].format('HH:mm'), end: v[1].format('HH:mm') })) setTiming(null);
                }}
              />
            </Space>
          )}
          <LoadBar load={s.load} capacity={s.capacity} />
          <Typography.Text type={s.over ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="slot-load">
            {t('samplingSlots.loadLine', { load: s.load, capacity: s.capacity, wait: s.worstWaitMinutes })}
          </Typography.Text>
          {!s.units.length && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('samplingSlots.emptySlot')}
            </Typography.Paragraph>
          )}
          {s.units.map((u) => (
            <Row key={u.areaId} gutter={8} align="middle" style={{ marginTop: 8 }} data-testid="slot-unit">
              <Col flex="auto">
                <Typography.Text>{u.name}</Typography.Text> <Typography.Text type="secondary">{t('samplingSlots.people', { count: u.people })}</Typography.Text>
              </Col>
              {canManage && preview.slots.length > 1 && (
                <Col>
                  <Select<number>
                    size="small"
                    placeholder={t('samplingSlots.moveTo')}
                    style={{ width: 150 }}
                    value={null as unknown as number}
                    options={preview.slots.filter((o) => o.id !== s.id).map((o) => ({ value: o.id, label: slotLabel(o) }))}
                    onChange={(to) => addEdit({ kind: 'move', areaId: u.areaId, from: s.id, to })}
                    data-testid="slot-move"
                    aria-label={t('samplingSlots.moveTo')}
                  />
                </Col>
              )}
            </Row>
          ))}
        </Card>
      ))}
    </Space>
  );
}
