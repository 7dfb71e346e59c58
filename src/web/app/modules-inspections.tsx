/** The inspections (督导检查 · 整改) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { AuditOutlined, CheckSquareOutlined, OrderedListOutlined, ToolOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const INSPECTION_PAGES: ModuleDef[] = [
  {
    path: '/inspections',
    labelKey: 'nav.inspections',
    icon: <AuditOutlined />,
    permission: 'inspections.read',
    component: lazyPage(() => import('../modules/inspections/InspectionsPage')),
  },
  {
    // The phone form: one card per item, a photo on each failure.
    path: '/inspections/new',
    labelKey: 'nav.inspectionsNew',
    icon: <AuditOutlined />,
    permission: 'inspections.inspect',
    component: lazyPage(() => import('../modules/inspections/InspectFormPage')),
    inMenu: false,
  },
  {
    path: '/inspections/:id',
    labelKey: 'nav.inspection',
    icon: <AuditOutlined />,
    permission: 'inspections.read',
    component: lazyPage(() => import('../modules/inspections/InspectionPage')),
    inMenu: false,
  },
  {
    // 整改台账: orders in scope, overdue first.
    path: '/inspections/rectifications',
    labelKey: 'nav.inspectionsRectifications',
    icon: <ToolOutlined />,
    permission: 'inspections.read',
    component: lazyPage(() => import('../modules/inspections/RectificationsPage')),
  },
  {
    // An order's phone page: the unit reports it done, an inspector re-inspects.
    path: '/inspections/rectifications/:id',
    labelKey: 'nav.inspectionsRectification',
    icon: <ToolOutlined />,
    permission: 'inspections.read',
    component: lazyPage(() => import('../modules/inspections/RectificationPage')),
    inMenu: false,
  },
  {
    path: '/inspections/league',
    labelKey: 'nav.inspectionsLeague',
    icon: <OrderedListOutlined />,
    permission: 'inspections.read',
    component: lazyPage(() => import('../modules/inspections/LeaguePage')),
  },
  {
    path: '/inspections/checklists',
    labelKey: 'nav.inspectionsChecklists',
    icon: <CheckSquareOutlined />,
    permission: 'inspections.read',
    component: lazyPage(() => import('../modules/inspections/ChecklistsPage')),
  },
];
