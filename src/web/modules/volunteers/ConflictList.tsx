/** "Also at …": the other deployments of the same person over overlapping days (a place outside one's scope shows masked). */
import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../domain/volunteers/api';

export function ConflictList({ conflicts }: { conflicts: Conflict[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={conflicts}
      data-testid="conflicts"
      renderItem={(c) => (
        <List.Item>
          <Typography.Text type="warning">
            {t('volunteers.deploy.conflictLine', {
              name: c.volunteerName,
              place: c.place ?? t('volunteers.deploy.elsewhere'),
              area: c.areaName,
              from: c.startsOn,
              to: c.endsOn,
            })}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
