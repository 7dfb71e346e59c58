/** The sampler's workbench: the desk one tap away, and the home-sampling visits of today. */
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../domain/tasks/api';
import { BigLink } from './BigLink';
import { Inbox } from './Inbox';

const isHomeSampling = (task: Task) => task.type === 'home_sampling';

export function SamplerWorkbench() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BigLink to="/sampling/desk" testId="wb-desk">
        {t('workbench.openDesk')}
      </BigLink>
      <Inbox pick={isHomeSampling} nextLabel={t('workbench.homeSampling')} />
    </Space>
  );
}
