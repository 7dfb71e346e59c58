/** The risk-zone (风险区域) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { WarningOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const ZONES_PAGES: ModuleDef[] = [
  {
    // Zones in scope: level, countdown to lifting and the rule that blocks it.
    path: '/zones',
    labelKey: 'nav.zones',
    icon: <WarningOutlined />,
    permission: 'zones.read',
    component: lazyPage(() => import('../modules/zones/ZonesPage')),
  },
  {
    path: '/zones/:id',
    labelKey: 'nav.zone',
    icon: <WarningOutlined />,
    permission: 'zones.read',
    component: lazyPage(() => import('../modules/zones/ZonePage')),
    inMenu: false,
  },
  {
    // The sealed estate's board: households and needs (a captain's phone survey), deliveries, green channel.
    path: '/zones/:id/board',
    labelKey: 'nav.zoneBoard',
    icon: <WarningOutlined />,
    permission: 'zones.read',
    component: lazyPage(() => import('../modules/zones/EstateBoardPage')),
    inMenu: false,
  },
];
