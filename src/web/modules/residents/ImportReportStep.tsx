/** Import step 3: the validation report — rows that passed, rows with problems, and the marked-up file. */
import { Alert, Button, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ImportProgress } from './ImportProgress';
import { type ImportError, type ImportJob, importErrorReport } from '../../../domain/residents/api';
import { exportUrlOf } from '../../app/query';
import { ExportButton } from '../../app/components/ExportButton';

export function ImportReportStep({ job, onBack, onNext }: { job: ImportJob; onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  if (job.status === 'validating' || job.status === 'uploaded') return <ImportProgress job={job} />;
  const { ok, errors } = job.counts;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={12} sm={8}>
          <Statistic title={t('residents.import.okRows')} value={ok} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col xs={12} sm={8}>
          <Statistic title={t('residents.import.errorRows')} value={errors} styles={{ content: { color: errors ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      {errors > 0 ? (
        <>
          <Space wrap>
            <Typography.Text>{t('residents.import.errorsHint')}</Typography.Text>
            <ExportButton
              url={exportUrlOf(importErrorReport, { params: { id: job.id } })}
              fileName="import-errors.xlsx"
              buttonProps={{ type: 'link', icon: <DownloadOutlined /> }}
              data-testid="import-errors-file"
            >
              {t('residents.import.errorsFile')}
            </ExportButton>
          </Space>
          <Table<ImportError>
            size="small"
            rowKey={(e, i) => `${e.row}-${e.column ?? ''}-${i}`}
            dataSource={job.errors}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
            columns={[
              { title: t('residents.import.row'), dataIndex: 'row', width: 80 },
              { title: t('residents.import.column'), dataIndex: 'column', render: (c: string | null) => c ?? '' },
              { title: t('residents.import.reason'), dataIndex: 'reason' },
            ]}
          />
          {errors > job.errors.length && <Typography.Text type="secondary">{t('residents.import.firstErrors', { count: job.errors.length })}</Typography.Text>}
        </>
      ) : (
        <Alert type="success" showIcon title={t('residents.import.allOk')} />
      )}
      {ok === 0 && <Alert type="warning" showIcon title={t('residents.import.noOkRows')} />}
      <Space wrap>
        <Button onClick={onBack}>{t('residents.import.backToMapping')}</Button>
        <Button type="primary" disabled={ok === 0} onClick={onNext} data-testid="import-next">
          {t('common.next')}
        </Button>
      </Space>
    </Space>
  );
}
