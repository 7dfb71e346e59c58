import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { DesktopOutlined, KeyOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth';
import { ChangePasswordModal } from './ChangePasswordModal';

/** The header's account menu: who I am, change password, my sessions, log out here or on every device. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);

  const leave = async (everywhere: boolean) => {
    await logout(everywhere).catch(() => {});
    navigate('/login', { replace: true });
  };

  const items: MenuProps['items'] = [
    { key: 'who', disabled: true, label: <span>{t('user.signedInAs', { name: me.displayName, username: me.username })}</span> },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('user.changePassword')}</span> },
    { key: 'sessions', icon: <DesktopOutlined />, label: <span data-testid="my-sessions">{t('user.mySessions')}</span> },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('user.logout')}</span> },
    { key: 'logout-all', icon: <PoweroffOutlined />, label: <span data-testid="logout-all">{t('user.logoutAll')}</span> },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') setChanging(true);
    if (key === 'sessions') navigate('/account/sessions');
    if (key === 'logout') void leave(false);
    if (key === 'logout-all') void leave(true);
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button data-testid="user-menu" type="text" aria-label={t('user.menu')} style={{ paddingInline: 4, maxWidth: compact ? 40 : 200 }}>
          <Avatar size="small" icon={<UserOutlined />} />
          {!compact && <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.displayName}</span>}
        </Button>
      </Dropdown>
      {changing && <ChangePasswordModal onClose={() => setChanging(false)} />}
    </>
  );
}
