/** The field work (消杀 · 宣传) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { ClearOutlined, FlagOutlined, NotificationOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const FIELDWORK_PAGES: ModuleDef[] = [
  {
    path: '/fieldwork/disinfection',
    labelKey: 'nav.fieldworkDisinfection',
    icon: <ClearOutlined />,
    permission: 'fieldwork.read',
    component: lazyPage(() => import('../modules/fieldwork/DisinfectionPage')),
  },
  {
    // The phone form: a job on the spot, or a planned one (?jobId=) recorded done.
    path: '/fieldwork/disinfection/new',
    labelKey: 'nav.fieldworkJob',
    icon: <ClearOutlined />,
    permission: 'fieldwork.record',
    component: lazyPage(() => import('../modules/fieldwork/JobFormPage')),
    inMenu: false,
  },
  {
    path: '/fieldwork/publicity',
    labelKey: 'nav.fieldworkPublicity',
    icon: <NotificationOutlined />,
    permission: 'fieldwork.read',
    component: lazyPage(() => import('../modules/fieldwork/PublicityPage')),
  },
  {
    path: '/fieldwork/publicity/new',
    labelKey: 'nav.fieldworkPublicityNew',
    icon: <NotificationOutlined />,
    permission: 'fieldwork.record',
    component: lazyPage(() => import('../modules/fieldwork/PublicityFormPage')),
    inMenu: false,
  },
  {
    path: '/fieldwork/campaigns',
    labelKey: 'nav.fieldworkCampaigns',
    icon: <FlagOutlined />,
    permission: 'fieldwork.read',
    component: lazyPage(() => import('../modules/fieldwork/CampaignsPage')),
  },
  {
    // A campaign's coverage and its phone checklist per household.
    path: '/fieldwork/campaigns/:id',
    labelKey: 'nav.fieldworkCampaign',
    icon: <FlagOutlined />,
    permission: 'fieldwork.read',
    component: lazyPage(() => import('../modules/fieldwork/CampaignPage')),
    inMenu: false,
  },
];
