/** The checkpoints (卡点) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { CalendarOutlined, CarOutlined, ClockCircleOutlined, SafetyOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const CHECKPOINT_PAGES: ModuleDef[] = [
  {
    // 卡点: the posts, today's figures per post and by hour.
    path: '/checkpoints/posts',
    labelKey: 'nav.checkpointPosts',
    icon: <SafetyOutlined />,
    permission: 'checkpoints.read',
    component: lazyPage(() => import('../modules/checkpoints/PostsPage')),
  },
  {
    // 卡点详情: one post's details, today, who is on duty, handovers, its QR code and latest crossings.
    path: '/checkpoints/posts/:id',
    labelKey: 'nav.checkpointPost',
    icon: <SafetyOutlined />,
    permission: 'checkpoints.read',
    component: lazyPage(() => import('../modules/checkpoints/PostPage')),
    inMenu: false,
  },
  {
    // 通行登记: the phone form with its plate keyboard, writing through the device's outbox.
    path: '/checkpoints/crossing',
    labelKey: 'nav.checkpointCrossing',
    icon: <CarOutlined />,
    permission: 'checkpoints.duty',
    component: lazyPage(() => import('../modules/checkpoints/CrossingPage')),
  },
  {
    path: '/checkpoints/roster',
    labelKey: 'nav.checkpointRoster',
    icon: <CalendarOutlined />,
    permission: 'checkpoints.read',
    component: lazyPage(() => import('../modules/checkpoints/RosterBoardPage')),
  },
  {
    path: '/checkpoints/my-shifts',
    labelKey: 'nav.checkpointMyShifts',
    icon: <ClockCircleOutlined />,
    permission: 'checkpoints.duty',
    component: lazyPage(() => import('../modules/checkpoints/MyShiftsPage')),
  },
];
