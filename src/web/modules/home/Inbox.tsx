/**
 * The inbox on a workbench: today's count and the overdue ones, the next action as one big button (overdue first —
 * the server's order), and the first few tasks as cards. `pick` narrows it to the role's own kind of work (a grid
 * worker's visits, a sampler's home sampling); `nextLabel` names that work on the button.
 */
import { Alert, Button, Card, Empty, Space, Spin, Statistic } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task } from '../../../domain/tasks/api';
import { myTasks } from '../../app/first-routes';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { TaskCard } from '../tasks/TaskCard';
import { subjectPath } from '../tasks/labels';
import { taskTitle } from '../tasks/task-title';
import { BigLink } from './BigLink';

const SHOWN = 3;

export function Inbox({ pick, nextLabel }: { pick?: (task: Task) => boolean; nextLabel?: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const mine = useApiQuery(myTasks, { query: {} }, { enabled: can('tasks.work') });
  const items = mine.data?.items;
  if (!can('tasks.work')) return null;
  if (mine.error) return <Alert type="error" showIcon title={errorText(mine.error, t)} />;
  if (!items) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  const overdue = items.filter((x) => x.overdue).length;
  // The most pressing task of the role's own kind, else the most pressing of all.
  const next = (pick && items.find(pick)) || items.find((x) => subjectPath(x.subject));
  const nextPath = next ? subjectPath(next.subject) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space size={32} wrap>
          <Statistic title={t('workbench.today')} value={items.length} data-testid="wb-task-count" />
          <Statistic
            title={t('workbench.overdue')}
            value={overdue}
            styles={{ content: { color: overdue ? '#cf1322' : undefined } }}
            data-testid="wb-overdue-count"
          />
          {pick && <Statistic title={nextLabel} value={items.filter(pick).length} data-testid="wb-own-count" />}
        </Space>
      </Card>
      {next && nextPath ? (
        <BigLink to={nextPath} danger={next.overdue || next.priority === 'urgent'} testId="wb-next">
          <span style={{ display: 'block', fontSize: 12, opacity: 0.85 }}>{t('workbench.next')}</span>
          <span style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' }}>{taskTitle(next, t)}</span>
        </BigLink>
      ) : (
        items.length === 0 && <Empty description={t('tasks.noneToday')} data-testid="wb-no-tasks" />
      )}
      {items.slice(0, SHOWN).map((task) => (
        <TaskCard key={task.id} task={task} />
      ))}
      {items.length > 0 && (
        <Link to="/me/tasks" data-testid="wb-all-tasks">
          <Button block size="large">
            {t('workbench.allTasks', { count: items.length })} <RightOutlined />
          </Button>
        </Link>
      )}
    </Space>
  );
}
