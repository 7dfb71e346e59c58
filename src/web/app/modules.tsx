/**
 * The modules shown in the side menu and their routes. A new module adds one entry here;
 * the menu item and the route both appear only for users holding `permission`.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, HomeOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';

export interface ModuleDef {
  path: string;
  /** i18n key of the menu label. */
  labelKey: string;
  icon: ReactNode;
  permission?: string;
  component: LazyExoticComponent<ComponentType>;
}

export const MODULES: ModuleDef[] = [
  { path: '/', labelKey: 'nav.home', icon: <HomeOutlined />, component: lazy(() => import('../modules/home/HomePage')) },
  {
    path: '/areas',
    labelKey: 'nav.areas',
    icon: <ApartmentOutlined />,
    permission: 'areas.read',
    component: lazy(() => import('../modules/areas/AreasPage')),
  },
  {
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    permission: 'users.read',
    component: lazy(() => import('../modules/users/UsersPage')),
  },
  {
    path: '/admin/roles',
    labelKey: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    permission: 'roles.write',
    component: lazy(() => import('../modules/roles/RolesPage')),
  },
  {
    path: '/admin/audit',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    component: lazy(() => import('../modules/audit/AuditPage')),
  },
];
