/**
 * The modules shown in the side menu and their routes. A new module adds one entry here;
 * the menu item and the route both appear only for users holding `permission`. Pages reached from
 * another page (a record, a wizard) are routes with `inMenu: false`.
 */
import { SAMPLING_PAGES } from './modules-sampling';
import { CHECKPOINT_PAGES } from './modules-checkpoints';
import { TRACING_PAGES, TRACING_PUBLIC_PAGES } from './modules-tracing';
import { SUPPLIES_PAGES } from './modules-supplies';
import { ZONES_PAGES } from './modules-zones';
import { HELP_PAGES, HELP_PUBLIC_PAGES } from './modules-help';
import { INSPECTION_PAGES } from './modules-inspections';
import { FIELDWORK_PAGES } from './modules-fieldwork';
import { VACCINATION_PAGES } from './modules-vaccination';
import { ENTERPRISE_PAGES } from './modules-enterprises';
import { COMMAND_PAGES } from './modules-command';
import type { ReactNode } from 'react';
import { lazyPage, type PageComponent } from './lazy-page';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DeleteOutlined,
  CarryOutOutlined,
  ExperimentOutlined,
  EyeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FlagOutlined,
  HeartOutlined,
  HomeOutlined,
  InboxOutlined,
  InsuranceOutlined,
  LinkOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SearchOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';

export interface ModuleDef {
  path: string;
  /** i18n key of the menu label. */
  labelKey: string;
  icon: ReactNode;
  permission?: string;
  component: PageComponent;
  /** false: a route only (the page is reached from another page). */
  inMenu?: boolean;
}

/** Pages anyone may open without signing in (matched before the session is even asked for). */
export interface PublicPageDef {
  path: string;
  component: PageComponent;
}

export const PUBLIC_PAGES: PublicPageDef[] = [
  // A branch's enlistment form, reached by its QR code or link (报到 / 请战).
  { path: '/enlist/:token', component: lazyPage(() => import('../modules/volunteers/EnlistPage')) },
  ...HELP_PUBLIC_PAGES,
  ...TRACING_PUBLIC_PAGES,
];

export const MODULES: ModuleDef[] = [
  { path: '/', labelKey: 'nav.home', icon: <HomeOutlined />, component: lazyPage(() => import('../modules/home/HomePage')) },
  {
    path: '/overview',
    labelKey: 'nav.overview',
    icon: <DashboardOutlined />,
    permission: 'reports.read',
    component: lazyPage(() => import('../modules/overview/OverviewPage')),
  },
  {
    path: '/areas',
    labelKey: 'nav.areas',
    icon: <ApartmentOutlined />,
    permission: 'areas.read',
    component: lazyPage(() => import('../modules/areas/AreasPage')),
  },
  {
    path: '/residents',
    labelKey: 'nav.residents',
    icon: <ContactsOutlined />,
    permission: 'residents.read',
    component: lazyPage(() => import('../modules/residents/ResidentsPage')),
  },
  {
    path: '/residents/lookup',
    labelKey: 'nav.residentLookup',
    icon: <SearchOutlined />,
    permission: 'residents.read',
    component: lazyPage(() => import('../modules/residents/LookupPage')),
  },
  {
    path: '/residents/duplicates',
    labelKey: 'nav.residentDuplicates',
    icon: <ContactsOutlined />,
    permission: 'residents.write',
    inMenu: false,
    component: lazyPage(() => import('../modules/residents/DuplicatesPage')),
  },
  {
    path: '/residents/import',
    labelKey: 'nav.residentImport',
    icon: <ContactsOutlined />,
    permission: 'residents.import',
    inMenu: false,
    component: lazyPage(() => import('../modules/residents/ImportPage')),
  },
  {
    path: '/residents/households/:id',
    labelKey: 'nav.household',
    icon: <ContactsOutlined />,
    permission: 'residents.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/residents/HouseholdPage')),
  },
  {
    path: '/residents/:id',
    labelKey: 'nav.resident',
    icon: <ContactsOutlined />,
    permission: 'residents.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/residents/ResidentPage')),
  },
  {
    path: '/volunteers',
    labelKey: 'nav.volunteers',
    icon: <SolutionOutlined />,
    permission: 'volunteers.read',
    component: lazyPage(() => import('../modules/volunteers/VolunteersPage')),
  },
  {
    path: '/volunteers/enlistments',
    labelKey: 'nav.enlistments',
    icon: <UsergroupAddOutlined />,
    permission: 'enlist.approve',
    component: lazyPage(() => import('../modules/volunteers/EnlistmentsPage')),
  },
  {
    path: '/volunteers/orgs',
    labelKey: 'nav.partyOrgs',
    icon: <ClusterOutlined />,
    permission: 'volunteers.read',
    component: lazyPage(() => import('../modules/volunteers/OrgsPage')),
  },
  {
    path: '/volunteers/teams',
    labelKey: 'nav.teams',
    icon: <FlagOutlined />,
    permission: 'volunteers.read',
    component: lazyPage(() => import('../modules/volunteers/TeamsPage')),
  },
  {
    path: '/volunteers/links',
    labelKey: 'nav.householdLinks',
    icon: <LinkOutlined />,
    permission: 'volunteers.read',
    component: lazyPage(() => import('../modules/volunteers/LinksPage')),
  },
  {
    path: '/volunteers/figures',
    labelKey: 'nav.volunteerFigures',
    icon: <BarChartOutlined />,
    permission: 'volunteers.read',
    component: lazyPage(() => import('../modules/volunteers/FiguresPage')),
  },
  {
    path: '/volunteers/:id',
    labelKey: 'nav.volunteer',
    icon: <SolutionOutlined />,
    permission: 'volunteers.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/volunteers/VolunteerPage')),
  },
  {
    // A volunteer's own deployments, teams and households, on their phone; any signed-in account.
    path: '/me/assignments',
    labelKey: 'nav.myAssignments',
    icon: <ScheduleOutlined />,
    component: lazyPage(() => import('../modules/volunteers/MyAssignmentsPage')),
  },
  {
    // 我的任务: a person's work for today on their phone (tasks.work).
    path: '/me/tasks',
    labelKey: 'nav.myTasks',
    icon: <CarryOutOutlined />,
    permission: 'tasks.work',
    component: lazyPage(() => import('../modules/tasks/MyTasksPage')),
  },
  {
    path: '/tasks',
    labelKey: 'nav.tasks',
    icon: <UnorderedListOutlined />,
    permission: 'tasks.manage',
    component: lazyPage(() => import('../modules/tasks/TasksPage')),
  },
  {
    // The village doctor's list for today on a phone.
    path: '/monitoring/today',
    labelKey: 'nav.followUpsToday',
    icon: <HeartOutlined />,
    permission: 'followups.read',
    component: lazyPage(() => import('../modules/monitoring/DoctorTodayPage')),
  },
  {
    path: '/monitoring/alerts',
    labelKey: 'nav.feverAlerts',
    icon: <AlertOutlined />,
    permission: 'followups.read',
    component: lazyPage(() => import('../modules/monitoring/FeverAlertsPage')),
  },
  {
    path: '/monitoring/measures',
    labelKey: 'nav.measures',
    icon: <InsuranceOutlined />,
    permission: 'measures.read',
    component: lazyPage(() => import('../modules/monitoring/MeasuresPage')),
  },
  {
    path: '/monitoring/measures/new',
    labelKey: 'nav.measureNew',
    icon: <InsuranceOutlined />,
    permission: 'measures.write',
    inMenu: false,
    component: lazyPage(() => import('../modules/monitoring/ProposeMeasurePage')),
  },
  {
    path: '/monitoring/measures/:id',
    labelKey: 'nav.measure',
    icon: <InsuranceOutlined />,
    permission: 'measures.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/monitoring/MeasurePage')),
  },
  {
    path: '/monitoring/sites',
    labelKey: 'nav.isolationSites',
    icon: <ShopOutlined />,
    permission: 'measures.read',
    component: lazyPage(() => import('../modules/monitoring/SitesPage')),
  },
  {
    // 敲门行动: campaigns, progress per grid and the unvisited list; the visit form opens from a visit task.
    path: '/screening',
    labelKey: 'nav.screening',
    icon: <HomeOutlined />,
    permission: 'screening.read',
    component: lazyPage(() => import('../modules/screening/CampaignsPage')),
  },
  {
    path: '/screening/arrivals',
    labelKey: 'nav.arrivals',
    icon: <UsergroupAddOutlined />,
    permission: 'arrivals.read',
    component: lazyPage(() => import('../modules/screening/ArrivalsPage')),
  },
  {
    // Roster changes proposed by visits of people who may not change the registry: a cadre decides them.
    path: '/screening/roster-proposals',
    labelKey: 'nav.rosterProposals',
    icon: <UsergroupAddOutlined />,
    permission: 'residents.write',
    component: lazyPage(() => import('../modules/screening/ProposalsPage')),
  },
  {
    path: '/screening/risk-areas',
    labelKey: 'nav.riskAreas',
    icon: <FlagOutlined />,
    permission: 'riskareas.read',
    component: lazyPage(() => import('../modules/screening/RiskAreasPage')),
  },
  {
    path: '/screening/campaigns/:id',
    labelKey: 'nav.screeningCampaign',
    icon: <HomeOutlined />,
    permission: 'screening.read',
    inMenu: false,
    component: lazyPage(() => import('../modules/screening/CampaignPage')),
  },
  {
    path: '/screening/visit/:id',
    labelKey: 'nav.screeningVisit',
    icon: <HomeOutlined />,
    permission: 'screening.visit',
    inMenu: false,
    component: lazyPage(() => import('../modules/screening/VisitPage')),
  },
  ...SAMPLING_PAGES,
  ...CHECKPOINT_PAGES,
  ...TRACING_PAGES,
  ...SUPPLIES_PAGES,
  ...ZONES_PAGES,
  ...HELP_PAGES,
  ...INSPECTION_PAGES,
  ...FIELDWORK_PAGES,
  ...VACCINATION_PAGES,
  ...ENTERPRISE_PAGES,
  ...COMMAND_PAGES,
  {
    path: '/monitoring/policy',
    labelKey: 'nav.policy',
    icon: <ProfileOutlined />,
    permission: 'policy.read',
    component: lazyPage(() => import('../modules/monitoring/PolicyPage')),
  },
  {
    // The village daily report: submit / reopen, the workbook, the last 14 days.
    path: '/reports/daily',
    labelKey: 'nav.dailyReport',
    icon: <BarChartOutlined />,
    permission: 'reports.read',
    component: lazyPage(() => import('../modules/reports/ReportsPage')),
  },
  {
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    permission: 'users.read',
    component: lazyPage(() => import('../modules/users/UsersPage')),
  },
  {
    path: '/admin/roles',
    labelKey: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    permission: 'roles.write',
    component: lazyPage(() => import('../modules/roles/RolesPage')),
  },
  {
    path: '/admin/audit',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    component: lazyPage(() => import('../modules/audit/AuditPage')),
  },
  {
    // The disclosures watch: its threshold (policy data) and a day's reveals and exports per user.
    path: '/admin/disclosures',
    labelKey: 'nav.disclosures',
    icon: <EyeOutlined />,
    permission: 'audit.read',
    component: lazyPage(() => import('../modules/audit/DisclosuresPage')),
  },
  {
    // The data lifecycle: retention periods, destruction records, legal holds, "emergency ended".
    path: '/admin/lifecycle',
    labelKey: 'nav.lifecycle',
    icon: <DeleteOutlined />,
    permission: 'lifecycle.manage',
    component: lazyPage(() => import('../modules/lifecycle/LifecyclePage')),
  },
  {
    // People's requests to see or correct their data, answered by the cadres of their area.
    path: '/data-requests',
    labelKey: 'nav.dataRequests',
    icon: <FileSearchOutlined />,
    permission: 'lifecycle.requests',
    component: lazyPage(() => import('../modules/lifecycle/DataRequestsPage')),
  },
  // The signed-in user's own sessions, reached from the user menu.
  {
    path: '/account/sessions',
    labelKey: 'nav.mySessions',
    icon: <SafetyCertificateOutlined />,
    inMenu: false,
    component: lazyPage(() => import('../modules/account/SessionsPage')),
  },
];
