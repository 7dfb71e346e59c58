/**
 * The league table (红黑榜): villages or towns under the current area ranked by average score over a period, the
 * red and black lists, a bar chart, and the period's scores as .xlsx for the year's assessment.
 */
import { Alert, Button, Card, DatePicker, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { exportScores, league } from '../../../domain/inspections/api';
import { EChart } from '../../app/components/EChart';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { urlOf, useApiQuery } from '../../app/query';

/** The first day of the quarter a day is in (the default period: this quarter so far). */
const quarterStart = (d: Dayjs) => d.month(Math.floor(d.month() / 3) * 3).date(1);
type Row = ResponseOf<typeof league>['rows'][number];
const listTag = (t: (k: string) => string, l: Row['list']) =>
  l === 'red' ? <Tag color="red">{t('inspections.league.red')}</Tag> : l === 'black' ? <Tag color="black">{t('inspections.league.black')}</Tag> : null;

export default function LeaguePage() {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const [level, setLevel] = useState<'village' | 'town'>('village');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [quarterStart(dayjs()), dayjs()]);
  const period = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const q = useApiQuery(league, { query: { ...period, level, under: area?.id } });
  const rows = q.data?.rows ?? [];
  const option = {
    grid: { left: 100, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        name: t('inspections.league.average'),
        data: rows.map((r) => ({
          value: r.averageScore,
          itemStyle: r.list === 'black' ? { color: '#262626' } : r.list === 'red' ? { color: '#f5222d' } : undefined,
        })),
      },
    ],
  };
  const columns = [
    { title: t('inspections.league.rank'), dataIndex: 'rank', width: 60 },
    { title: t('inspections.league.name'), dataIndex: 'name' },
    { title: t('inspections.league.inspections'), dataIndex: 'inspections' },
    { title: t('inspections.league.average'), dataIndex: 'averageScore' },
    { title: t('inspections.league.passRate'), key: 'passRate', render: (_: unknown, r: Row) => `${r.passRate}%` },
    { title: t('inspections.league.vetoed'), dataIndex: 'vetoed' },
    { title: t('inspections.league.list'), key: 'list', render: (_: unknown, r: Row) => listTag(t, r.list) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.inspectionsLeague')}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <Segmented
            value={level}
            onChange={(v) => setLevel(v as 'village' | 'town')}
            options={[
              { value: 'village', label: t('inspections.league.villages') },
              { value: 'town', label: t('inspections.league.towns') },
            ]}
          />
          <a href={urlOf(exportScores, { query: { ...period, under: area?.id } })} data-testid="league-export">
            <Button icon={<DownloadOutlined />}>{t('inspections.league.export')}</Button>
          </a>
        </Space>
        {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} style={{ marginBottom: 12 }} />}
        {rows.length > 0 && <EChart testId="league-chart" option={option} height={Math.max(160, rows.length * 28 + 40)} />}
        <Table<Row>
          rowKey="areaId"
          size="small"
          data-testid="league-table"
          columns={columns}
          dataSource={rows}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.none')} /> }}
        />
      </Card>
    </Space>
  );
}
