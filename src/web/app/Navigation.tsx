/**
 * The shell's ways around: the side menu grouped by work and arranged by role (menu-groups.ts), the page's
 * breadcrumb trail, and a field role's bottom tab bar on a phone.
 */
import { Breadcrumb, Menu } from 'antd';
import {
  AppstoreOutlined,
  CarryOutOutlined,
  ContactsOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  HomeOutlined,
  QrcodeOutlined,
  SafetyOutlined,
  ScanOutlined,
  SearchOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, matchRoutes, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { type MenuGroup, type TabKey, arrangeMenu, fieldTabs, groupOf, menuPathOf, primaryGroup } from './menu-groups';
import { MODULES, type ModuleDef } from './modules';

const MENU_MODULES = MODULES.filter((m) => m.inMenu !== false);
const MENU_PATHS = MENU_MODULES.map((m) => m.path);

const GROUP_ICONS: Record<MenuGroup, ReactNode> = {
  overview: <DashboardOutlined />,
  residents: <ContactsOutlined />,
  control: <SafetyOutlined />,
  sampling: <ExperimentOutlined />,
  team: <TeamOutlined />,
  system: <SettingOutlined />,
};

const groupKey = (g: MenuGroup) => `group:${g}`;

/**
 * The side menu (desktop Sider or phone Drawer); `onNavigate` closes the drawer. Entries carry a tooltip with their
 * name only in a collapsed Sider, where the name is hidden: elsewhere antd's tooltip around every entry is work on
 * each cold load (a slow phone's first screen) that nobody ever sees.
 */
export function SideMenu({ onNavigate, collapsed = false }: { onNavigate?: () => void; collapsed?: boolean }) {
  const { t } = useTranslation();
  const { can, user } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const roles = user?.roles ?? [];
  const current = menuPathOf(location.pathname, MENU_PATHS);
  const currentGroup = current ? groupOf(current) : null;

  const nodes = useMemo(
    () =>
      arrangeMenu(
        MENU_MODULES.filter((m) => !m.permission || can(m.permission)),
        roles,
      ),
    [can, roles],
  );
  const items = useMemo(
    () =>
      nodes.map((n) =>
        n.kind === 'entry'
          ? { key: n.entry.path, icon: n.entry.icon, label: t(n.entry.labelKey) }
          : {
              key: groupKey(n.group),
              icon: GROUP_ICONS[n.group],
              label: t(`nav.groups.${n.group}`),
              children: n.entries.map((m) => ({ key: m.path, icon: m.icon, label: t(m.labelKey) })),
            },
      ),
    [nodes, t],
  );

  // The role's own group and the group of the page on screen start open; the person opens and closes the rest.
  const first = primaryGroup(roles);
  const [openKeys, setOpenKeys] = useState<string[]>(() => [first, currentGroup].filter((g): g is MenuGroup => !!g).map(groupKey));
  useEffect(() => {
    if (currentGroup) setOpenKeys((keys) => (keys.includes(groupKey(currentGroup)) ? keys : [...keys, groupKey(currentGroup)]));
  }, [currentGroup]);

  return (
    <Menu
      theme="dark"
      mode="inline"
      tooltip={collapsed ? undefined : false}
      items={items}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      selectedKeys={current ? [current] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}

/** The route a location matched (a record's page, a wizard), most specific first. */
function matchedModule(pathname: string): ModuleDef | null {
  const hit = matchRoutes(
    MODULES.map((m) => ({ path: m.path })),
    pathname,
  );
  const path = hit?.[hit.length - 1]?.route.path;
  return MODULES.find((m) => m.path === path) ?? null;
}

/** 工作台 › group › menu entry › the record's page. Nothing on the home page itself. */
export function PageTrail() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname === '/') return null;
  const page = matchedModule(pathname);
  const menuPath = menuPathOf(pathname, MENU_PATHS);
  const entry = menuPath ? MENU_MODULES.find((m) => m.path === menuPath) : undefined;
  const group = menuPath ? groupOf(menuPath) : null;
  const items: { title: ReactNode }[] = [
    {
      title: (
        <Link to="/" aria-label={t('nav.home')}>
          <HomeOutlined />
        </Link>
      ),
    },
  ];
  if (group) items.push({ title: t(`nav.groups.${group}`) });
  if (entry && entry !== page) items.push({ title: <Link to={entry.path}>{t(entry.labelKey)}</Link> });
  if (page) items.push({ title: t(page.labelKey) });
  return <Breadcrumb data-testid="page-trail" items={items} style={{ marginBottom: 12 }} />;
}

const TAB_ICONS: Record<TabKey, ReactNode> = {
  home: <AppstoreOutlined />,
  tasks: <CarryOutOutlined />,
  scan: <ScanOutlined />,
  lookup: <SearchOutlined />,
  me: <UserOutlined />,
};

export const TAB_BAR_HEIGHT = 56;

/** A field role's tabs at the bottom of a phone screen, within thumb reach. */
export function BottomTabs() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const tabs = fieldTabs(can);
  const active = menuPathOf(
    pathname,
    tabs.map((x) => x.path),
  );
  return (
    <nav
      data-testid="bottom-tabs"
      aria-label={t('nav.tabBar')}
      style={{
        position: 'fixed',
        insetInline: 0,
        bottom: 0,
        zIndex: 20,
        height: `calc(${TAB_BAR_HEIGHT}px + env(safe-area-inset-bottom))`,
        paddingBottom: 'env(safe-area-inset-bottom)',
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        display: 'flex',
      }}
    >
      {tabs.map((tab) => {
        const on = tab.path === active;
        return (
          <Link
            key={tab.key}
            to={tab.path}
            data-testid={`tab-${tab.key}`}
            aria-current={on ? 'page' : undefined}
            style={{
              flex: 1,
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              fontSize: 12,
              color: on ? '#1677ff' : 'rgba(0,0,0,.65)',
            }}
          >
            <span style={{ fontSize: 20, lineHeight: 1 }}>{tab.key === 'scan' ? <QrcodeOutlined /> : TAB_ICONS[tab.key]}</span>
            {t(`nav.tabs.${tab.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}
