/** Import step 4: choose how rows with problems are treated, write the rows, show what happened. */
import { Alert, Button, Radio, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportProgress } from './ImportProgress';
import type { CommitMode, ImportJob } from '../../../domain/residents/api';

interface Props {
  job: ImportJob;
  busy: boolean;
  error: string | null;
  onBack: () => void;
  onCommit: (mode: CommitMode) => void;
  onFinish: () => void;
  onAnother: () => void;
}

export function ImportCommitStep({ job, busy, error, onBack, onCommit, onFinish, onAnother }: Props) {
  const { t } = useTranslation();
  const hasErrors = job.counts.errors > 0;
  const [mode, setMode] = useState<CommitMode>(hasErrors ? 'valid-only' : 'all-or-nothing');

  if (job.status === 'committing') return <ImportProgress job={job} />;
  if (job.status === 'done') {
    const { created, updated, unchanged, errors } = job.counts;
    return (
      <Result
        status="success"
        title={t('residents.import.doneTitle')}
        subTitle={<span data-testid="import-done">{t('residents.import.doneCounts', { created, updated, unchanged })}</span>}
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            {errors > 0 && <Typography.Text type="secondary">{t('residents.import.doneSkipped', { count: errors })}</Typography.Text>}
            <Button type="primary" onClick={onFinish}>
              {t('residents.import.toList')}
            </Button>
            <Button onClick={onAnother}>{t('residents.import.another')}</Button>
          </Space>
        }
      />
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ width: '100%' }}>
        <Space orientation="vertical" size="middle">
          <Radio value="all-or-nothing" data-testid="mode-all">
            <Typography.Text strong>{t('residents.import.modeAll')}</Typography.Text>
            <div style={{ color: 'rgba(0,0,0,.55)' }}>{t('residents.import.modeAllHint')}</div>
          </Radio>
          <Radio value="valid-only" data-testid="mode-valid">
            <Typography.Text strong>{t('residents.import.modeValid')}</Typography.Text>
            <div style={{ color: 'rgba(0,0,0,.55)' }}>{t('residents.import.modeValidHint', { count: job.counts.errors })}</div>
          </Radio>
        </Space>
      </Radio.Group>
      {hasErrors && mode === 'all-or-nothing' && <Alert type="warning" showIcon title={t('residents.import.allWithErrors', { count: job.counts.errors })} />}
      <Typography.Text>{t('residents.import.updateHint')}</Typography.Text>
      {error && <Alert type="error" showIcon title={error} />}
      <Space wrap>
        <Button onClick={onBack} disabled={busy}>
          {t('common.back')}
        </Button>
        <Button type="primary" loading={busy} disabled={hasErrors && mode === 'all-or-nothing'} onClick={() => onCommit(mode)} data-testid="import-commit">
          {t('residents.import.commit', { count: mode === 'valid-only' ? job.counts.ok : job.counts.ok + job.counts.errors })}
        </Button>
      </Space>
    </Space>
  );
}
