/**
 * "My tasks" on a phone: today's work (and anything overdue), overdue first, then by priority and time —
 * the server's order — or, for a round of house calls, by place (area, then the household's address) or by due
 * time. A task finished here drops off the list; "later too" shows work due after today.
 */
import { Alert, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { myTasks } from '../../../domain/tasks/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { TaskCard } from './TaskCard';
import { type SortKey, sortTasks } from './sort-tasks';

export default function MyTasksPage() {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const [sort, setSort] = useState<SortKey>('urgency');
  // A task started, done or failed here refetches the list (its mutations invalidate it): a closed one drops off.
  const mine = useApiQuery(myTasks, { query: { all: all ? 'true' : undefined } });
  const items = mine.data ? sortTasks(mine.data.items, sort) : undefined;
  const error = mine.error ? errorText(mine.error, t) : null;

  const overdue = items?.filter((x) => x.overdue).length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.myTasks')}
      </Typography.Title>
      <Space wrap>
        <Segmented<'today' | 'all'>
          value={all ? 'all' : 'today'}
          onChange={(v) => setAll(v === 'all')}
          options={[
            { value: 'today', label: t('tasks.today') },
            { value: 'all', label: t('tasks.laterToo') },
          ]}
        />
        <Segmented<SortKey>
          value={sort}
          onChange={setSort}
          data-testid="task-sort"
          options={[
            { value: 'urgency', label: t('tasks.sort.urgency') },
            { value: 'place', label: t('tasks.sort.place') },
            { value: 'due', label: t('tasks.sort.due') },
          ]}
        />
        {items && (
          <Typography.Text type="secondary" data-testid="my-task-count">
            {t('tasks.mineCount', { count: items.length, overdue })}
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {mine.isPending && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {items && !items.length && <Empty description={t('tasks.noneToday')} data-testid="no-tasks" />}
      {items?.map((task) => (
        <TaskCard key={task.id} task={task} />
      ))}
    </Space>
  );
}
