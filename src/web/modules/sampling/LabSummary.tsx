/**
 * What a batch of lab results did: received, applied, already known, barcodes of no tube (to copy or save and
 * send back to the lab), answers that contradict a stored result (not applied), rows that could not be read, and
 * the positives with a link to each round's positives board. The summary does not name rounds (a lab file can
 * hold several), so the links go to the open rounds that have positive tubes.
 */
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getRound, listRounds } from '../../../domain/sampling/api';
import { callApi, queryKeyOf, useApiQuery } from '../../app/query';
import { type ResultsSummary, downloadText } from './LabTypes';
import type { Round } from './types';

const RESULT_COLOURS: Record<string, string> = { negative: 'green', positive: 'red', invalid: 'orange' };

export function ResultTag({ result }: { result: string }) {
  const { t } = useTranslation();
  return <Tag color={RESULT_COLOURS[result]}>{t(`samplingLab.result.${result}`, { defaultValue: result })}</Tag>;
}

/** Open rounds that hold positive results: where the positives board is worth opening. */
function usePositiveRounds(tubes: number): Round[] {
  // Without the links the summary still says how many positives there are: errors are not shown.
  const open = useApiQuery(listRounds, { query: { status: 'open' } }, { enabled: tubes > 0 });
  const firstOpen = tubes > 0 ? (open.data?.items ?? []).slice(0, 10) : [];
  const counted = useQueries({
    queries: firstOpen.map((r) => {
      const input = { params: { id: r.id } };
      return { queryKey: queryKeyOf(getRound, input), queryFn: () => callApi(getRound, input) };
    }),
  });
  if (!firstOpen.length || counted.some((q) => !q.data)) return firstOpen;
  const withPositives = counted.flatMap((q) => (q.data && q.data.counts.positives > 0 ? [q.data] : []));
  return withPositives.length ? withPositives : firstOpen;
}

export function LabSummary({ summary }: { summary: ResultsSummary }) {
  const { t } = useTranslation();
  const rounds = usePositiveRounds(summary.positives.tubes);
  const [copied, setCopied] = useState(false);
  const s = summary;
  const unknownText = s.unknown.join('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(unknownText);
      setCopied(true);
    } catch {
      // No clipboard (plain http): the list is selectable and can be saved as a file.
    }
  };

  return (
    <Card size="small" title={t('samplingLab.summaryTitle')} data-testid="lab-summary">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Row gutter={[16, 8]}>
          {(
            [
              ['received', s.received],
              ['applied', s.applied],
              ['already', s.already],
              ['unknown', s.unknown.length],
              ['conflicts', s.conflicts.length],
              ['invalidRows', s.invalidRows.length],
            ] as const
          ).map(([k, v]) => (
            <Col key={k} xs={8} sm={4}>
              <Statistic
                title={t(`samplingLab.figure.${k}`)}
                value={v}
                data-testid={`lab-figure-${k}`}
                styles={k !== 'received' && k !== 'applied' && k !== 'already' && v > 0 ? { content: { color: '#d46b08' } } : undefined}
              />
            </Col>
          ))}
        </Row>

        {s.positives.tubes > 0 ? (
          <Alert
            type="error"
            showIcon
            data-testid="lab-positives"
            title={t('samplingLab.positives', { tubes: s.positives.tubes, flagged: s.positives.flagged, tasks: s.positives.tasks })}
            description={
              <Space wrap>
                {rounds.map((r) => (
                  <Link key={r.id} to={`/sampling/rounds/${r.id}/positives`} data-testid="lab-positives-link">
                    {t('samplingLab.openBoard', { round: r.name })}
                  </Link>
                ))}
              </Space>
            }
          />
        ) : (
          <Alert type="success" showIcon data-testid="lab-positives" title={t('samplingLab.noPositives')} />
        )}
        {!!s.positives.closed && <Alert type="info" showIcon title={t('samplingLab.retestsClosed', { count: s.positives.closed })} />}

        {s.unknown.length > 0 && (
          <div data-testid="lab-unknown">
            <Space wrap style={{ marginBottom: 4 }}>
              <Typography.Text strong>{t('samplingLab.unknownTitle', { count: s.unknown.length })}</Typography.Text>
              <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
                {copied ? t('samplingLab.copied') : t('samplingLab.copy')}
              </Button>
              <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadText('unknown-barcodes.txt', unknownText, 'text/plain;charset=utf-8')}>
                {t('samplingLab.download')}
              </Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('samplingLab.unknownHint')}
            </Typography.Paragraph>
            <div style={{ maxHeight: 160, overflow: 'auto' }}>
              {s.unknown.map((c) => (
                <Tag key={c} style={{ marginTop: 4 }}>
                  {c}
                </Tag>
              ))}
            </div>
          </div>
        )}

        {s.conflicts.length > 0 && (
          <div>
            <Typography.Text strong>{t('samplingLab.conflictsTitle', { count: s.conflicts.length })}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('samplingLab.conflictsHint')}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="barcode"
              data-testid="lab-conflicts"
              scroll={{ x: true }}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              dataSource={s.conflicts}
              columns={[
                { title: t('samplingLab.barcode'), dataIndex: 'barcode' },
                { title: t('samplingLab.stored'), render: (_, r) => <ResultTag result={r.stored} /> },
                { title: t('samplingLab.receivedNow'), render: (_, r) => <ResultTag result={r.received} /> },
              ]}
            />
          </div>
        )}

        {s.invalidRows.length > 0 && (
          <div>
            <Typography.Text strong>{t('samplingLab.invalidTitle', { count: s.invalidRows.length })}</Typography.Text>
            <Table
              size="small"
              rowKey="row"
              data-testid="lab-invalid"
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              dataSource={s.invalidRows}
              columns={[
                { title: t('samplingLab.row'), dataIndex: 'row', width: 80 },
                { title: t('samplingLab.problemCol'), render: (_, r) => t(`samplingLab.problem.${r.problem}`, { defaultValue: r.problem }) },
              ]}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
