/**
 * The signed-in shell: side menu (a Drawer under 768 px), header with area switcher, language
 * switch and user menu, the page under its breadcrumb trail, and a field role's bottom tab bar on a
 * phone. Nothing here may be wider than a 360 px phone.
 */
import { Button, Drawer, Grid, Layout, Spin } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useAuth } from './auth';
import { AreaSwitcher } from './components/AreaSwitcher';
import { LangSwitch } from './components/LangSwitch';
import { UserMenu } from './components/UserMenu';
import { isFieldRole } from './menu-groups';
import { BottomTabs, PageTrail, SideMenu, TAB_BAR_HEIGHT } from './Navigation';
import { PendingBadge } from './offline/PendingBadge';
import { viewportAtLeast } from './viewport';

const { Header, Sider, Content } = Layout;

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
  // Before antd's first measurement `md` is undefined: the viewport decides (viewport.ts), so a phone's first render
  // is already the phone's shell.
  const mobile = screens.md === undefined ? !viewportAtLeast(768) : screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const tabBar = mobile && isFieldRole(can);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} breakpoint="lg" style={{ position: 'sticky', top: 0, height: '100vh' }}>
          {/* The menu scrolls above the collapse button: on a short screen the last entry is never under it. */}
          <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
            <Brand collapsed={collapsed} />
            <div style={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden' }}>
              <SideMenu collapsed={collapsed} />
            </div>
          </div>
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
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
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
        <Content style={{ padding: mobile ? 8 : 24, paddingBottom: tabBar ? TAB_BAR_HEIGHT + 16 : undefined, minWidth: 0 }}>
          <PageTrail />
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
        {tabBar && <BottomTabs />}
      </Layout>
    </Layout>
  );
}
