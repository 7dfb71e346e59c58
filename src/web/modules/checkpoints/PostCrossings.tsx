/** The post's latest crossings, newest first — masked by the server as every list of people is. */
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { listCrossings } from '../../../domain/checkpoints/api';
import { useApiQuery } from '../../app/query';

const RED = new Set(['turned_back', 'handed_over']);

export function PostCrossings({ postId }: { postId: number }) {
  const { t } = useTranslation();
  const list = useApiQuery(listCrossings, { query: { postId, limit: 10 } });
  return (
    <Card size="small" title={t('checkpoints.post.recent')} data-testid="post-crossings">
      <List
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.post.noCrossings')} /> }}
        renderItem={(c) => (
          <List.Item data-testid="post-crossing" style={{ display: 'block' }}>
            <Space size={4} wrap>
              <Typography.Text type="secondary">{dayjs(c.at).format('MM-DD HH:mm')}</Typography.Text>
              <Tag>{t(`checkpoints.direction.${c.direction}`)}</Tag>
              <Typography.Text strong>{c.plate ?? (c.vehicleType ? t('checkpoints.post.plateRemoved') : t('checkpoints.post.onFootShort'))}</Typography.Text>
              <Tag color={RED.has(c.decision) ? 'red' : 'green'}>{t(`checkpoints.decision.${c.decision}`)}</Tag>
              {c.flagged > 0 && <Tag color="red">{t('checkpoints.crossing.fever', { count: c.flagged })}</Tag>}
            </Space>
            <div style={{ overflowWrap: 'anywhere' }}>
              <Typography.Text type="secondary">
                {t('checkpoints.post.people', { count: c.people.length })}
                {c.people.some((p) => p.name) ? ` · ${c.people.map((p) => p.name ?? '—').join('、')}` : ''}
                {c.originName ? ` · ${c.originName}` : ''}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
