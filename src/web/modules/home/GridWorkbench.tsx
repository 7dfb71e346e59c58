/** The grid worker's workbench: today's visits first — the next household one tap away — then the rest of the inbox. */
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../domain/tasks/api';
import { BigLink } from './BigLink';
import { Inbox } from './Inbox';

const isVisit = (task: Task) => task.subject?.kind === 'screening_target';

export function GridWorkbench() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Inbox pick={isVisit} nextLabel={t('workbench.visits')} />
      <BigLink to="/reports/daily" primary={false} testId="wb-report">
        {t('workbench.villageReport')}
      </BigLink>
    </Space>
  );
}
