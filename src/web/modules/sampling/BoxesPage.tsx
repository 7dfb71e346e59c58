/**
 * Transport boxes: the boxes of a round at a sampling point. A new box is made by scanning its code; tubes are packed by
 * scanning them into one input (BoxPackCard); the box is handed to the courier with a count (BoxHandOverModal).
 * Closed tubes that are in no box yet are listed on top, so nothing is left behind at the point.
 * `?roundId=` preselects the round (from the round page); otherwise the desk's last round and point.
 */
import { Alert, Button, Card, Empty, Input, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { createBox, getBox, listBoxes, listPoints, listRounds, listTubes } from '../../../domain/sampling/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { BoxHandOverModal } from './BoxHandOverModal';
import { BoxPackCard } from './BoxPackCard';
import type { Box } from './BoxTypes';
import { loadChoice } from './types';

function BoxRow({ box, pointName, canAct, onPack, onHandOver }: { box: Box; pointName?: string; canAct: boolean; onPack: () => void; onHandOver: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detail = useApiQuery(getBox, { params: { id: box.id } }, { enabled: open });
  const codes = open ? (detail.data?.barcodes ?? null) : null;
  const error = open && detail.error ? errorText(detail.error, t) : null;
  const show = () => setOpen((o) => !o);
  const packing = box.status === 'packing';
  return (
    <List.Item data-testid="box-row" data-code={box.code}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {box.code}
          </Typography.Text>
          <Tag color={packing ? 'processing' : 'success'} data-testid="box-status">
            {t(`samplingBoxes.status.${box.status}`)}
          </Tag>
          <Typography.Text data-testid="box-count">{t('samplingBoxes.tubes', { count: box.tubeCount })}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">
          {pointName}
          {box.handedOverAt && ` · ${t('samplingBoxes.handedOver', { lab: box.lab, at: new Date(box.handedOverAt).toLocaleString() })}`}
        </Typography.Text>
        <Space wrap>
          {canAct && packing && (
            <Button size="small" type="primary" onClick={onPack} data-testid="box-pack-open">
              {t('samplingBoxes.packAction')}
            </Button>
          )}
          {canAct && packing && box.tubeCount > 0 && (
            <Button size="small" onClick={onHandOver} data-testid="box-handover-open">
              {t('samplingBoxes.handOver')}
            </Button>
          )}
          {box.tubeCount > 0 && (
            <Button size="small" type="link" onClick={show}>
              {open ? t('samplingBoxes.hideTubes') : t('samplingBoxes.showTubes')}
            </Button>
          )}
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {codes && (
          <div>
            {codes.map((c) => (
              <Tag key={c} style={{ marginTop: 4 }}>
                {c}
              </Tag>
            ))}
          </div>
        )}
      </Space>
    </List.Item>
  );
}

export default function BoxesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canAct = can('sampling.desk');
  const [params, setParams] = useSearchParams();
  const desk = useMemo(loadChoice, []);
  const roundId = Number(params.get('roundId')) || desk.roundId || undefined;
  const [pointId, setPointId] = useState<number | undefined>(Number(params.get('pointId')) || (roundId === desk.roundId ? desk.pointId : undefined));
  const [actionError, setError] = useState<string | null>(null);
  const [newCode, setNewCode] = useState('');
  const [packing, setPacking] = useState<Box | null>(null);
  const [handing, setHanding] = useState<Box | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const roundsQuery = useApiQuery(listRounds, {});
  const pointsQuery = useApiQuery(listPoints, { params: { id: roundId ?? 0 } }, { enabled: !!roundId });
  const boxesQuery = useApiQuery(listBoxes, { query: { roundId } }, { enabled: !!roundId });
  const looseQuery = useApiQuery(listTubes, { query: { roundId: roundId ?? 0, pointId, status: 'closed' } }, { enabled: !!roundId });
  const makeBox = useApiMutation(createBox, { invalidates: [listBoxes] });
  const creating = makeBox.isPending;
  const rounds = roundsQuery.data?.items ?? null;
  const points = pointsQuery.data?.items ?? [];
  const boxes = boxesQuery.data?.items ?? null;
  const loose = looseQuery.data?.items ?? null;
  const failed = roundsQuery.error ?? pointsQuery.error ?? boxesQuery.error ?? looseQuery.error;
  const error = actionError ?? (failed ? errorText(failed, t) : null);
  // After packing or handing over, the boxes and the tubes still loose are read again.
  const load = () => Promise.all([boxesQuery.refetch(), looseQuery.refetch()]);

  const pickRound = (id: number) => {
    setPointId(undefined);
    setPacking(null);
    setError(null);
    setParams({ roundId: String(id) }, { replace: true });
  };
  const pickPoint = (id: number | undefined) => {
    setPointId(id);
    setPacking(null);
    setParams(id ? { roundId: String(roundId), pointId: String(id) } : { roundId: String(roundId) }, { replace: true });
  };

  const create = async () => {
    if (!roundId || !pointId || !newCode.trim()) return;
    setError(null);
    try {
      const box = await makeBox.mutateAsync({ body: { roundId, pointId, code: newCode.trim() } });
      setNewCode('');
      setPacking(box);
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const pointName = (id: number) => points.find((p) => p.id === id)?.name;
  const shown = (boxes ?? []).filter((b) => !pointId || b.pointId === pointId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('samplingBoxes.title')}
      </Typography.Title>
      <Space wrap style={{ width: '100%' }}>
        <Select
          data-testid="box-round"
          size="large"
          style={{ minWidth: 220, maxWidth: '100%' }}
          loading={!rounds}
          placeholder={t('samplingBoxes.round')}
          value={roundId}
          options={(rounds ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${t(`samplingBoxes.roundStatus.${r.status}`)}` }))}
          onChange={pickRound}
        />
        <Select
          data-testid="box-point"
          size="large"
          style={{ minWidth: 180, maxWidth: '100%' }}
          allowClear
          disabled={!roundId}
          placeholder={t('samplingBoxes.allPoints')}
          value={pointId}
          options={points.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(v?: number) => pickPoint(v)}
        />
      </Space>
      {error && <Alert data-testid="box-error" type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      {done && <Alert data-testid="box-done" type="success" showIcon title={done} closable onClose={() => setDone(null)} />}
      {rounds && !rounds.length && <Empty description={t('samplingBoxes.noRounds')} />}
      {roundId && (
        <>
          <Card size="small" title={<span data-testid="box-loose-title">{t('samplingBoxes.loose', { count: loose?.length ?? 0 })}</span>}>
            {!loose && <Spin />}
            {loose && !loose.length && <Typography.Text type="secondary">{t('samplingBoxes.noLoose')}</Typography.Text>}
            {loose && loose.length > 0 && (
              <>
                <Typography.Paragraph type="warning" style={{ marginBottom: 8 }}>
                  {t('samplingBoxes.looseHint')}
                </Typography.Paragraph>
                <div data-testid="box-loose">
                  {loose.map((tube) => (
                    <Tag key={tube.id} color="orange" style={{ marginTop: 4 }}>
                      {tube.barcode} · {tube.bound}
                    </Tag>
                  ))}
                </div>
              </>
            )}
          </Card>

          {canAct && (
            <Card size="small" title={t('samplingBoxes.newBox')}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  data-testid="box-new-code"
                  size="large"
                  autoComplete="off"
                  disabled={!pointId}
                  placeholder={pointId ? t('samplingBoxes.scanBox') : t('samplingBoxes.pickPointFirst')}
                  value={newCode}
                  onChange={(e) => setNewCode(e.target.value)}
                  onPressEnter={() => void create()}
                />
                <Button
                  size="large"
                  type="primary"
                  disabled={!pointId || !newCode.trim()}
                  loading={creating}
                  onClick={() => void create()}
                  data-testid="box-new-submit"
                >
                  {t('samplingBoxes.create')}
                </Button>
              </Space.Compact>
            </Card>
          )}

          {packing && (
            <BoxPackCard
              key={packing.id}
              box={packing}
              active={!handing}
              onClose={() => setPacking(null)}
              onPacked={(b) => {
                setPacking(b);
                void load();
              }}
            />
          )}

          <Card size="small" title={t('samplingBoxes.list', { count: shown.length })}>
            {!boxes && <Spin />}
            {boxes && (
              <List
                size="small"
                dataSource={shown}
                locale={{ emptyText: t('samplingBoxes.noBoxes') }}
                renderItem={(b) => (
                  <BoxRow
                    key={b.id}
                    box={b}
                    pointName={pointName(b.pointId)}
                    canAct={canAct}
                    onPack={() => setPacking(b)}
                    onHandOver={() => {
                      setDone(null);
                      setHanding(b);
                    }}
                  />
                )}
              />
            )}
          </Card>
        </>
      )}
      <BoxHandOverModal
        box={handing}
        onClose={() => setHanding(null)}
        onDone={(b) => {
          setHanding(null);
          if (packing?.id === b.id) setPacking(null);
          setDone(t('samplingBoxes.handedOverDone', { code: b.code, count: b.tubeCount, lab: b.lab }));
          void load();
        }}
      />
    </Space>
  );
}
