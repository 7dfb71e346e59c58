/** Tasks per child area or per person, drawn as bars: open (blue, overdue part red) and done (green). */
import { Alert, Card, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TaskCount, taskCounts } from '../../../domain/tasks/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';

function label(row: TaskCount, by: 'area' | 'person', t: (k: string, o?: Record<string, unknown>) => string): string {
  if (row.name) return row.name;
  const key = String(row.key ?? '');
  // By area, an empty key is the chosen area itself (tasks not under one of its children).
  if (by === 'area') return key ? `#${key}` : t('tasks.atThisLevel');
  if (key.startsWith('role:')) return t('tasks.byRole', { role: t(`tasks.role.${key.slice(5)}`, { defaultValue: key.slice(5) }) });
  if (key.startsWith('team:')) return t('tasks.byTeam', { id: key.slice(5) });
  return t('tasks.unassigned');
}

/** Refetched after every task write (the mutations invalidate what is shown). */
export function CountBars({ under }: { under?: number }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'area' | 'person'>('area');
  const counts = useApiQuery(taskCounts, { query: { under, by } });
  const rows = counts.data?.items;
  const error = counts.error ? errorText(counts.error, t) : null;

  const max = Math.max(1, ...(rows ?? []).map((r) => r.open + r.done));
  return (
    <Card
      size="small"
      title={t('tasks.counts')}
      extra={
        <Segmented<'area' | 'person'>
          size="small"
          value={by}
          onChange={setBy}
          options={[
            { value: 'area', label: t('tasks.byArea') },
            { value: 'person', label: t('tasks.byPerson') },
          ]}
          data-testid="counts-by"
        />
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {counts.isPending && <Spin />}
      {rows && !rows.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.noCounts')} />}
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="task-counts">
        {rows?.map((r) => (
          <div key={String(r.key)}>
            <Space size={8} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text>{label(r, by, t)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tasks.countLine', { open: r.open, overdue: r.overdue, done: r.done })}
              </Typography.Text>
            </Space>
            <div style={{ display: 'flex', height: 8, borderRadius: 4, background: '#f0f0f0', overflow: 'hidden' }} aria-hidden>
              <div style={{ width: `${(r.overdue / max) * 100}%`, background: '#cf1322' }} />
              <div style={{ width: `${((r.open - r.overdue) / max) * 100}%`, background: '#1677ff' }} />
              <div style={{ width: `${(r.done / max) * 100}%`, background: '#52c41a' }} />
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}
