/** The supplies and donations (物资与捐赠) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { GiftOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const SUPPLIES_PAGES: ModuleDef[] = [
  {
    // 仓库与库存: stores, stock with low-stock alerts, the catalogue.
    path: '/supplies/stores',
    labelKey: 'nav.suppliesStores',
    icon: <ShoppingCartOutlined />,
    permission: 'supplies.read',
    component: lazyPage(() => import('../modules/supplies/StoresPage')),
  },
  {
    // One store: the keeper's issue form (phone), receiving, labels, movements.
    path: '/supplies/stores/:id',
    labelKey: 'nav.suppliesStore',
    icon: <ShoppingCartOutlined />,
    permission: 'supplies.read',
    component: lazyPage(() => import('../modules/supplies/StorePage')),
    inMenu: false,
  },
  {
    // 捐赠台账
    path: '/supplies/donations',
    labelKey: 'nav.suppliesDonations',
    icon: <GiftOutlined />,
    permission: 'supplies.read',
    component: lazyPage(() => import('../modules/supplies/DonationsPage')),
  },
  {
    path: '/supplies/donations/:id',
    labelKey: 'nav.suppliesDonation',
    icon: <GiftOutlined />,
    permission: 'supplies.read',
    component: lazyPage(() => import('../modules/supplies/DonationPage')),
    inMenu: false,
  },
  {
    // 捐赠公示: the printable public list.
    path: '/supplies/disclosure',
    labelKey: 'nav.suppliesDisclosure',
    icon: <GiftOutlined />,
    permission: 'supplies.read',
    component: lazyPage(() => import('../modules/supplies/DisclosurePage')),
    inMenu: false,
  },
];
