import { Alert, App, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { endMySession, endOtherSessions, listMySessions, type MySession } from '../../../domain/auth/api';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { deviceName } from './device';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/**
 * "My sessions": every device signed in to this account, with its address and last use; any of them can be
 * ended here (a phone left at the office, a shared computer), or all but this one at once.
 */
export default function SessionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sessions = useApiQuery(listMySessions);
  const endOne = useApiMutation(endMySession, { invalidates: [listMySessions] });
  const endOthers = useApiMutation(endOtherSessions, { invalidates: [listMySessions] });
  const items = sessions.data?.items ?? [];
  const others = items.filter((s) => !s.current).length;

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      message.success(t('sessions.ended'));
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Card
      title={t('sessions.title')}
      extra={
        <Popconfirm title={t('sessions.endOthersConfirm')} onConfirm={() => run(() => endOthers.mutateAsync({}))} disabled={others === 0}>
          <Button data-testid="sessions-end-others" danger disabled={others === 0} loading={endOthers.isPending}>
            {t('sessions.endOthers')}
          </Button>
        </Popconfirm>
      }
    >
      <Typography.Paragraph type="secondary">{t('sessions.hint')}</Typography.Paragraph>
      {sessions.error && <Alert type="error" showIcon title={errorText(sessions.error, t)} />}
      <List<MySession>
        data-testid="sessions-list"
        loading={sessions.isPending}
        dataSource={items}
        rowKey="id"
        renderItem={(s) => (
          <List.Item
            data-testid="session-row"
            actions={
              s.current
                ? []
                : [
                    <Popconfirm key="end" title={t('sessions.endConfirm')} onConfirm={() => run(() => endOne.mutateAsync({ params: { sessionId: s.id } }))}>
                      <Button data-testid="session-end" size="small" danger>
                        {t('sessions.end')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={<DesktopOutlined style={{ fontSize: 20, marginTop: 4 }} />}
              title={
                <Space wrap size={4}>
                  <span>{deviceName(s.userAgent) ?? t('sessions.unknownDevice')}</span>
                  {s.current && <Tag color="blue">{t('sessions.current')}</Tag>}
                </Space>
              }
              description={
                <Space orientation="vertical" size={0}>
                  <span>{t('sessions.address', { address: s.clientIp ?? '—' })}</span>
                  <span>{t('sessions.lastSeen', { at: when(s.lastSeenAt) })}</span>
                  <span>{t('sessions.signedIn', { at: when(s.createdAt) })}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
