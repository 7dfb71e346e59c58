/**
 * Handing a box to the courier: the courier counts the tubes and types the number, may re-scan them, and
 * the lab is named. The server refuses a count that differs from the box (BOX_COUNT_MISMATCH); the dialog then
 * shows the box's number against the count and, after a re-scan, which barcodes are missing or extra — the form
 * stays filled so the count can be corrected.
 */
import { Alert, Button, type ButtonProps, Form, Input, InputNumber, List, Modal, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handOver } from '../../../domain/sampling/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { BoxScanInput } from './BoxScanInput';
import { type Box, type Mismatch, addScan, mismatchOf } from './BoxTypes';

const LAB_KEY = 'wangge.sampling.lab';

function Barcodes({ title, codes, color, testId }: { title: string; codes: string[]; color: string; testId: string }) {
  if (!codes.length) return null;
  return (
    <div data-testid={testId}>
      <Typography.Text>{title}</Typography.Text>
      <div>
        {codes.map((c) => (
          <Tag key={c} color={color} style={{ marginTop: 4 }}>
            {c}
          </Tag>
        ))}
      </div>
    </div>
  );
}

export function BoxHandOverModal({ box, onClose, onDone }: { box: Box | null; onClose: () => void; onDone: (b: Box) => void }) {
  const { t } = useTranslation();
  const [count, setCount] = useState<number | null>(null);
  const [lab, setLab] = useState(() => localStorage.getItem(LAB_KEY) ?? '');
  const [rescan, setRescan] = useState(false);
  const [scanned, setScanned] = useState<string[]>([]);
  const [mismatch, setMismatch] = useState<Mismatch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = useApiMutation(handOver, { invalidates: false });
  const busy = send.isPending;

  // A fresh form for each box: reset while rendering the new box (React's "adjusting state when a prop
  // changes"), so the old box's count and scans are never shown against it, not even for one frame.
  const [formFor, setFormFor] = useState(box?.id);
  if (formFor !== box?.id) {
    setFormFor(box?.id);
    setCount(null);
    setRescan(false);
    setScanned([]);
    setMismatch(null);
    setError(null);
  }

  const submit = async () => {
    if (!box || count === null || !lab.trim()) return;
    setError(null);
    setMismatch(null);
    try {
      const done = await send.mutateAsync({ params: { id: box.id }, body: { count, lab: lab.trim(), ...(rescan ? { barcodes: scanned } : {}) } });
      localStorage.setItem(LAB_KEY, lab.trim());
      onDone(done);
    } catch (e) {
      const m = mismatchOf(e, count, rescan ? scanned.length : null);
      if (m) setMismatch(m);
      else setError(errorText(e, t));
    }
  };

  return (
    <Modal
      open={!!box}
      title={box ? t('samplingBoxes.handOverTitle', { code: box.code }) : ''}
      okText={t('samplingBoxes.handOver')}
      okButtonProps={{ disabled: count === null || !lab.trim() || (rescan && !scanned.length), loading: busy, 'data-testid': 'box-handover-ok' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('samplingBoxes.count')} extra={t('samplingBoxes.countHint')} required>
          <InputNumber
            data-testid="box-handover-count"
            min={0}
            max={10000}
            precision={0}
            size="large"
            style={{ width: '100%' }}
            value={count}
            onChange={(v) => setCount(v)}
          />
        </Form.Item>
        <Form.Item label={t('samplingBoxes.lab')} required>
          <Input
            data-testid="box-handover-lab"
            size="large"
            maxLength={100}
            value={lab}
            onChange={(e) => setLab(e.target.value)}
            placeholder={t('samplingBoxes.labPlaceholder')}
          />
        </Form.Item>
        <Form.Item label={t('samplingBoxes.rescan')} extra={t('samplingBoxes.rescanHint')}>
          <Switch data-testid="box-handover-rescan" checked={rescan} onChange={setRescan} />
        </Form.Item>
      </Form>
      {rescan && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <BoxScanInput testId="box-handover-scan" placeholder={t('samplingBoxes.scanTube')} onScan={(raw) => setScanned((s) => addScan(s, raw).list)} />
          <List
            size="small"
            header={t('samplingBoxes.scannedCount', { count: scanned.length })}
            dataSource={scanned}
            renderItem={(c) => (
              <List.Item
                actions={[
                  <Button key="r" size="small" type="link" danger onClick={() => setScanned((s) => s.filter((x) => x !== c))}>
                    {t('samplingBoxes.removeScan')}
                  </Button>,
                ]}
              >
                <Typography.Text code>{c}</Typography.Text>
              </List.Item>
            )}
          />
        </Space>
      )}
      {mismatch && (
        <Alert
          data-testid="box-mismatch"
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={
            <span data-testid="box-mismatch-counts">
              {t('samplingBoxes.mismatch', { expected: mismatch.expected, counted: mismatch.counted })}
              {mismatch.scanned !== null && ` ${t('samplingBoxes.mismatchScanned', { count: mismatch.scanned })}`}
            </span>
          }
          description={
            <Space orientation="vertical">
              <Barcodes
                testId="box-mismatch-missing"
                title={t('samplingBoxes.missing', { count: mismatch.missing.length })}
                codes={mismatch.missing}
                color="red"
              />
              <Barcodes testId="box-mismatch-extra" title={t('samplingBoxes.extra', { count: mismatch.extra.length })} codes={mismatch.extra} color="orange" />
              <Typography.Text type="secondary">{t('samplingBoxes.mismatchHint')}</Typography.Text>
            </Space>
          }
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} />}
    </Modal>
  );
}
