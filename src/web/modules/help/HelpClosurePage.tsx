/**
 * The closure rate (办结率) of the current area: per day, closed within the deadline ÷ received, as a chart with
 * the received counts beside; the open backlog by age; and the area's public page link (its QR code's text).
 */
import { Alert, Button, Card, Col, List, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createHelpLink, helpClosure, listAdvances, listHelpLinks } from '../../../domain/help/api';
import { CHART_COLOURS, EChart } from '../../app/components/EChart';
import { useCurrentArea } from '../../app/current-area';
import { useAuth } from '../../app/auth';
import { useApiMutation, useApiQuery } from '../../app/query';

const DAYS = 14;
const dayOf = (ms: number) => new Date(ms).toLocaleDateString('sv-SE');

export default function HelpClosurePage() {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const { user } = useAuth();
  const to = dayOf(Date.now());
  const from = dayOf(Date.now() - (DAYS - 1) * 86_400_000);
  const q = useApiQuery(helpClosure, { query: { under: area?.id, from, to } });
  const links = useApiQuery(listHelpLinks);
  const owed = useApiQuery(listAdvances, { query: { under: area?.id } });
  const make = useApiMutation(createHelpLink);
  const days = q.data?.days ?? [];
  const today = days[days.length - 1];
  const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
  const link = links.data?.items.find((l) => l.areaId === area?.id);
  const option = {
    color: CHART_COLOURS,
    tooltip: { trigger: 'axis' },
    legend: { data: [t('help.closure.rate'), t('help.closure.received')] },
    grid: { left: 40, right: 40, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: days.map((d) => String(d.day).slice(5)) },
    yAxis: [
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', minInterval: 1 },
    ],
    series: [
      { name: t('help.closure.rate'), type: 'line', data: days.map((d) => pct(d.rate)) },
      { name: t('help.closure.received'), type: 'bar', yAxisIndex: 1, data: days.map((d) => d.received) },
    ],
  };
  const label = days.map((d) => `${String(d.day).slice(5)} ${d.closedWithin}/${d.received}`).join('，');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={12}>
        <Col xs={12} sm={6}>
          <Card size="small">
            <Statistic
              title={t('help.closure.today')}
              value={pct(today?.rate ?? null) ?? '—'}
              suffix={today?.rate !== null && today ? '%' : undefined}
              data-testid={q.data ? 'help-rate-today' : undefined}
            />
          </Card>
        </Col>
        <Col xs={12} sm={6}>
          <Card size="small">
            <Statistic title={t('help.closure.receivedToday')} value={today?.received ?? 0} />
          </Card>
        </Col>
        {q.data?.backlog.map((b) => (
          <Col xs={12} sm={3} key={b.bucket}>
            <Card size="small">
              <Statistic title={t(`help.closure.${b.bucket}`)} value={b.open} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('help.closure.title')}>
        <EChart option={option} testId="help-closure-chart" label={`${t('help.closure.title')}：${label}`} />
      </Card>
      <Card size="small" title={t('help.advance.owed')} extra={owed.data ? t('help.advance.owedTotal', { total: owed.data.totalYuan.toFixed(2) }) : null}>
        {owed.data && !owed.data.items.length ? (
          <Typography.Text type="secondary">{t('help.advance.none')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={owed.data?.items ?? []}
            renderItem={(x) => (
              <List.Item key={x.id} extra={`¥${x.advanceYuan.toFixed(2)}`}>
                <Link to={`/help/requests/${x.id}`}>{x.code}</Link> · {x.areaName} · {x.delivererName ?? '—'}
              </List.Item>
            )}
            data-testid="help-advances"
          />
        )}
      </Card>
      <Card size="small" title={t('help.link.title')}>
        {link ? (
          <Typography.Text copyable data-testid="help-link">{`${window.location.origin}/ask/${link.token}`}</Typography.Text>
        ) : user?.permissions.includes('help.manage') && area ? (
          <Button onClick={() => void make.mutateAsync({ body: { areaId: area.id } })} data-testid="help-make-link">
            {t('help.link.make')}
          </Button>
        ) : (
          <Alert type="info" title={t('help.link.none')} />
        )}
      </Card>
    </Space>
  );
}
