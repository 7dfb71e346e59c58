/** Deployments as cards (works on a phone): place, area, dates, role, hours; a clash with another place is flagged; cancel where allowed. */
import { Button, Card, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ConflictList } from './ConflictList';
import type { Deployment } from '../../../domain/volunteers/api';

interface Props {
  items: Deployment[];
  title: string;
  emptyText: string;
  /** Offered on live deployments when given (those who may write). */
  onCancel?: (d: Deployment) => void;
}

export function DeploymentList({ items, title, emptyText, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} data-testid="deployments">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        <List
          dataSource={items}
          renderItem={(d) => (
            <List.Item
              data-testid="deployment"
              actions={
                onCancel && !d.cancelledAt
                  ? [
                      <Popconfirm key="cancel" title={t('volunteers.deploy.cancelConfirm', { place: d.place })} onConfirm={() => onCancel(d)}>
                        <Button size="small" type="link" danger>
                          {t('volunteers.deploy.cancel')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : undefined
              }
            >
              <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                <Space wrap size={6}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {d.place}
                  </Typography.Text>
                  {d.role && <Tag color="blue">{d.role}</Tag>}
                  {d.cancelledAt && <Tag>{t('volunteers.deploy.cancelled')}</Tag>}
                  {d.conflicts.length > 0 && (
                    <Tag color="warning" icon={<WarningOutlined />} data-testid="conflict-flag">
                      {t('volunteers.deploy.conflictFlag')}
                    </Tag>
                  )}
                </Space>
                <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                  {d.areaName}
                  {d.teamName ? ` · ${t('volunteers.deploy.withTeam', { team: d.teamName })}` : ''}
                </Typography.Text>
                <span>
                  {d.startsOn === d.endsOn ? d.startsOn : t('volunteers.deploy.range', { from: d.startsOn, to: d.endsOn })} ·{' '}
                  {t('volunteers.deploy.hours', { hours: d.hoursPerDay })}
                </span>
                {d.conflicts.length > 0 && <ConflictList conflicts={d.conflicts} />}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
