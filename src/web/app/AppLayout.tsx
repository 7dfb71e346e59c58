/**
 * The signed-in shell: side menu (a Drawer under 768 px), header with area switcher, language
 * switch and user menu, and the page. Nothing here may be wider than a 360 px phone.
 */
import { Button, Drawer, Grid, Layout, Menu, Spin } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { AreaSwitcher } from './components/AreaSwitcher';
import { LangSwitch } from './components/LangSwitch';
import { UserMenu } from './components/UserMenu';
import { MODULES } from './modules';
import { PendingBadge } from './offline/PendingBadge';

const { Header, Sider, Content } = Layout;

const MENU_MODULES = MODULES.filter((m) => m.inMenu !== false);

function selectedKey(pathname: string): string {
  // Longest menu path that prefixes the location; '/' only matches itself. Pages outside the menu
  // (a resident's page) light up the menu item above them (the resident list).
  const hits = MENU_MODULES.filter((m) => (m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(m.path + '/')));
  return hits.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '';
}

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        paddingInline: 20,
        color: '#fff',
        fontWeight: 600,
        fontSize: 18,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <span
        aria-hidden
        style={{
          background: '#1677ff',
          borderRadius: 6,
          width: 28,
          height: 28,
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontSize: 15,
          flex: 'none',
        }}
      >
        网
      </span>
      {!collapsed && <span title={t('app.title')}>网格</span>}
    </div>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  // Before the first measurement `md` is undefined; assume desktop, as most first loads are.
  const mobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const items = useMemo(
    () =>
      MENU_MODULES.filter((m) => !m.permission || can(m.permission)).map((m) => ({
        key: m.path,
        icon: m.icon,
        label: t(m.labelKey),
      })),
    [can, t],
  );

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Brand />
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{
            background: '#fff',
            paddingInline: mobile ? 8 : 16,
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            gap: mobile ? 4 : 12,
            position: 'sticky',
            top: 0,
            zIndex: 10,
            boxShadow: '0 1px 4px rgba(0,21,41,.08)',
          }}
        >
          {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawerOpen(true)} />}
          <div style={{ flex: 1, minWidth: 0, display: 'flex' }}>
            <AreaSwitcher compact={mobile} />
          </div>
          <PendingBadge compact={mobile} />
          <LangSwitch compact={mobile} />
          <UserMenu compact={mobile} />
        </Header>
        <Content style={{ padding: mobile ? 8 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
