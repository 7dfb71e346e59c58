/**
 * The header's mark of the device's waiting writes: "待同步 N" while any wait, "离线" while the browser has no
 * network, nothing otherwise. A tap sends what waits at once. It also starts the outbox for the signed-in user.
 */
import { Button, Tooltip } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth';
import { startOutbox, syncNow } from './runtime';
import { useOnline, usePendingWrites } from './use-outbox';

export function PendingBadge({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  useEffect(() => {
    startOutbox(me.id);
    return () => startOutbox(null);
  }, [me.id]);
  const pending = usePendingWrites();
  const online = useOnline();
  if (online && pending.length === 0) return null;
  const text = pending.length ? t(compact ? 'outbox.pendingShort' : 'outbox.pending', { count: pending.length }) : t('outbox.offline');
  return (
    <Tooltip title={online ? t('outbox.syncHint') : t('outbox.offlineHint')}>
      <Button
        type="text"
        size="small"
        data-testid="pending-writes"
        data-count={pending.length}
        icon={online ? <CloudSyncOutlined /> : <DisconnectOutlined />}
        style={{ color: online ? '#1677ff' : '#d46b08', paddingInline: 4 }}
        onClick={() => void syncNow()}
      >
        {text}
      </Button>
    </Tooltip>
  );
}
