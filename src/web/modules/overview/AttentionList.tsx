import { Card, Empty, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Overview } from '../../../domain/overview/api';
import { taskTitle } from '../tasks/task-title';

const COLOUR = { fever_alert: 'red', positive_held: 'volcano', overdue_task: 'orange' } as const;

/** The red list: what needs someone now, each line a link to where it is handled. */
export function AttentionList({ o }: { o: Overview }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('overview.attention')}
      size="small"
      data-testid="attention"
      extra={<Tag color={o.attention.length ? 'red' : 'green'}>{o.attention.length}</Tag>}
    >
      {o.attention.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.nothingNeedsAction')} />
      ) : (
        <List
          size="small"
          dataSource={o.attention}
          renderItem={(a) => (
            <List.Item>
              <Link to={a.link} style={{ width: '100%' }}>
                <Tag color={COLOUR[a.kind]}>{t(`overview.kind.${a.kind}`)}</Tag>
                <Typography.Text>{a.task ? t('overview.overdueTask', { title: taskTitle(a.task, t) }) : a.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ float: 'right', fontSize: 12 }}>
                  {a.areaName} · {dayjs(a.at).format('MM-DD HH:mm')}
                </Typography.Text>
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
