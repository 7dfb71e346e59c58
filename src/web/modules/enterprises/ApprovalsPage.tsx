/** Applications to resume waiting at the caller's step (the town's or the county's), oldest first. */
import { Alert, Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listApplications } from '../../../domain/enterprises/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { when } from './labels';

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const q = useApiQuery(listApplications, { query: { limit: 100, offset: 0 } });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.enterprisesApprovals')}
      </Typography.Title>
      {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} />}
      <Card size="small">
        <List
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprises.noPending')} /> }}
          renderItem={(a) => (
            <List.Item data-testid="approval-row">
              <Space orientation="vertical" size={0}>
                <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t(`enterprises.application.${a.status}`)} · {when(a.submittedAt)} · {a.submittedByName}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
