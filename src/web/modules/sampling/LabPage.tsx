/**
 * Lab results: a lab's result file (csv or xlsx) uploaded and applied in one call — the server reads it in batches,
 * each with its trace-back, so a positive pool's people are held before the answer comes back. A 100,000-row file
 * takes 10–20 s: the page shows the time passing. Then the summary (LabSummary). One result can also be typed in.
 */
import { Alert, Button, Card, Space, Spin, Table, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importResults } from '../../../domain/sampling/api';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { LabManualForm } from './LabManualForm';
import { LabSummary } from './LabSummary';
import { LAB_COLUMNS, LAB_EXAMPLE_CSV, type ResultsSummary, downloadText } from './LabTypes';
import { FileDrop } from '../../app/components/FileDrop';

const ACCEPT = '.csv,.xlsx';

/** Seconds since `since` while it is set: the import is one long request with no progress of its own. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.round((now - since) / 1000));
}

export default function LabPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [started, setStarted] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<{ of: string; s: ResultsSummary } | null>(null);
  const elapsed = useElapsed(started);

  const upload = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    setStarted(Date.now());
    setError(null);
    setSummary(null);
    try {
      setSummary({ of: file.name, s: await api.upload<ResultsSummary>(importResults.path, form) });
      setFile(null);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setStarted(null);
    }
  };

  const busy = started !== null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('samplingLab.title')}
      </Typography.Title>

      <Card size="small" title={t('samplingLab.uploadTitle')}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('samplingLab.uploadHint')}{' '}
            <Typography.Link onClick={() => downloadText(`${t('samplingLab.exampleFile')}.csv`, LAB_EXAMPLE_CSV)} data-testid="lab-example">
              <DownloadOutlined /> {t('samplingLab.example')}
            </Typography.Link>
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            scroll={{ x: true }}
            dataSource={LAB_COLUMNS.map((c) => ({ ...c }))}
            columns={[
              { title: t('samplingLab.column'), width: 110, render: (_, c) => <Typography.Text strong>{t(`samplingLab.col.${c.key}`)}</Typography.Text> },
              { title: t('samplingLab.headers'), render: (_, c) => c.names.join(' / ') },
              { title: t('samplingLab.values'), render: (_, c) => ('values' in c ? c.values.join(' / ') : t(`samplingLab.colValue.${c.key}`)) },
            ]}
          />
          <FileDrop
            file={file}
            onChange={(f) => {
              setError(null);
              setFile(f);
            }}
            accept={ACCEPT}
            disabled={busy}
            text={t('samplingLab.drop')}
            hint={t('samplingLab.formats')}
            testId="lab-file"
          />
          {error && <Alert type="error" showIcon title={error} data-testid="lab-error" />}
          <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={() => void upload()} data-testid="lab-upload">
            {t('samplingLab.upload')}
          </Button>
          {busy && (
            <Space data-testid="lab-running">
              <Spin />
              <Typography.Text>{t('samplingLab.running', { seconds: elapsed })}</Typography.Text>
            </Space>
          )}
        </Space>
      </Card>

      {summary && (
        <>
          <Typography.Text type="secondary">{t('samplingLab.summaryOf', { name: summary.of })}</Typography.Text>
          <LabSummary summary={summary.s} />
        </>
      )}

      <Card size="small" title={t('samplingLab.manualTitle')}>
        <Typography.Paragraph type="secondary">{t('samplingLab.manualHint')}</Typography.Paragraph>
        <LabManualForm onDone={(s) => setSummary({ of: t('samplingLab.manualOf'), s })} />
      </Card>
    </Space>
  );
}
