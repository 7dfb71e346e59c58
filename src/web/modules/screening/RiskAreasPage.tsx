/**
 * The risk-area list: the rows in force on a day (or every row, newest import first), and for a county-wide
 * administrator the import of the official list — all or nothing, each bad row named with its number.
 */
import { Alert, Button, Card, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { importRiskAreas, listRiskAreas, type RiskArea, riskLevelOf } from '../../../domain/screening/api/risk-areas';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { FileDrop } from '../../app/components/FileDrop';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';

const RED = new Set(['high', 'lockdown']);
const ORANGE = new Set(['medium', 'control']);

export function RiskTag({ level }: { level: string }) {
  const { t } = useTranslation();
  return <Tag color={RED.has(level) ? 'red' : ORANGE.has(level) ? 'orange' : 'green'}>{t(`monitoring.risk.${level}`)}</Tag>;
}

export default function RiskAreasPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [on, setOn] = useState<Dayjs | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useApiQuery(listRiskAreas, { query: { on: on?.format('YYYY-MM-DD'), q: q.trim() || undefined, page, pageSize: 50 } });
  const data = list.data;
  const error = list.error ? errorText(list.error, t) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.riskAreas')}
      </Typography.Title>
      {can('riskareas.manage') && <ImportCard />}
      <Space wrap>
        <DatePicker value={on} onChange={(d) => (setPage(1), setOn(d))} placeholder={t('screening.risk.inForceOn')} data-testid="risk-on" />
        <Input.Search allowClear placeholder={t('screening.risk.search')} onSearch={(v) => (setPage(1), setQ(v))} style={{ width: 240 }} />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<RiskArea>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={data?.items ?? []}
        data-testid="risk-table"
        pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('screening.risk.place'), dataIndex: 'name' },
          { title: t('screening.risk.code'), dataIndex: 'divisionCode', render: (v: string | null) => v ?? '—' },
          { title: t('screening.risk.level'), dataIndex: 'level', render: (v: string) => <RiskTag level={v} /> },
          { title: t('screening.risk.from'), dataIndex: 'from' },
          { title: t('screening.risk.to'), dataIndex: 'to', render: (v: string | null) => v ?? t('screening.risk.open') },
          { title: t('screening.risk.importedBy'), render: (_, r) => `${r.importedByName ?? '—'} · ${r.importedAt.slice(0, 10)}` },
        ]}
      />
    </Space>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ResponseOf<typeof importRiskAreas> | null>(null);
  const [problem, setProblem] = useState<{ message: string; rows: [string, string][] } | null>(null);

  const upload = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      // A file upload (multipart) is not a JSON call: sent as is, then the list and looked-up levels are refetched.
      setResult(await api.upload<ResponseOf<typeof importRiskAreas>>(importRiskAreas.path, form));
      setFile(null);
      await Promise.all([listRiskAreas, riskLevelOf].map((c) => client.invalidateQueries({ queryKey: [c.path] })));
    } catch (e) {
      setProblem({ message: errorText(e, t), rows: e instanceof ApiError ? Object.entries(e.fields) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('screening.risk.import')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('screening.risk.importHint')}</Typography.Text>
        <FileDrop
          file={file}
          onChange={(f) => {
            setFile(f);
            setProblem(null);
          }}
          accept=".xlsx,.csv"
          text={t('residents.import.drop')}
          testId="risk-file"
        />
        {result && <Alert type="success" showIcon title={t('screening.risk.imported', { count: result.imported })} />}
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem.message}
            description={
              problem.rows.length
                ? problem.rows.map(([row, text]) => <div key={row}>{`${t('screening.risk.row', { row: row.replace(/^row /, '') })}: ${text}`}</div>)
                : undefined
            }
            data-testid="risk-import-error"
          />
        )}
        <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={() => void upload()} data-testid="risk-upload">
          {t('screening.risk.upload')}
        </Button>
      </Space>
    </Card>
  );
}
