/**
 * One row per child area with its rate drawn as a bar, lowest rate first (the places to push); a row opens
 * that area (drill down). The row of people rostered at the area itself has nothing below it to open.
 */
import { Card, Segmented, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CoverageRow, type RowSort, percent, rateTone, sortRows } from './CoverageModel';
import { TONE_COLOUR } from './CoverageSummary';

function RateBar({ rate }: { rate: number | null }) {
  const pct = percent(rate);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 120 }}>
      <div style={{ flex: 1, height: 10, borderRadius: 5, background: '#f0f0f0', overflow: 'hidden' }} aria-hidden>
        <div style={{ width: `${pct ?? 0}%`, height: '100%', background: TONE_COLOUR[rateTone(rate)] }} />
      </div>
      <span style={{ width: 40, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-testid="coverage-row-rate">
        {pct === null ? '—' : `${pct}%`}
      </span>
    </div>
  );
}

export function CoverageTable({ rows, onOpen }: { rows: CoverageRow[]; onOpen: (areaId: number) => void }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<RowSort>('rate');
  const sorted = useMemo(() => sortRows(rows, by), [rows, by]);
  const num = (key: 'due' | 'sampled' | 'exempt' | 'missing') => ({
    title: t(`samplingCoverage.figure.${key}`),
    key,
    align: 'right' as const,
    render: (_: unknown, r: CoverageRow) => (key === 'missing' && r.missing ? <Typography.Text type="danger">{r.missing}</Typography.Text> : r[key]),
  });
  return (
    <Card
      size="small"
      title={t('samplingCoverage.byArea')}
      extra={
        <Segmented<RowSort>
          size="small"
          value={by}
          onChange={setBy}
          options={(['rate', 'missing', 'name'] as const).map((k) => ({ value: k, label: t(`samplingCoverage.sort.${k}`) }))}
          data-testid="coverage-sort"
        />
      }
    >
      <Table<CoverageRow>
        rowKey={(r) => String(r.areaId ?? 'here')}
        size="small"
        pagination={false}
        dataSource={sorted}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('samplingCoverage.noChildren') }}
        data-testid="coverage-table"
        onRow={(r) => ({
          onClick: r.areaId === null ? undefined : () => onOpen(r.areaId!),
          style: r.areaId === null ? undefined : { cursor: 'pointer' },
          'data-testid': 'coverage-row',
        })}
        columns={[
          {
            title: t('samplingCoverage.area'),
            key: 'name',
            fixed: 'left',
            render: (_: unknown, r) =>
              r.areaId === null ? (
                <Typography.Text type="secondary">{t('samplingCoverage.atThisLevel', { name: r.name })}</Typography.Text>
              ) : (
                <Typography.Link>{r.name}</Typography.Link>
              ),
          },
          { title: t('samplingCoverage.rate'), key: 'rate', render: (_: unknown, r) => <RateBar rate={r.rate} /> },
          num('due'),
          num('sampled'),
          num('missing'),
          num('exempt'),
        ]}
      />
    </Card>
  );
}
