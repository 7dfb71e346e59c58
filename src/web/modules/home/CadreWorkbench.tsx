/**
 * The village cadre's workbench: the village's figures of today (the overview's, which the daily report shares),
 * then what needs them today — the red list, the day's report still to submit, roster changes waiting for them,
 * their own tasks.
 */
import { Alert, Card, Col, List, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FIGURE_COLUMNS, type FigureKey } from '../../../domain/reports/figures';
import { useAuth, useMe } from '../../app/auth';
import { getOverview, getReport, listRosterProposals } from '../../app/first-routes';
import { errorText } from '../../app/errors';
import { useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { BigLink } from './BigLink';
import { Inbox } from './Inbox';

const SHOWN: FigureKey[] = ['arrivals.today', 'measures.total', 'followUps.missed', 'alerts.open', 'visits.households'];
const DANGER = new Set<FigureKey>(['followUps.missed', 'alerts.open']);

export function CadreWorkbench() {
  const { t } = useTranslation();
  const lang = useLanguage() === 'en' ? 'en' : 'zh';
  const me = useMe();
  const { can } = useAuth();
  const overview = useApiQuery(getOverview, { query: {} }, { enabled: can('reports.read') });
  const report = useApiQuery(getReport, { query: { areaId: me.scope.id } }, { enabled: can('reports.read') });
  const proposals = useApiQuery(listRosterProposals, { query: { status: 'pending', pageSize: 1 } }, { enabled: can('residents.write') });
  const o = overview.data;
  const pendingProposals = proposals.data?.total ?? 0;
  const toSubmit = report.data?.village && report.data.status !== 'submitted' && can('reports.submit');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {overview.error && <Alert type="error" showIcon title={errorText(overview.error, t)} />}
      {overview.isPending && can('reports.read') && <Spin style={{ display: 'block', margin: '24px auto' }} />}
      {o && (
        <Card size="small" title={t('workbench.figuresOf', { name: o.area.name })} data-testid="wb-figures">
          <Row gutter={[12, 12]}>
            {o.figures &&
              SHOWN.map((key) => {
                const col = FIGURE_COLUMNS.find((c) => c.key === key)!;
                const value = o.figures![key];
                return (
                  <Col xs={12} sm={8} key={key}>
                    <Statistic
                      title={`${col.group[lang]} · ${col.name[lang]}`}
                      value={value}
                      styles={{ content: DANGER.has(key) && value ? { color: '#cf1322' } : undefined }}
                    />
                  </Col>
                );
              })}
            <Col xs={12} sm={8}>
              <Statistic title={t('workbench.tasksOverdue')} value={o.tasks.overdue} suffix={`/ ${o.tasks.open}`} />
            </Col>
          </Row>
        </Card>
      )}
      {toSubmit && (
        <BigLink to="/reports/daily" testId="wb-submit-report">
          {t('workbench.submitReport')}
        </BigLink>
      )}
      {pendingProposals > 0 && (
        <BigLink to="/screening/roster-proposals" primary={false} testId="wb-proposals">
          {t('workbench.proposals', { count: pendingProposals })}
        </BigLink>
      )}
      {o && o.attention.length > 0 && (
        <Card size="small" title={t('workbench.attention')} data-testid="wb-attention">
          <List
            size="small"
            dataSource={o.attention.slice(0, 5)}
            renderItem={(a) => (
              <List.Item>
                <Link to={a.link}>
                  <Space wrap size={4}>
                    <Tag color="red">{t(`workbench.attentionKind.${a.kind}`)}</Tag>
                    <Typography.Text>{a.title}</Typography.Text>
                    <Typography.Text type="secondary">{a.areaName}</Typography.Text>
                  </Space>
                </Link>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Inbox />
    </Space>
  );
}
