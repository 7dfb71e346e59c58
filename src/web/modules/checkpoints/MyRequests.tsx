/** On 我的班次: swaps colleagues ask me to take (accept or decline), then my own requests (withdraw while open). */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { myRosterRequests } from '../../../domain/checkpoints/api-requests';
import { OPEN_REQUEST_STATUSES } from '../../../domain/checkpoints/kinds';
import { useApiQuery } from '../../app/query';
import { RosterRequestCard } from './RosterRequestCard';

export function MyRequests() {
  const { t } = useTranslation();
  const mine = useApiQuery(myRosterRequests);
  const asked = (mine.data?.asked ?? []).filter((r) => OPEN_REQUEST_STATUSES.includes(r.status));
  const made = mine.data?.made ?? [];
  return (
    <div data-testid="my-requests" style={{ marginTop: 16 }}>
      {asked.length > 0 && (
        <>
          <Typography.Title level={5}>{t('checkpoints.requests.asked')}</Typography.Title>
          {asked.map((r) => (
            <RosterRequestCard key={r.id} request={r} as="colleague" />
          ))}
        </>
      )}
      {made.length > 0 && (
        <>
          <Typography.Title level={5}>{t('checkpoints.requests.made')}</Typography.Title>
          {made.map((r) => (
            <RosterRequestCard key={r.id} request={r} as="requester" />
          ))}
        </>
      )}
    </div>
  );
}
