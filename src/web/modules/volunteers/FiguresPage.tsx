/**
 * The day's figures on one screen: branches reporting, enlisted, approved, on duty — by category, by
 * branch and by child area of the chosen area — drawn as bars, with the same figures as an .xlsx;
 * below, hours served over the last 30 days, the recognition list and the liaison groups' latest notes.
 */
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { ExportButton } from '../../app/components/ExportButton';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { exportUrlOf, useApiQuery } from '../../app/query';
import { FigureBars } from './FigureBars';
import { ServiceRecordsCard } from './ServiceRecordsCard';
import { ServiceTotalsCard } from './ServiceTotalsCard';
import { exportFigures, type FigureRow, volunteerFigures } from '../../../domain/volunteers/api';

function Breakdown({ title, rows, nameOf, testId }: { title: string; rows: FigureRow[]; nameOf?: (r: FigureRow) => string; testId: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => Math.max(r.enlisted, r.volunteers)));
  const columns = [
    { title: t('volunteers.figures.name'), key: 'name', render: (_: unknown, r: FigureRow) => (nameOf ? nameOf(r) : r.name) },
    { title: t('volunteers.figures.bars'), key: 'bars', width: '45%', render: (_: unknown, r: FigureRow) => <FigureBars row={r} max={max} /> },
    { title: t('volunteers.figures.enlisted'), dataIndex: 'enlisted', align: 'right' as const },
    { title: t('volunteers.figures.pending'), dataIndex: 'pending', align: 'right' as const },
    { title: t('volunteers.figures.volunteers'), dataIndex: 'volunteers', align: 'right' as const },
    { title: t('volunteers.figures.onDuty'), dataIndex: 'onDuty', align: 'right' as const },
  ];
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table<FigureRow>
        rowKey={(r) => String(r.key)}
        size="small"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false, size: 'small' } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
      />
    </Card>
  );
}

export default function FiguresPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [under, setUnder] = useState<number | undefined>();
  const [on, setOn] = useState(dayjs().format('YYYY-MM-DD'));
  const areaId = under ?? area?.id;
  // The figures shown stay on screen, dimmed, while another area or day is read.
  const figures = useApiQuery(volunteerFigures, { query: { under: areaId, on } }, { enabled: !!areaId, placeholderData: keepPreviousData });
  const data = figures.data ?? null;
  const error = figures.error ? errorText(figures.error, t) : null;
  const loading = figures.isFetching;

  const tot = data?.totals;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.volunteerFigures')}
        </Typography.Title>
        <Space wrap>
          <AreaTreeSelect value={areaId} onChange={(id) => setUnder(id ?? undefined)} style={{ minWidth: 200, maxWidth: '100%' }} />
          <DatePicker value={dayjs(on)} allowClear={false} onChange={(d) => d && setOn(d.format('YYYY-MM-DD'))} />
          {can('volunteers.export') && (
            <ExportButton
              url={exportUrlOf(exportFigures, { query: { under: areaId, on } })}
              fileName="volunteer-figures.xlsx"
              buttonProps={{ icon: <DownloadOutlined /> }}
              data-testid="figures-export"
            >
              {t('volunteers.figures.export')}
            </ExportButton>
          )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        tot && (
          <Spin spinning={loading}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small" data-testid="figures-totals">
                <Row gutter={[16, 16]}>
                  <Col xs={12} md={8} xl={4}>
                    <Statistic title={t('volunteers.figures.branchesReporting')} value={tot.branchesReporting} suffix={`/ ${tot.branches}`} />
                  </Col>
                  <Col xs={12} md={8} xl={4}>
                    <Statistic title={t('volunteers.figures.enlisted')} value={tot.enlisted} />
                  </Col>
                  <Col xs={12} md={8} xl={4}>
                    <Statistic title={t('volunteers.figures.pending')} value={tot.pending} />
                  </Col>
                  <Col xs={12} md={8} xl={4}>
                    <Statistic title={t('volunteers.figures.approved')} value={tot.approved} />
                  </Col>
                  <Col xs={12} md={8} xl={4}>
                    <Statistic title={t('volunteers.figures.volunteers')} value={tot.volunteers} />
                  </Col>
                  <Col xs={12} md={8} xl={4}>
                    <Statistic title={t('volunteers.figures.onDuty')} value={tot.onDuty} valueStyle={{ color: '#cf1322' }} />
                  </Col>
                </Row>
                <Typography.Text type="secondary">{t('volunteers.figures.asOf', { on: data!.on })}</Typography.Text>
              </Card>
              <Breakdown
                title={t('volunteers.figures.byCategory')}
                rows={data!.byCategory}
                nameOf={(r) => t(`volunteers.category.${r.key}`, { defaultValue: r.name })}
                testId="figures-by-category"
              />
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={12}>
                  <Breakdown title={t('volunteers.figures.byBranch')} rows={data!.byBranch} testId="figures-by-branch" />
                </Col>
                <Col xs={24} xl={12}>
                  <Breakdown title={t('volunteers.figures.byArea')} rows={data!.byArea} testId="figures-by-area" />
                </Col>
              </Row>
              {areaId && <ServiceTotalsCard under={areaId} on={on} />}
              {areaId && <ServiceRecordsCard under={areaId} />}
            </Space>
          </Spin>
        )
      )}
    </Space>
  );
}
