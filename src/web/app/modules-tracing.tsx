/** The contact-tracing (流调) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { NodeIndexOutlined } from '@ant-design/icons';
import type { ModuleDef, PublicPageDef } from './modules';

export const TRACING_PAGES: ModuleDef[] = [
  {
    // 流调病例: cases in scope, names masked.
    path: '/tracing/cases',
    labelKey: 'nav.tracingCases',
    icon: <NodeIndexOutlined />,
    permission: 'tracing.read',
    component: lazyPage(() => import('../modules/tracing/CasesPage')),
  },
  {
    // A case's page: its trajectory (line list) and contacts (from the registry, placed under their measures).
    path: '/tracing/cases/:id',
    labelKey: 'nav.tracingCase',
    icon: <NodeIndexOutlined />,
    permission: 'tracing.read',
    component: lazyPage(() => import('../modules/tracing/CasePage')),
    inMenu: false,
  },
  {
    // 传播链: chains with a person in scope, one drawn (cytoscape) as relations or a timeline.
    path: '/tracing/chains',
    labelKey: 'nav.tracingChains',
    icon: <NodeIndexOutlined />,
    permission: 'tracing.read',
    component: lazyPage(() => import('../modules/tracing/ChainsPage')),
  },
  {
    // 接触者看板: contacts across cases by state, bulk actions, assist requests (协查) out and answered.
    path: '/tracing/contacts',
    labelKey: 'nav.tracingBoard',
    icon: <NodeIndexOutlined />,
    permission: 'tracing.read',
    component: lazyPage(() => import('../modules/tracing/ContactsBoardPage')),
  },
  {
    // 场所码: venues of an area, their printable codes and (masked) visits.
    path: '/tracing/venues',
    labelKey: 'nav.tracingVenues',
    icon: <NodeIndexOutlined />,
    permission: 'tracing.read',
    component: lazyPage(() => import('../modules/tracing/VenuesPage')),
  },
];

export const TRACING_PUBLIC_PAGES: PublicPageDef[] = [
  // A venue's scan page, reached by its printed code, no account.
  { path: '/venue/:token', component: lazyPage(() => import('../modules/tracing/VenueScanPage')) },
];
