/** The vaccination outreach (疫苗接种动员) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { CarOutlined, MedicineBoxOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const VACCINATION_PAGES: ModuleDef[] = [
  {
    // The working list: who is due, by band and state; a phone shows cards.
    path: '/vaccination',
    labelKey: 'nav.vaccination',
    icon: <MedicineBoxOutlined />,
    permission: 'vaccination.read',
    component: lazyPage(() => import('../modules/vaccination/OutreachPage')),
  },
  {
    path: '/vaccination/people/:id',
    labelKey: 'nav.vaccinationCard',
    icon: <MedicineBoxOutlined />,
    permission: 'vaccination.read',
    component: lazyPage(() => import('../modules/vaccination/PersonPage')),
    inMenu: false,
  },
  {
    // A village's day of rides, printable.
    path: '/vaccination/rides',
    labelKey: 'nav.vaccinationRides',
    icon: <CarOutlined />,
    permission: 'vaccination.read',
    component: lazyPage(() => import('../modules/vaccination/RidePlanPage')),
  },
];
