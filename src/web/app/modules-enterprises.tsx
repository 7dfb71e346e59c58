/** The enterprises (复工复产) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { AuditOutlined, ShopOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const ENTERPRISE_PAGES: ModuleDef[] = [
  {
    path: '/enterprises',
    labelKey: 'nav.enterprises',
    icon: <ShopOutlined />,
    permission: 'enterprises.read',
    component: lazyPage(() => import('../modules/enterprises/EnterprisesPage')),
  },
  {
    // Applications waiting at the approver's step (town or county).
    path: '/enterprises/approvals',
    labelKey: 'nav.enterprisesApprovals',
    icon: <AuditOutlined />,
    permission: 'enterprises.approve',
    component: lazyPage(() => import('../modules/enterprises/ApprovalsPage')),
  },
  {
    path: '/enterprises/:id',
    labelKey: 'nav.enterprise',
    icon: <ShopOutlined />,
    permission: 'enterprises.read',
    component: lazyPage(() => import('../modules/enterprises/EnterprisePage')),
    inMenu: false,
  },
  {
    // The daily ledger's phone form.
    path: '/enterprises/:id/ledger',
    labelKey: 'nav.enterpriseLedger',
    icon: <ShopOutlined />,
    permission: 'enterprises.ledger',
    component: lazyPage(() => import('../modules/enterprises/LedgerFormPage')),
    inMenu: false,
  },
];
