/**
 * The administrator's workbench: what waits for them — users whose reveals and exports of personal data passed the
 * day's threshold (the disclosures watch), and people's requests to see or correct their data not yet answered —
 * then the users and the audit trail one tap away, and their own tasks. The disclosures watch is deployment-wide
 * policy, answered only at the top of the area tree (the server's `mustBeRoot`): an administrator below it is not
 * sent there at all.
 */
import { Card, Col, Row, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { getDisclosures, listRequests } from '../../app/first-routes';
import { useApiQuery } from '../../app/query';
import { BigLink } from './BigLink';
import { Inbox } from './Inbox';

const red = (n: number) => ({ content: n ? { color: '#cf1322' } : undefined });

export function AdminWorkbench() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const atTop = useMe().scope.parentId === null;
  const disclosures = useApiQuery(getDisclosures, { query: {} }, { enabled: atTop && can('audit.read') });
  const requests = useApiQuery(listRequests, { query: { status: 'open', limit: 1, offset: 0 } }, { enabled: can('lifecycle.requests') });
  const over = disclosures.data ? disclosures.data.items.filter((u) => u.total > disclosures.data.threshold.perDay).length : null;
  const open = requests.data?.total ?? null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {(over !== null || open !== null) && (
        <Card size="small" title={t('workbench.adminWaiting')} data-testid="wb-admin">
          <Row gutter={[12, 12]}>
            {over !== null && (
              <Col xs={12}>
                <Statistic title={t('workbench.disclosuresOver')} value={over} styles={red(over)} data-testid="wb-disclosures-over" />
              </Col>
            )}
            {open !== null && (
              <Col xs={12}>
                <Statistic title={t('workbench.requestsOpen')} value={open} styles={red(open)} data-testid="wb-requests-open" />
              </Col>
            )}
          </Row>
        </Card>
      )}
      {over !== null && (
        <BigLink to="/admin/disclosures" primary={over > 0} testId="wb-disclosures">
          {over > 0 ? t('workbench.reviewDisclosures', { count: over }) : t('workbench.disclosuresWatch')}
        </BigLink>
      )}
      {open !== null && open > 0 && (
        <BigLink to="/data-requests" testId="wb-requests">
          {t('workbench.answerRequests', { count: open })}
        </BigLink>
      )}
      {can('users.read') && (
        <BigLink to="/admin/users" primary={false} testId="wb-users">
          {t('workbench.manageUsers')}
        </BigLink>
      )}
      {can('audit.read') && (
        <BigLink to="/admin/audit" primary={false} testId="wb-audit">
          {t('workbench.auditTrail')}
        </BigLink>
      )}
      <Inbox />
    </Space>
  );
}
