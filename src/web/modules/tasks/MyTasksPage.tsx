/**
 * "My tasks" on a phone: today's work (and anything overdue), overdue first, then by priority and time —
 * the server's order. A task finished here drops off the list; "later too" shows work due after today.
 */
import { Alert, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { TaskCard } from './TaskCard';
import type { Task } from './types';

export default function MyTasksPage() {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const [items, setItems] = useState<Task[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await api.get<{ items: Task[] }>('/api/tasks/mine', { all: all || undefined })).items);
    } catch (e) {
      setError(errorText(e, t));
    }
  }, [all, t]);

  useEffect(() => {
    void load();
  }, [load]);

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
        {items && (
          <Typography.Text type="secondary" data-testid="my-task-count">
            {t('tasks.mineCount', { count: items.length, overdue })}
          </Typography.Text>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!items && !error && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {items && !items.length && <Empty description={t('tasks.noneToday')} data-testid="no-tasks" />}
      {items?.map((task) => (
        <TaskCard
          key={task.id}
          task={task}
          onChanged={(r) => setItems((prev) => (prev ?? []).flatMap((x) => (x.id !== r.id ? [x] : r.status === 'done' || r.status === 'failed' ? [] : [r])))}
        />
      ))}
    </Space>
  );
}
