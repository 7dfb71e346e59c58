/**
 * The branch secretary's workbench: the applications waiting for their approval (报到审批) first, then their area's
 * volunteers and how many are on duty today, the teams where deployments are planned, and their own tasks. The
 * figures are the volunteer figures' (志愿者统计, the same route) for the secretary's area, today in the deployment's
 * zone as the server tells it.
 */
import { Alert, Card, Col, Row, Space, Spin, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { errorText } from '../../app/errors';
import { volunteerFigures } from '../../app/first-routes';
import { useApiQuery } from '../../app/query';
import { BigLink } from './BigLink';
import { Inbox } from './Inbox';

export function SecretaryWorkbench() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const figures = useApiQuery(volunteerFigures, { query: { under: me.scope.id } }, { enabled: can('volunteers.read') });
  const totals = figures.data?.totals;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {figures.error && <Alert type="error" showIcon title={errorText(figures.error, t)} />}
      {figures.isPending && can('volunteers.read') && <Spin style={{ display: 'block', margin: '24px auto' }} />}
      {totals && (
        <Card size="small" title={t('workbench.branchToday', { name: me.scope.name })} data-testid="wb-branch">
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={6}>
              <Statistic
                title={t('workbench.enlistmentsPending')}
                value={totals.pending}
                styles={{ content: totals.pending ? { color: '#cf1322' } : undefined }}
                data-testid="wb-pending"
              />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title={t('workbench.enlistmentsAll')} value={totals.enlisted} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title={t('workbench.volunteersActive')} value={totals.volunteers} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title={t('workbench.onDutyToday')} value={totals.onDuty} suffix={`/ ${totals.volunteers}`} data-testid="wb-on-duty" />
            </Col>
          </Row>
        </Card>
      )}
      {totals && can('enlist.approve') && (
        <BigLink to="/volunteers/enlistments" primary={totals.pending > 0} testId="wb-enlistments">
          {totals.pending > 0 ? t('workbench.approveEnlistments', { count: totals.pending }) : t('workbench.noEnlistmentsWaiting')}
        </BigLink>
      )}
      {can('volunteers.read') && (
        <BigLink to="/volunteers/teams" primary={false} testId="wb-teams">
          {t('workbench.teamsAndDeployments')}
        </BigLink>
      )}
      <Inbox />
    </Space>
  );
}
