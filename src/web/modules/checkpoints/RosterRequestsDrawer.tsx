/** 待处理申请 beside the board: the open swap and leave requests under the area, with a count badge; a cadre decides them here. */
import { Badge, Button, Drawer, Empty } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listRosterRequests } from '../../../domain/checkpoints/api-requests';
import { useAuth } from '../../app/auth';
import { useApiQuery } from '../../app/query';
import { RosterRequestCard } from './RosterRequestCard';

export function RosterRequestsDrawer({ under }: { under: number | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const requests = useApiQuery(listRosterRequests, { query: { status: 'open', ...(under ? { under } : {}) } });
  const items = requests.data?.items ?? [];
  return (
    <>
      <Badge count={requests.data?.total ?? 0} size="small">
        <Button onClick={() => setOpen(true)} data-testid="roster-requests-button">
          {t('checkpoints.requests.badge')}
        </Button>
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('checkpoints.requests.title')} size="large">
        {items.length === 0 && <Empty description={t('checkpoints.requests.none')} />}
        {items.map((r) => (
          <RosterRequestCard key={r.id} request={r} as={can('checkpoints.manage') ? 'cadre' : 'viewer'} />
        ))}
      </Drawer>
    </>
  );
}
