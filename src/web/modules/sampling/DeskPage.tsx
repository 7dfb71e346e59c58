/**
 * The sampling desk: one desk of a sampling point, on a phone or a desktop with a barcode scanner. The one input
 * keeps focus; the scanner types like a keyboard and ends with Enter. With no open tube a scan opens a tube
 * by its barcode; afterwards each scan binds a person (resident QR, household QR or ID number). Bindings go
 * through the offline queue (./queue.ts): made with the desk's own id, stored before they are sent, sent in
 * order, kept and retried while the network is down.
 */
import { Alert, Button, type ButtonProps, Card, Input, type InputRef, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { parseScan, residentQr } from '../../../domain/sampling/rules';
import { ApiError, api } from '../../app/api';
import { errorText } from '../../app/errors';
import { newClientId } from '../screening/types';
import { CameraScanner } from './CameraScanner';
import { WalkInModal } from './WalkInModal';
import { BindingQueue, type QueuedBinding, type SendOutcome, backoffMs, isRetryable } from './queue';
import { type BindAnswer, type DeskChoice, type Point, type Round, type Tube, beep, loadChoice, saveChoice } from './types';

interface Warning {
  key: string;
  text: string;
}

export default function DeskPage() {
  const { t } = useTranslation();
  const queue = useMemo(() => new BindingQueue(localStorage), []);
  const [choice, setChoice] = useState<DeskChoice>(loadChoice);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [points, setPoints] = useState<Point[]>([]);
  const [tube, setTube] = useState<Tube | null>(null);
  const [pending, setPending] = useState<readonly QueuedBinding[]>(() => queue.pending());
  const [names, setNames] = useState<Record<number, string>>({});
  const [last, setLast] = useState<{ name: string; seq: number } | null>(null);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [changeTube, setChangeTube] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [closing, setClosing] = useState(false);
  const [camera, setCamera] = useState(false);
  const [walkIn, setWalkIn] = useState<{ idNumber: string; tubeId: number } | null>(null);
  const [walkInOpen, setWalkInOpen] = useState(false);
  // A home-sampling task links here with its person (?resident=): the mobile team binds them with one tap.
  const [params, setParams] = useSearchParams();
  const homeResident = Number(params.get('resident')) || null;
  const input = useRef<InputRef>(null);
  const scanRef = useRef<(text: string) => Promise<void>>(async () => undefined);
  const attempts = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const modalOpen = removing !== null || closing || walkInOpen;

  const focus = useCallback(() => {
    if (modalOpen) return;
    // Never while a picker is open (the person is choosing in it, or it is still closing): wait up to 2 s.
    let waits = 0;
    const attempt = () => {
      if (!document.querySelector('.ant-select-open')) input.current?.focus();
      else if (waits++ < 20) setTimeout(attempt, 100);
    };
    setTimeout(attempt, 0);
  }, [modalOpen]);

  useEffect(() => {
    api
      .get<{ items: Round[] }>('/api/sampling/rounds', { status: 'open' })
      .then((r) => {
        setRounds(r.items);
        // One open round (the usual day): no need to pick it. A remembered choice stays.
        if (r.items.length === 1) setChoice((c) => (c.roundId ? c : { roundId: r.items[0].id }));
      })
      .catch((e) => setError(errorText(e, t)));
  }, [t]);

  useEffect(() => {
    if (!choice.roundId) return setPoints([]);
    api
      .get<{ items: Point[] }>(`/api/sampling/rounds/${choice.roundId}/points`)
      .then((r) => {
        setPoints(r.items);
        if (r.items.length === 1) setChoice((c) => (c.pointId ? c : { roundId: c.roundId, pointId: r.items[0].id, desk: 1 }));
      })
      .catch((e) => setError(errorText(e, t)));
  }, [choice.roundId, t]);

  const loadTube = useCallback(async (id: number) => {
    try {
      setTube(await api.get<Tube>(`/api/sampling/tubes/${id}`));
    } catch {
      // Offline: the tube on screen stays as it was; the queue shows what is waiting.
    }
  }, []);

  // The desk's open tube after a reload.
  useEffect(() => {
    setTube(null);
    if (!choice.roundId || !choice.pointId || !choice.desk) return;
    api
      .get<{ items: Tube[] }>('/api/sampling/tubes', { roundId: choice.roundId, pointId: choice.pointId, desk: choice.desk, status: 'open' })
      .then((r) => (r.items[0] ? loadTube(r.items[0].id) : undefined))
      .catch((e) => setError(errorText(e, t)));
  }, [choice.roundId, choice.pointId, choice.desk, loadTube, t]);

  const send = useCallback(async (item: QueuedBinding): Promise<SendOutcome<BindAnswer>> => {
    try {
      const answer = await api.post<BindAnswer>('/api/sampling/bindings', { clientId: item.clientId, tubeId: item.tubeId, scan: item.scan });
      return { kind: 'done', answer };
    } catch (e) {
      if (e instanceof ApiError && !isRetryable(e.status)) return { kind: 'rejected', error: e };
      return { kind: 'retry' };
    }
  }, []);

  /** What the desk shows for a binding that went in: the name and 第N人, warnings, 换管 when the tube is full. */
  const showAnswer = useCallback(
    (answer: BindAnswer) => {
      const got = answer.bindings;
      setNames((n) => ({ ...n, ...Object.fromEntries(got.map((b) => [b.id, b.name])) }));
      if (got.length) setLast({ name: got.map((b) => b.name).join('、'), seq: got[got.length - 1].seq });
      const w: Warning[] = [];
      for (const b of got) {
        if (b.duplicate)
          w.push({
            key: `d${b.id}`,
            text: t('sampling.desk.duplicate', {
              name: b.name,
              tube: b.duplicate.tubeBarcode,
              point: b.duplicate.pointName,
              at: new Date(b.duplicate.boundAt).toLocaleString(),
            }),
          });
        if (b.poolSize) w.push({ key: `p${b.id}`, text: t('sampling.desk.poolSize', { name: b.name, required: b.poolSize.required, tube: b.poolSize.tube }) });
      }
      if (w.length) setWarnings((old) => [...w, ...old].slice(0, 5));
      if (answer.full) {
        setChangeTube(true);
        beep();
      }
    },
    [t],
  );

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const report = await queue.flush(send);
    setPending([...queue.pending()]);
    for (const { answer } of report.done) showAnswer(answer);
    for (const { item, error: e } of report.rejected) {
      setError(`${item.scan}: ${errorText(e, t)}`);
      // An ID number the registry does not know: offer to register the person here (临时登记).
      if (e instanceof ApiError && e.code === 'PERSON_NOT_REGISTERED' && 'idNumber' in parseScan(item.scan))
        setWalkIn({ idNumber: item.scan, tubeId: item.tubeId });
    }
    const tubeIds = new Set([...report.done.map((d) => d.answer.tube.id), ...report.rejected.map((r) => r.item.tubeId)]);
    for (const id of tubeIds) void loadTube(id);
    if (report.stalled) {
      attempts.current += 1;
      timer.current = setTimeout(() => void flush(), backoffMs(attempts.current));
    } else if (report.done.length || report.rejected.length) {
      attempts.current = 0;
    }
  }, [queue, send, t, loadTube, showAnswer]);

  useEffect(() => {
    const onOnline = () => {
      attempts.current = 0;
      void flush();
    };
    window.addEventListener('online', onOnline);
    if (queue.pending().length) void flush();
    return () => {
      window.removeEventListener('online', onOnline);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush, queue]);

  useEffect(() => {
    focus();
  }, [focus, tube?.id]);

  const pick = (c: DeskChoice) => {
    setChoice(c);
    saveChoice(c);
    setError(null);
    setChangeTube(false);
    // Back to the scanner once the picker has closed (the input may already be there when the round or point
    // was chosen for the desk, so its autoFocus does not fire again).
    setTimeout(focus, 150);
  };

  const pendingHere = tube ? pending.filter((p) => p.tubeId === tube.id).length : 0;
  const needsTube = !tube || tube.status !== 'open' || tube.bound + pendingHere >= tube.capacity;

  /** One scan, typed by a scanner into the input (Enter) or read by the camera. */
  const onScan = async (raw: string) => {
    const scan = raw.trim();
    setValue('');
    if (!scan || !choice.roundId || !choice.pointId || !choice.desk) return;
    setError(null);
    setWalkIn(null);
    if (needsTube) {
      setBusy(true);
      try {
        const opened = await api.post<Tube>('/api/sampling/tubes', { roundId: choice.roundId, pointId: choice.pointId, desk: choice.desk, barcode: scan });
        setTube({ ...opened, members: [] });
        setChangeTube(false);
        setLast(null);
        setWarnings([]);
      } catch (e) {
        setError(errorText(e, t));
      } finally {
        setBusy(false);
        focus();
      }
      return;
    }
    queue.add({ clientId: newClientId(), tubeId: tube!.id, barcode: tube!.barcode, scan, scannedAt: new Date().toISOString() });
    setPending([...queue.pending()]);
    focus();
    await flush();
  };

  const remove = async () => {
    if (removing === null || !reason.trim()) return;
    try {
      const changed = await api.post<Tube>(`/api/sampling/bindings/${removing}/remove`, { reason: reason.trim() });
      // The answer is the tube without its members: read them again.
      await loadTube(changed.id);
      setRemoving(null);
      setReason('');
      setChangeTube(false);
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const close = async () => {
    if (!tube) return;
    try {
      await api.post<Tube>(`/api/sampling/tubes/${tube.id}/close`, { reason: reason.trim() || undefined });
      await loadTube(tube.id);
      setClosing(false);
      setReason('');
      setChangeTube(true);
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  // The camera keeps one callback for its whole life; it always reaches the desk's latest state through this.
  scanRef.current = onScan;

  const ready = !!(choice.roundId && choice.pointId && choice.desk);
  const live = (tube?.members ?? []).filter((m) => !m.removed);
  const point = points.find((p) => p.id === choice.pointId);

  return (
    <div
      style={{ maxWidth: 720, margin: '0 auto', fontSize: 18 }}
      // A tap on empty space gives the focus back to the scanner input; a tap on a control keeps it there.
      onClick={(e) => !(e.target as HTMLElement).closest('.ant-select, input, button, textarea, .ant-select-dropdown') && focus()}
    >
      <Typography.Title level={3}>{t('sampling.desk.title')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap style={{ width: '100%' }}>
          <Select
            data-testid="desk-round"
            size="large"
            style={{ minWidth: 200 }}
            placeholder={t('sampling.desk.round')}
            value={choice.roundId}
            options={rounds.map((r) => ({ value: r.id, label: r.name }))}
            onChange={(roundId: number) => pick({ roundId })}
          />
          <Select
            data-testid="desk-point"
            size="large"
            style={{ minWidth: 160 }}
            placeholder={t('sampling.desk.point')}
            value={choice.pointId}
            options={points.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(pointId: number) => pick({ roundId: choice.roundId, pointId, desk: 1 })}
          />
          <Select
            data-testid="desk-desk"
            size="large"
            style={{ minWidth: 110 }}
            placeholder={t('sampling.desk.desk')}
            value={choice.desk}
            options={Array.from({ length: point?.desks ?? 1 }, (_, i) => ({ value: i + 1, label: t('sampling.desk.deskN', { n: i + 1 }) }))}
            onChange={(desk: number) => pick({ ...choice, desk })}
          />
        </Space>

        {ready && (
          <>
            <Input
              ref={input}
              data-testid="desk-scan"
              size="large"
              style={{ fontSize: 22 }}
              autoFocus
              autoComplete="off"
              disabled={busy}
              placeholder={needsTube ? t('sampling.desk.scanTube') : t('sampling.desk.scanPerson')}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              onPressEnter={() => void onScan(value)}
              onBlur={() => setTimeout(() => !document.querySelector('.ant-modal-wrap, .ant-select-open') && !modalOpen && focus(), 200)}
            />
            <Button data-testid="desk-camera-toggle" icon={<CameraOutlined />} onClick={() => setCamera((c) => !c)}>
              {camera ? t('sampling.camera.close') : t('sampling.camera.open')}
            </Button>
            {camera && <CameraScanner onScan={(text) => void scanRef.current(text)} />}
            {homeResident && (
              <Alert
                data-testid="desk-home"
                type="info"
                showIcon
                message={needsTube ? t('sampling.desk.homeOpenTube') : t('sampling.desk.homeReady')}
                action={
                  <Space>
                    <Button
                      type="primary"
                      data-testid="desk-home-bind"
                      disabled={needsTube}
                      onClick={() => {
                        void onScan(residentQr(homeResident));
                        setParams({}, { replace: true });
                      }}
                    >
                      {t('sampling.desk.homeBind')}
                    </Button>
                    <Button onClick={() => setParams({}, { replace: true })}>{t('sampling.desk.homeDismiss')}</Button>
                  </Space>
                }
              />
            )}
            {changeTube && (
              <Alert
                data-testid="desk-change-tube"
                type="warning"
                showIcon
                message={<span style={{ fontSize: 24, fontWeight: 600 }}>{t('sampling.desk.changeTube')}</span>}
              />
            )}
            {error && (
              <Alert
                data-testid="desk-error"
                type="error"
                showIcon
                message={error}
                closable
                onClose={() => {
                  setError(null);
                  setWalkIn(null);
                }}
                action={
                  walkIn ? (
                    <Button data-testid="desk-walkin" onClick={() => setWalkInOpen(true)}>
                      {t('sampling.walkIn.open')}
                    </Button>
                  ) : undefined
                }
              />
            )}
            {warnings.map((w) => (
              <Alert
                key={w.key}
                data-testid="desk-warning"
                type="warning"
                showIcon
                message={w.text}
                closable
                onClose={() => setWarnings((ws) => ws.filter((x) => x.key !== w.key))}
              />
            ))}
            {last && (
              <Card size="small" data-testid="desk-last">
                <Typography.Text style={{ fontSize: 28, fontWeight: 600 }}>{last.name}</Typography.Text>{' '}
                <Tag color="blue" style={{ fontSize: 20, padding: '4px 8px' }}>
                  {t('sampling.desk.seq', { n: last.seq })}
                </Tag>
              </Card>
            )}
            <Card
              size="small"
              title={
                tube ? (
                  <span data-testid="desk-tube">
                    {t('sampling.desk.tube', { barcode: tube.barcode })} <span data-testid="desk-tube-count">{`${tube.bound} / ${tube.capacity}`}</span>{' '}
                    {tube.status !== 'open' && <Tag>{t(`sampling.desk.status.${tube.status}`)}</Tag>}
                  </span>
                ) : (
                  t('sampling.desk.noTube')
                )
              }
              extra={
                tube?.status === 'open' && tube.bound > 0 ? (
                  <Button data-testid="desk-close" onClick={() => setClosing(true)}>
                    {t('sampling.desk.close')}
                  </Button>
                ) : null
              }
            >
              <List
                size="small"
                dataSource={live}
                locale={{ emptyText: t('sampling.desk.empty') }}
                renderItem={(m) => (
                  <List.Item
                    data-testid="desk-member"
                    actions={
                      tube?.status === 'boxed'
                        ? []
                        : [
                            <Button key="r" size="small" danger data-testid="desk-remove" onClick={() => setRemoving(m.bindingId)}>
                              {t('sampling.desk.remove')}
                            </Button>,
                          ]
                    }
                  >
                    <span style={{ fontSize: 18 }}>
                      {t('sampling.desk.seq', { n: m.seq })} {names[m.bindingId] ?? m.name} <Typography.Text type="secondary">{m.idNumber}</Typography.Text>
                    </span>
                  </List.Item>
                )}
              />
            </Card>
          </>
        )}

        <Card size="small" title={<span data-testid="desk-pending">{t('sampling.desk.pending', { count: pending.length })}</span>}>
          {pending.length > 0 && (
            <List
              size="small"
              dataSource={[...pending]}
              renderItem={(p) => (
                <List.Item data-testid="desk-pending-item">
                  {p.scan} <Typography.Text type="secondary">{t('sampling.desk.tube', { barcode: p.barcode })}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Space>

      {walkInOpen && walkIn && (
        <WalkInModal
          idNumber={walkIn.idNumber}
          tubeId={walkIn.tubeId}
          onClose={() => {
            setWalkInOpen(false);
            focus();
          }}
          onDone={(answer) => {
            setWalkInOpen(false);
            setWalkIn(null);
            setError(null);
            showAnswer(answer);
            void loadTube(answer.tube.id);
          }}
        />
      )}
      <Modal
        open={removing !== null}
        title={t('sampling.desk.removeTitle')}
        okText={t('sampling.desk.remove')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'desk-remove-ok' } as ButtonProps}
        onOk={() => void remove()}
        onCancel={() => {
          setRemoving(null);
          setReason('');
        }}
      >
        <Input data-testid="desk-remove-reason" placeholder={t('sampling.desk.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Modal
        open={closing}
        title={t('sampling.desk.closeTitle')}
        okText={t('sampling.desk.close')}
        okButtonProps={{ 'data-testid': 'desk-close-ok' } as ButtonProps}
        onOk={() => void close()}
        onCancel={() => {
          setClosing(false);
          setReason('');
        }}
      >
        <Input placeholder={t('sampling.desk.reasonOptional')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </div>
  );
}
