/** Progress of a running import job (validating or committing), rows done of rows in the file. */
import { Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../domain/residents/api';
import { progressPercent } from './import-mapping';

export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const { rows, total } = job.progress;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
      <Typography.Text>{t(job.status === 'committing' ? 'residents.import.committing' : 'residents.import.validating')}</Typography.Text>
      <Progress percent={progressPercent(job)} status="active" />
      {total ? (
        <Typography.Text type="secondary">{t('residents.import.rows', { rows, total })}</Typography.Text>
      ) : (
        rows > 0 && <Typography.Text type="secondary">{t('residents.import.rowsSoFar', { rows })}</Typography.Text>
      )}
    </Space>
  );
}
