/**
 * A branch's enlistment link and its QR code (antd's QRCode, already part of antd), to print or show
 * on a phone; copy the link, or issue a new one (the old code then stops working).
 */
import { App, Button, Card, Popconfirm, QRCode, Space, Typography } from 'antd';
import { CopyOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { type Org, rotateEnlistToken } from '../../../domain/volunteers/api';

export function enlistUrl(token: string): string {
  return `${window.location.origin}/enlist/${encodeURIComponent(token)}`;
}

export function EnlistLinkCard({ org, canRotate, onRotated }: { org: Org; canRotate: boolean; onRotated: () => void }) {
  const { t } = useTranslation();
  const rotateToken = useApiMutation(rotateEnlistToken);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!org.enlistToken) return null;
  const url = enlistUrl(org.enlistToken);
  const open = !org.closedAt;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      message.success(t('volunteers.org.copied'));
    } catch {
      message.info(url);
    }
  };
  const rotate = async () => {
    setBusy(true);
    try {
      await rotateToken.mutateAsync({ params: { id: org.id } });
      onRotated();
      message.success(t('volunteers.org.rotated'));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('volunteers.org.enlistLink')} data-testid="enlist-link-card">
      <Space orientation="vertical" align="center" style={{ width: '100%' }}>
        <QRCode value={url} status={open ? 'active' : 'expired'} size={168} errorLevel="M" bordered={false} />
        <Typography.Text style={{ overflowWrap: 'anywhere', textAlign: 'center' }} data-testid="enlist-link">
          {url}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          {open ? t('volunteers.org.enlistHint') : t('volunteers.org.enlistClosed')}
        </Typography.Text>
        <Space wrap>
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('volunteers.org.copy')}
          </Button>
          {canRotate && open && (
            <Popconfirm title={t('volunteers.org.rotateConfirm')} onConfirm={() => void rotate()}>
              <Button icon={<ReloadOutlined />} loading={busy}>
                {t('volunteers.org.rotate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}
