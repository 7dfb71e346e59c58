/** The help-request (群众求助 / 红色代办) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { CustomerServiceOutlined, FormOutlined, FundOutlined, PhoneOutlined, ShoppingOutlined } from '@ant-design/icons';
import type { ModuleDef, PublicPageDef } from './modules';

export const HELP_PAGES: ModuleDef[] = [
  {
    // 分拣看板: one board per step of a kind's pipeline, the longest-waiting first.
    path: '/help/board',
    labelKey: 'nav.helpBoard',
    icon: <CustomerServiceOutlined />,
    permission: 'help.read',
    component: lazyPage(() => import('../modules/help/HelpBoardPage')),
  },
  {
    // 登记求助: a phone call, a walk-in or a 12345 case recorded on someone's behalf; the hotline's list imported.
    path: '/help/new',
    labelKey: 'nav.helpRecord',
    icon: <FormOutlined />,
    permission: 'help.triage',
    component: lazyPage(() => import('../modules/help/HelpRecordPage')),
  },
  {
    path: '/help/requests/:id',
    labelKey: 'nav.helpRequest',
    icon: <CustomerServiceOutlined />,
    permission: 'help.read',
    component: lazyPage(() => import('../modules/help/HelpRequestPage')),
    inMenu: false,
  },
  {
    // 我的代办: the deliverer's phone list, with proof at the door.
    path: '/help/mine',
    labelKey: 'nav.helpMine',
    icon: <ShoppingOutlined />,
    permission: 'help.deliver',
    component: lazyPage(() => import('../modules/help/MyDeliveriesPage')),
  },
  {
    // 主动关怀: the day's care calls to people on the outreach lists, from a phone.
    path: '/help/outreach',
    labelKey: 'nav.helpOutreach',
    icon: <PhoneOutlined />,
    permission: 'help.deliver',
    component: lazyPage(() => import('../modules/help/OutreachPage')),
  },
  {
    // 办结率: the day's closure rate, the backlog by age, the area's public page link.
    path: '/help/closure',
    labelKey: 'nav.helpClosure',
    icon: <FundOutlined />,
    permission: 'help.read',
    component: lazyPage(() => import('../modules/help/HelpClosurePage')),
  },
];

export const HELP_PUBLIC_PAGES: PublicPageDef[] = [
  // The public help page, reached by an area's QR code or link; its lookup by tracking code.
  { path: '/ask/track/:code?', component: lazyPage(() => import('../modules/help/HelpTrackPage')) },
  { path: '/ask/:token', component: lazyPage(() => import('../modules/help/HelpPublicPage')) },
];
