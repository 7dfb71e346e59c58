/**
 * Packing one box: tubes are scanned one after another into one input and collected here, on the phone,
 * then sent in one call. When the server refuses some barcodes (unknown, still open, in another box) nothing is
 * packed: the list stays, each refused barcode says why, and the person removes or fixes them and sends again.
 */
import { Alert, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addTubesToBox } from '../../../domain/sampling/api';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { BoxScanInput } from './BoxScanInput';
import { type Box, addScan, tubeProblems } from './BoxTypes';

type Problems = NonNullable<ReturnType<typeof tubeProblems>>;

export function BoxPackCard({ box, active, onPacked, onClose }: { box: Box; active: boolean; onPacked: (b: Box) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [scanned, setScanned] = useState<string[]>([]);
  const [note, setNote] = useState<{ type: 'warning' | 'error' | 'success'; text: string } | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const packTubes = useApiMutation(addTubesToBox, { invalidates: false });
  const busy = packTubes.isPending;

  const onScan = (raw: string) => {
    const { list, outcome } = addScan(scanned, raw);
    setScanned(list);
    if (outcome.kind === 'format') setNote({ type: 'error', text: t('samplingBoxes.notBarcode', { text: outcome.raw }) });
    else if (outcome.kind === 'twice') setNote({ type: 'warning', text: t('samplingBoxes.scannedTwice', { barcode: outcome.code }) });
    else setNote(null);
  };

  const remove = (code: string) => {
    setScanned((s) => s.filter((c) => c !== code));
    setProblems(({ [code]: _gone, ...rest }) => rest);
  };

  const pack = async () => {
    if (!scanned.length) return;
    setNote(null);
    try {
      const packed = await packTubes.mutateAsync({ params: { id: box.id }, body: { barcodes: scanned } });
      setNote({ type: 'success', text: t('samplingBoxes.packed', { count: scanned.length, code: box.code }) });
      setScanned([]);
      setProblems({});
      onPacked(packed);
    } catch (e) {
      const found = tubeProblems(e);
      setProblems(found ?? {});
      setNote({ type: 'error', text: errorText(e, t) });
    }
  };

  const reason = (code: string) => {
    const p = problems[code];
    if (!p) return null;
    return 'code' in p ? t(`samplingBoxes.problem.${p.code}`) : p.text;
  };

  return (
    <Card
      size="small"
      data-testid="box-pack"
      title={t('samplingBoxes.packTitle', { code: box.code, count: box.tubeCount })}
      extra={
        // Scans not yet sent live only here: leaving with some asks first.
        <Popconfirm disabled={!scanned.length} title={t('samplingBoxes.leaveUnsent', { count: scanned.length })} onConfirm={onClose}>
          <Button size="small" onClick={() => !scanned.length && onClose()}>
            {t('samplingBoxes.done')}
          </Button>
        </Popconfirm>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <BoxScanInput testId="box-pack-scan" active={active} disabled={busy} placeholder={t('samplingBoxes.scanTube')} onScan={onScan} />
        {note && <Alert data-testid="box-pack-note" type={note.type} showIcon title={note.text} closable onClose={() => setNote(null)} />}
        <List
          size="small"
          data-testid="box-pack-list"
          header={<Typography.Text strong>{t('samplingBoxes.scannedCount', { count: scanned.length })}</Typography.Text>}
          locale={{ emptyText: t('samplingBoxes.scannedEmpty') }}
          dataSource={scanned}
          renderItem={(code, i) => (
            <List.Item
              data-testid="box-pack-item"
              actions={[
                <Button key="r" size="small" type="link" danger onClick={() => remove(code)}>
                  {t('samplingBoxes.removeScan')}
                </Button>,
              ]}
            >
              <Space wrap size={4}>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                <Typography.Text code style={{ fontSize: 16 }}>
                  {code}
                </Typography.Text>
                {reason(code) && (
                  <Tag color="red" data-testid="box-pack-problem">
                    {reason(code)}
                  </Tag>
                )}
              </Space>
            </List.Item>
          )}
        />
        <Space wrap>
          <Button type="primary" size="large" disabled={!scanned.length} loading={busy} onClick={() => void pack()} data-testid="box-pack-submit">
            {t('samplingBoxes.pack', { count: scanned.length })}
          </Button>
          <Button disabled={!scanned.length || busy} onClick={() => (setScanned([]), setProblems({}), setNote(null))}>
            {t('samplingBoxes.clear')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
