/**
 * The village daily report (日报): the figures of one village and day, computed from the records. Flat
 * `key → count` so a roll-up is a key-wise sum and a submitted day is stored as it was (jsonb). Shared
 * by the server (SQL, workbook) and the web table.
 */
export const REPORT_RISK_LEVELS = ['high', 'medium', 'low', 'lockdown', 'control', 'prevention', 'none'] as const;
export const REPORT_MEASURE_KINDS = ['central_isolation', 'home_isolation', 'home_monitoring'] as const;

export const FIGURE_KEYS = [
  // arrivals registered with an arrival date of the day / up to the day, and by the origin's risk level
  'arrivals.today',
  'arrivals.total',
  ...REPORT_RISK_LEVELS.flatMap((l) => [`arrivals.${l}.today`, `arrivals.${l}.total`]),
  // people under each measure at the end of the day; measures started on / released during the day
  ...REPORT_MEASURE_KINDS.map((k) => `measures.${k}`),
  'measures.total',
  'measures.startedToday',
  'measures.releasedToday',
  // follow-ups due on the day: recorded, and missed (still not recorded after their window)
  'followUps.due',
  'followUps.done',
  'followUps.missed',
  // fever alerts raised during the day, and open at its end
  'alerts.raised',
  'alerts.open',
  // households visited (screening) during the day
  'visits.households',
  // checkpoints: posts open on the day; people checked and turned back, vehicles turned back during the day
  'checkpoints.posts',
  'checkpoints.checked',
  'checkpoints.turnedBack',
  'checkpoints.vehiclesTurnedBack',
  // help requests (群众求助): received and closed (closed within the deadline) during the day; care calls made, needs found
  'help.received',
  'help.closed',
  'help.closedInTime',
  'help.careCalls',
  'help.careNeeds',
  // disinfection (消杀): jobs recorded done during the day and the square metres they covered
  'disinfection.jobs',
  'disinfection.areaM2',
  // publicity (宣传): items placed on the day (counted by their number), households a campaign first reached that day
  'publicity.items',
  'publicity.households',
  // vaccination outreach (疫苗接种动员): doses given on the day; calls and visits made, those agreed and refused
  'vaccination.doses',
  'vaccination.contacts',
  'vaccination.agreed',
  'vaccination.refused',
  // enterprises (复工复产): health ledgers of the day, staff present, abnormal temperatures, returnees flagged
  'enterprises.ledgers',
  'enterprises.present',
  'enterprises.abnormal',
  'enterprises.flagged',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export function emptyFigures(): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;
}

/** Key-wise sum (a roll-up is the sum of its villages). Unknown keys in stored figures are ignored. */
export function addFigures(into: Figures, add: Partial<Record<string, number>>): Figures {
  for (const k of FIGURE_KEYS) into[k] += Number(add[k] ?? 0);
  return into;
}

const LEVEL_ZH: Record<(typeof REPORT_RISK_LEVELS)[number], string> = {
  high: '高风险',
  medium: '中风险',
  low: '低风险',
  lockdown: '封控区',
  control: '管控区',
  prevention: '防范区',
  none: '非风险地区',
};
const LEVEL_EN: Record<(typeof REPORT_RISK_LEVELS)[number], string> = {
  high: 'high risk',
  medium: 'medium risk',
  low: 'low risk',
  lockdown: 'lockdown zone',
  control: 'control zone',
  prevention: 'prevention zone',
  none: 'no risk level',
};

export interface FigureColumn {
  key: FigureKey;
  /** The group header (two header rows, as the paper forms have). */
  group: { zh: string; en: string };
  name: { zh: string; en: string };
}

const G = {
  arrivals: { zh: '返乡人员', en: 'Arrivals' },
  measures: { zh: '管控人员', en: 'Under measures' },
  followUps: { zh: '健康监测', en: 'Follow-ups' },
  alerts: { zh: '发热预警', en: 'Fever alerts' },
  visits: { zh: '入户排查', en: 'Screening' },
  checkpoints: { zh: '卡点', en: 'Checkpoints' },
  help: { zh: '群众求助', en: 'Help requests' },
  disinfection: { zh: '消杀', en: 'Disinfection' },
  publicity: { zh: '宣传', en: 'Publicity' },
  vaccination: { zh: '疫苗接种动员', en: 'Vaccination outreach' },
  enterprises: { zh: '复工复产', en: 'Enterprises' },
};

/** Every figure in the order of the table cadres know, with its headers. */
export const FIGURE_COLUMNS: FigureColumn[] = [
  { key: 'arrivals.today', group: G.arrivals, name: { zh: '今日新增', en: 'today' } },
  { key: 'arrivals.total', group: G.arrivals, name: { zh: '累计', en: 'in total' } },
  ...REPORT_RISK_LEVELS.flatMap((l) => [
    { key: `arrivals.${l}.today` as FigureKey, group: G.arrivals, name: { zh: `${LEVEL_ZH[l]}今日`, en: `${LEVEL_EN[l]}, today` } },
    { key: `arrivals.${l}.total` as FigureKey, group: G.arrivals, name: { zh: `${LEVEL_ZH[l]}累计`, en: `${LEVEL_EN[l]}, in total` } },
  ]),
  { key: 'measures.central_isolation', group: G.measures, name: { zh: '集中隔离', en: 'central isolation' } },
  { key: 'measures.home_isolation', group: G.measures, name: { zh: '居家隔离', en: 'home isolation' } },
  { key: 'measures.home_monitoring', group: G.measures, name: { zh: '居家健康监测', en: 'home monitoring' } },
  { key: 'measures.total', group: G.measures, name: { zh: '合计在管', en: 'total' } },
  { key: 'measures.startedToday', group: G.measures, name: { zh: '今日新增管控', en: 'started today' } },
  { key: 'measures.releasedToday', group: G.measures, name: { zh: '今日解除', en: 'released today' } },
  { key: 'followUps.due', group: G.followUps, name: { zh: '应随访', en: 'due' } },
  { key: 'followUps.done', group: G.followUps, name: { zh: '已随访', en: 'done' } },
  { key: 'followUps.missed', group: G.followUps, name: { zh: '漏随访', en: 'missed' } },
  { key: 'alerts.raised', group: G.alerts, name: { zh: '今日预警', en: 'raised today' } },
  { key: 'alerts.open', group: G.alerts, name: { zh: '未处置', en: 'open' } },
  { key: 'visits.households', group: G.visits, name: { zh: '今日走访户数', en: 'households visited' } },
  { key: 'checkpoints.posts', group: G.checkpoints, name: { zh: '在岗卡点', en: 'posts on duty' } },
  { key: 'checkpoints.checked', group: G.checkpoints, name: { zh: '查验人数', en: 'people checked' } },
  { key: 'checkpoints.turnedBack', group: G.checkpoints, name: { zh: '劝返人数', en: 'turned back' } },
  { key: 'checkpoints.vehiclesTurnedBack', group: G.checkpoints, name: { zh: '劝返车辆', en: 'vehicles turned back' } },
  { key: 'help.received', group: G.help, name: { zh: '今日受理', en: 'received' } },
  { key: 'help.closed', group: G.help, name: { zh: '今日办结', en: 'closed' } },
  { key: 'help.closedInTime', group: G.help, name: { zh: '限时办结', en: 'closed in time' } },
  { key: 'help.careCalls', group: G.help, name: { zh: '关怀电话', en: 'care calls made' } },
  { key: 'help.careNeeds', group: G.help, name: { zh: '发现需求', en: 'needs found' } },
  { key: 'disinfection.jobs', group: G.disinfection, name: { zh: '消杀次数', en: 'jobs done' } },
  { key: 'disinfection.areaM2', group: G.disinfection, name: { zh: '消杀面积（㎡）', en: 'area (m²)' } },
  { key: 'publicity.items', group: G.publicity, name: { zh: '宣传品投放', en: 'items placed' } },
  { key: 'publicity.households', group: G.publicity, name: { zh: '宣讲到户', en: 'households reached' } },
  { key: 'vaccination.doses', group: G.vaccination, name: { zh: '今日接种', en: 'doses given' } },
  { key: 'vaccination.contacts', group: G.vaccination, name: { zh: '电话、上门动员', en: 'calls and visits' } },
  { key: 'vaccination.agreed', group: G.vaccination, name: { zh: '同意接种', en: 'agreed' } },
  { key: 'vaccination.refused', group: G.vaccination, name: { zh: '拒绝接种', en: 'refused' } },
  { key: 'enterprises.ledgers', group: G.enterprises, name: { zh: '报送健康台账', en: 'ledgers submitted' } },
  { key: 'enterprises.present', group: G.enterprises, name: { zh: '在岗员工', en: 'staff present' } },
  { key: 'enterprises.abnormal', group: G.enterprises, name: { zh: '体温异常', en: 'abnormal temperature' } },
  { key: 'enterprises.flagged', group: G.enterprises, name: { zh: '返岗人员风险提示', en: 'returnees flagged' } },
];

/**
 * The compact subset a screen shows (the workbook has every column): one or two headline figures of each module a
 * village reports on, so field work, help and enterprises are seen beside the arrivals and measures.
 */
export const MAIN_FIGURES: FigureKey[] = [
  'arrivals.today',
  'arrivals.total',
  'measures.total',
  'measures.startedToday',
  'measures.releasedToday',
  'followUps.due',
  'followUps.done',
  'followUps.missed',
  'alerts.raised',
  'alerts.open',
  'visits.households',
  'checkpoints.posts',
  'checkpoints.checked',
  'checkpoints.turnedBack',
  'checkpoints.vehiclesTurnedBack',
  'help.received',
  'help.closed',
  'disinfection.jobs',
  'disinfection.areaM2',
  'publicity.items',
  'vaccination.doses',
  'vaccination.agreed',
  'enterprises.flagged',
];

export const REPORT_STATUSES = ['live', 'submitted', 'reopened'] as const;
