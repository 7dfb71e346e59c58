/**
 * The command center's overview (指挥部总览): the chosen area's figures, each child's share of them (click a
 * bar to drill down county → town → village), the last 14 days, and the red list. Live: the server says when
 * figures change and the screen reads again. A full-screen mode for the command room's wall.
 */
import { FullscreenExitOutlined, FullscreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Breadcrumb, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { getOverview } from '../../../domain/overview/api';
import { EChart } from '../../app/components/EChart';
import { VaccinationCard } from './VaccinationCard';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { AttentionList } from './AttentionList';
import { measuresByChild, sharesByChild, trend } from './charts';
import { FigureCards } from './FigureCards';
import { useOverviewLive } from './live';

export default function OverviewPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const areaId = Number(params.get('areaId')) || undefined;
  const day = params.get('day') ?? undefined;
  const answer = useApiQuery(getOverview, { query: { areaId, day } }, { placeholderData: (previous) => previous });
  const live = useOverviewLive(!day);
  const o = answer.data;
  const wall = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement === wall.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const go = (next: { areaId?: number; day?: string }) => {
    const p = new URLSearchParams();
    const a = 'areaId' in next ? next.areaId : areaId;
    const d = 'day' in next ? next.day : day;
    if (a) p.set('areaId', String(a));
    if (d) p.set('day', d);
    setParams(p);
  };
  const drill = (index: number, list: { areaId: number; kind: string }[]) => {
    const child = list[index];
    if (child) go({ areaId: child.areaId });
  };
  const toggleFull = () => (document.fullscreenElement ? document.exitFullscreen() : wall.current?.requestFullscreen());

  if (answer.error && !o) return <Alert type="error" showIcon message={errorText(answer.error, t)} />;
  if (!o) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  const reported = o.children.filter((c) => c.figures);
  return (
    <div ref={wall} data-testid="overview" style={full ? { background: '#f0f2f5', padding: 24, overflow: 'auto', height: '100vh' } : undefined}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space orientation="vertical" size={0}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('overview.title', { name: o.area.name })}
            </Typography.Title>
            <Breadcrumb
              items={o.trail.map((a) => ({
                key: a.id,
                title: a.id === o.area.id ? a.name : <a onClick={() => go({ areaId: a.id })}>{a.name}</a>,
              }))}
            />
          </Space>
          <Space wrap>
            <Badge
              status={day ? 'default' : live ? 'processing' : 'warning'}
              text={day ? t('overview.pastDay') : live ? t('overview.live') : t('overview.offline')}
            />
            <Typography.Text type="secondary" data-testid="overview-updated">
              {t('overview.updatedAt', { at: dayjs(o.generatedAt).format('HH:mm:ss') })}
            </Typography.Text>
            <DatePicker
              allowClear
              value={day ? dayjs(day) : null}
              placeholder={t('overview.today')}
              disabledDate={(d) => d.isAfter(dayjs(o.today))}
              onChange={(d) => go({ day: d && d.format('YYYY-MM-DD') !== o.today ? d.format('YYYY-MM-DD') : undefined })}
            />
            <Button icon={<ReloadOutlined />} loading={answer.isFetching} onClick={() => answer.refetch()} aria-label={t('common.refresh')} />
            <Button icon={full ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFull}>
              {full ? t('overview.exitWall') : t('overview.wall')}
            </Button>
          </Space>
        </Space>

        <FigureCards o={o} />

        <Row gutter={[12, 12]}>
          <Col xs={24} xl={14}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {reported.length > 0 && (
                <Card
                  size="small"
                  title={t('overview.measuresByChild')}
                  extra={<Typography.Text type="secondary">{t('overview.clickToDrill')}</Typography.Text>}
                >
                  <EChart testId="chart-measures" option={measuresByChild(o, t)} onClickItem={(i) => drill(i, reported)} />
                </Card>
              )}
              {(o.screening || o.sampling) && o.children.length > 0 && (
                <Card size="small" title={t('overview.sharesByChild')}>
                  <EChart testId="chart-shares" option={sharesByChild(o, t)} onClickItem={(i) => drill(i, o.children)} />
                </Card>
              )}
              {o.vaccination && <VaccinationCard vaccination={o.vaccination} />}
              {o.trend.length > 0 ? (
                <Card size="small" title={t('overview.trend')}>
                  <EChart testId="chart-trend" option={trend(o, t)} />
                </Card>
              ) : (
                <Card size="small">
                  <Empty description={t('overview.noReportBelowVillage')} />
                </Card>
              )}
            </Space>
          </Col>
          <Col xs={24} xl={10}>
            <AttentionList o={o} />
          </Col>
        </Row>
      </Space>
    </div>
  );
}
