/**
 * The sampling desk: one desk of a sampling point, on a phone or a desktop with a barcode scanner. The one input
 * keeps focus; the scanner types like a keyboard and ends with Enter. With no open tube a scan opens a tube
 * by its barcode; afterwards each scan binds a person (resident QR, household QR or ID number). Bindings go
 * through the offline queue (./queue.ts, useBindingQueue.ts): made with the desk's own id, stored before they
 * are sent, sent in order, kept and retried while the network is down.
 */
import { Alert, Button, Input, type InputRef, Space, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { type BindAnswer, listTubes, openTube } from '../../../domain/sampling/api';
import { parseScan, residentQr } from '../../../domain/sampling/rules';
import { ApiError } from '../../app/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { newClientId } from '../../app/client-id';
import { CameraScanner } from './CameraScanner';
import { CloseTubeModal, RemoveBindingModal } from './DeskModals';
import { DeskFeedback, DeskPending, DeskPickers, DeskTubeCard, type Warning } from './DeskParts';
import { WalkInModal } from './WalkInModal';
import { type DeskChoice, beep } from './types';
import { useBindingQueue } from './useBindingQueue';
import { useDeskChoice } from './useDeskChoice';
import { useDeskTube } from './useDeskTube';

export default function DeskPage() {
  const { t } = useTranslation();
  const { choice, pick: pickChoice, rounds, points, error: choiceError } = useDeskChoice();
  const { tube, loadTube, showOpened, error: tubeError } = useDeskTube(choice);
  const [names, setNames] = useState<Record<number, string>>({});
  const [last, setLast] = useState<{ name: string; seq: number } | null>(null);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [actionError, setError] = useState<string | null>(null);
  const [changeTube, setChangeTube] = useState(false);
  const [value, setValue] = useState('');
  const [removing, setRemoving] = useState<number | null>(null);
  const [closing, setClosing] = useState(false);
  const [camera, setCamera] = useState(false);
  const [walkIn, setWalkIn] = useState<{ idNumber: string; tubeId: number; open: boolean } | null>(null);
  const opening = useApiMutation(openTube, { invalidates: [listTubes] });
  // Set and cleared with the scan itself (not the mutation's own state, which settles a tick later): the input is
  // enabled again before the focus goes back to it.
  const [busy, setBusy] = useState(false);
  const loadFailed = choiceError ?? tubeError;
  const error = actionError ?? (loadFailed ? errorText(loadFailed, t) : null);
  // A home-sampling task links here with its person (?resident=): the mobile team binds them with one tap.
  const [params, setParams] = useSearchParams();
  const homeResident = Number(params.get('resident')) || null;
  const input = useRef<InputRef>(null);
  const scanRef = useRef<(text: string) => Promise<void>>(async () => undefined);
  const modalOpen = removing !== null || closing || !!walkIn?.open;
  const dialogOpen = useRef(modalOpen);
  dialogOpen.current = modalOpen;

  const focus = useCallback(() => {
    if (modalOpen) return;
    // Never while a picker is open (the person is choosing in it, or it is still closing), and only once the
    // input is there and enabled: wait for both, up to 10 s (a slow phone closes a picker slowly).
    // A picker that just closed may take the focus back a moment later: keep at it until the input holds it.
    let waits = 0;
    const attempt = () => {
      const el = input.current?.input;
      // A dialog opened meanwhile keeps the focus: stop.
      if (dialogOpen.current) return;
      const blocked = !!document.querySelector('.ant-select-open') || !el || el.disabled;
      if (!blocked) input.current?.focus();
      if ((blocked || document.activeElement !== el) && waits++ < 100) setTimeout(attempt, 100);
    };
    setTimeout(attempt, 0);
  }, [modalOpen]);

  /** What the desk shows for a binding that went in: the name and 第N人, warnings, 换管 when the tube is full. */
  const showAnswer = (answer: BindAnswer) => {
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
  };

  const { pending, add } = useBindingQueue({
    onAnswer: showAnswer,
    onRejected: (item, e) => {
      setError(`${item.scan}: ${errorText(e, t)}`);
      // An ID number the registry does not know: offer to register the person here (临时登记).
      if (e instanceof ApiError && e.code === 'PERSON_NOT_REGISTERED' && 'idNumber' in parseScan(item.scan))
        setWalkIn({ idNumber: item.scan, tubeId: item.tubeId, open: false });
    },
    onTubeChanged: (id) => void loadTube(id),
  });

  // The scanner input takes the focus again whenever the tube or the desk choice changes: those values are the
  // effect's triggers, not its inputs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberate triggers, see above
  useEffect(() => {
    focus();
  }, [focus, tube?.id, choice.roundId, choice.pointId, choice.desk]);

  const pick = (c: DeskChoice) => {
    pickChoice(c);
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
        showOpened(await opening.mutateAsync({ body: { roundId: choice.roundId, pointId: choice.pointId, desk: choice.desk, barcode: scan } }));
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
    const item = { clientId: newClientId(), tubeId: tube!.id, barcode: tube!.barcode, scan, scannedAt: new Date().toISOString() };
    focus();
    await add(item);
  };

  // The camera keeps one callback for its whole life; it always reaches the desk's latest state through this.
  scanRef.current = onScan;
  const ready = !!(choice.roundId && choice.pointId && choice.desk);

  return (
    <div
      style={{ maxWidth: 720, margin: '0 auto', fontSize: 18 }}
      // A tap on empty space gives the focus back to the scanner input; a tap on a control keeps it there.
      onClick={(e) => !(e.target as HTMLElement).closest('.ant-select, input, button, textarea, .ant-select-dropdown') && focus()}
    >
      <Typography.Title level={3}>{t('sampling.desk.title')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <DeskPickers choice={choice} rounds={rounds} points={points} onPick={pick} />

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
                    <Button data-testid="desk-walkin" onClick={() => setWalkIn({ ...walkIn, open: true })}>
                      {t('sampling.walkIn.open')}
                    </Button>
                  ) : undefined
                }
              />
            )}
            <DeskFeedback warnings={warnings} last={last} onDismiss={(key) => setWarnings((ws) => ws.filter((x) => x.key !== key))} />
            <DeskTubeCard tube={tube} names={names} onRemove={setRemoving} onClose={() => setClosing(true)} />
          </>
        )}

        <DeskPending pending={pending} />
      </Space>

      {walkIn?.open && (
        <WalkInModal
          idNumber={walkIn.idNumber}
          tubeId={walkIn.tubeId}
          onClose={() => {
            setWalkIn({ ...walkIn, open: false });
            focus();
          }}
          onDone={(answer) => {
            setWalkIn(null);
            setError(null);
            showAnswer(answer);
            void loadTube(answer.tube.id);
          }}
        />
      )}
      <RemoveBindingModal
        bindingId={removing}
        onError={setError}
        onCancel={() => setRemoving(null)}
        onDone={() => {
          if (tube) void loadTube(tube.id);
          setRemoving(null);
          setChangeTube(false);
        }}
      />
      <CloseTubeModal
        tubeId={closing && tube ? tube.id : null}
        onError={setError}
        onCancel={() => setClosing(false)}
        onDone={() => {
          if (tube) void loadTube(tube.id);
          setClosing(false);
          setChangeTube(true);
        }}
      />
    </div>
  );
}
