/** The mass-testing (全员核酸) pages of the menu, kept apart so modules.tsx stays a short list. */
import { lazyPage } from './lazy-page';
import { AlertOutlined, DashboardOutlined, ExperimentOutlined, FileDoneOutlined, InboxOutlined, QrcodeOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { ModuleDef } from './modules';

export const SAMPLING_PAGES: ModuleDef[] = [
  // 核酸轮次: rounds, their points and each point's staggered slot plan (stored, edited by hand, printed).
  {
    path: '/sampling/rounds',
    labelKey: 'nav.samplingRounds',
    icon: <ScheduleOutlined />,
    permission: 'sampling.read',
    component: lazyPage(() => import('../modules/sampling/RoundsPage')),
  },
  {
    path: '/sampling/rounds/:id',
    labelKey: 'nav.samplingRound',
    icon: <ScheduleOutlined />,
    permission: 'sampling.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/sampling/RoundPage')),
  },
  {
    path: '/sampling/rounds/:id/points/:pointId/slots',
    labelKey: 'nav.samplingSlots',
    icon: <ScheduleOutlined />,
    permission: 'sampling.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/sampling/SlotPlanPage')),
  },
  {
    // 采样登记台: one desk of a sampling point, with a scanner and its offline queue (phone or desktop).
    path: '/sampling/desk',
    labelKey: 'nav.samplingDesk',
    icon: <ExperimentOutlined />,
    permission: 'sampling.desk',
    component: lazyPage(() => import('../modules/sampling/DeskPage')),
  },
  {
    // 应检尽检: live coverage of a round per area level, drilled down by clicking; ?roundId=&under= in the URL.
    path: '/sampling/coverage',
    labelKey: 'nav.samplingCoverage',
    icon: <DashboardOutlined />,
    permission: 'sampling.read',
    component: lazyPage(() => import('../modules/sampling/CoveragePage')),
  },
  {
    path: '/sampling/rounds/:id/coverage',
    labelKey: 'nav.samplingCoverage',
    icon: <DashboardOutlined />,
    permission: 'sampling.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/sampling/CoverageRoundPage')),
  },
  {
    // 打印采样码: QR cards for people without a phone — one person, a household, or an area's elderly in batch.
    path: '/sampling/qr-cards',
    labelKey: 'nav.samplingQrCards',
    icon: <QrcodeOutlined />,
    permission: 'residents.read',
    component: lazyPage(() => import('../modules/sampling/QrCardsPage')),
  },
  {
    // 转运箱: boxes of a round at a point, packed by scanning tubes, handed to the courier with a count.
    path: '/sampling/boxes',
    labelKey: 'nav.samplingBoxes',
    icon: <InboxOutlined />,
    permission: 'sampling.read',
    component: lazyPage(() => import('../modules/sampling/BoxesPage')),
  },
  {
    // 检测结果: a lab's csv/xlsx or one result by hand; positives are traced back in the same call.
    path: '/sampling/lab',
    labelKey: 'nav.samplingLab',
    icon: <FileDoneOutlined />,
    permission: 'sampling.lab',
    component: lazyPage(() => import('../modules/sampling/LabPage')),
  },
  {
    // 阳性追踪: the people of a round's positive tubes, held first, refreshed every 20 s.
    path: '/sampling/rounds/:id/positives',
    labelKey: 'nav.samplingPositives',
    icon: <AlertOutlined />,
    permission: 'sampling.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/sampling/PositivesPage')),
  },
];
