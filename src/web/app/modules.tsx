/**
 * The modules shown in the side menu and their routes. A new module adds one entry here;
 * the menu item and the route both appear only for users holding `permission`. Pages reached from
 * another page (a record, a wizard) are routes with `inMenu: false`.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, ContactsOutlined, HomeOutlined, SafetyCertificateOutlined, SearchOutlined, TeamOutlined } from '@ant-design/icons';

export interface ModuleDef {
  path: string;
  /** i18n key of the menu label. */
  labelKey: string;
  icon: ReactNode;
  permission?: string;
  component: LazyExoticComponent<ComponentType>;
  /** false: a route only (the page is reached from another page). */
  inMenu?: boolean;
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
    path: '/residents',
    labelKey: 'nav.residents',
    icon: <ContactsOutlined />,
    permission: 'residents.read',
    component: lazy(() => import('../modules/residents/ResidentsPage')),
  },
  {
    path: '/residents/lookup',
    labelKey: 'nav.residentLookup',
    icon: <SearchOutlined />,
    permission: 'residents.read',
    component: lazy(() => import('../modules/residents/LookupPage')),
  },
  {
    path: '/residents/duplicates',
    labelKey: 'nav.residentDuplicates',
    icon: <ContactsOutlined />,
    permission: 'residents.write',
    inMenu: false,
    component: lazy(() => import('../modules/residents/DuplicatesPage')),
  },
  {
    path: '/residents/import',
    labelKey: 'nav.residentImport',
    icon: <ContactsOutlined />,
    permission: 'residents.import',
    inMenu: false,
    component: lazy(() => import('../modules/residents/ImportPage')),
  },
  {
    path: '/residents/households/:id',
    labelKey: 'nav.household',
    icon: <ContactsOutlined />,
    permission: 'residents.read',
    inMenu: false,
    component: lazy(() => import('../modules/residents/HouseholdPage')),
  },
  {
    path: '/residents/:id',
    labelKey: 'nav.resident',
    icon: <ContactsOutlined />,
    permission: 'residents.read',
    inMenu: false,
    component: lazy(() => import('../modules/residents/ResidentPage')),
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
