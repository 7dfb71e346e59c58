import type { ChecklistDraft } from './checklist';
import type { TargetKind } from './kinds';

/**
 * The checklists migration 0039 seeds as version 1 of each kind, in the words of the source reports (督导组
 * "每天深入34个行政村督导…现场督促整改", "逢车必检，不漏一人", "一扫二看三查四验", "应检尽检", "五包五讲五到户", the "six in
 * place" of enterprises). A test compares these with the migration's rows: change both or neither; a root-scoped
 * administrator edits them as new versions.
 */
export const DEFAULT_CHECKLISTS: Record<TargetKind, ChecklistDraft> = {
  village: {
    name: '行政村防控督导检查表',
    passScore: 80,
    items: [
      { code: 'duty', text: '村防控工作专班在岗，值班表上墙，24小时有人值守', weight: 20, severity: 'critical' },
      { code: 'roster', text: '网格化排查到户到人，返乡人员台账完整、每日更新', weight: 20, severity: 'major' },
      { code: 'checkpoint', text: '村口卡点逢车必检、不漏一人，登记测温记录齐全', weight: 20, severity: 'major' },
      { code: 'publicity', text: '宣传横幅、标语张贴到位，大喇叭每日播放', weight: 10, severity: 'minor' },
      { code: 'disinfection', text: '公共场所每日消杀并有记录', weight: 15, severity: 'major' },
      { code: 'gathering', text: '无聚集性活动（红白喜事、聚餐、打牌）', weight: 15, severity: 'critical' },
    ],
  },
  checkpoint: {
    name: '卡点值守检查表',
    passScore: 80,
    items: [
      { code: 'staffed', text: '按班次足额在岗，交接班记录完整', weight: 25, severity: 'critical' },
      { code: 'check_all', text: '一扫二看三查四验：逢车必检，不漏一人', weight: 30, severity: 'critical' },
      { code: 'records', text: '登记、测温记录清楚可查', weight: 20, severity: 'major' },
      { code: 'ppe', text: '值守人员佩戴口罩等防护用品', weight: 15, severity: 'major' },
      { code: 'signage', text: '卡点标识、照明和隔离设施完好', weight: 10, severity: 'minor' },
    ],
  },
  sampling_point: {
    name: '核酸采样点检查表',
    passScore: 85,
    items: [
      { code: 'binding', text: '扫码管绑人，信息录入准确，一管一码', weight: 30, severity: 'critical' },
      { code: 'distance', text: '排队人员间隔一米以上，有专人引导', weight: 20, severity: 'major' },
      { code: 'ppe', text: '采样人员防护到位，按规定更换手套、消毒', weight: 25, severity: 'critical' },
      { code: 'waste', text: '医疗废物分类收集、密封转运', weight: 15, severity: 'major' },
      { code: 'coverage', text: '应检尽检，漏检人员有名单、有跟进', weight: 10, severity: 'minor' },
    ],
  },
  isolation_site: {
    name: '集中隔离点检查表',
    passScore: 90,
    items: [
      { code: 'zones', text: '三区两通道划分清楚，单人单间', weight: 25, severity: 'critical' },
      { code: 'closed', text: '隔离人员不串门，封闭管理无漏洞', weight: 25, severity: 'critical' },
      { code: 'temperature', text: '每日两次测温并记录，异常及时上报', weight: 20, severity: 'major' },
      { code: 'disinfection', text: '每日消杀，污物按医疗废物处理', weight: 15, severity: 'major' },
      { code: 'supplies', text: '生活物资和药品保障到位', weight: 15, severity: 'minor' },
    ],
  },
  sealed_estate: {
    name: '封控小区检查表',
    passScore: 85,
    items: [
      { code: 'gate', text: '出入口24小时值守，只进不出', weight: 30, severity: 'critical' },
      { code: 'captains', text: '楼栋长、单元长到位，需求逐户收集', weight: 20, severity: 'major' },
      { code: 'delivery', text: '生活物资配送到户，困难群众有人包保', weight: 20, severity: 'major' },
      { code: 'medical', text: '就医绿色通道畅通', weight: 20, severity: 'critical' },
      { code: 'disinfection', text: '公共区域每日消杀', weight: 10, severity: 'minor' },
    ],
  },
  enterprise: {
    name: '复工企业防控检查表（六到位）',
    passScore: 80,
    items: [
      { code: 'plan', text: '防控机构和方案、应急预案到位', weight: 20, severity: 'major' },
      { code: 'ledger', text: '员工排查台账到位（每人近14天行程）', weight: 20, severity: 'critical' },
      { code: 'site', text: '场所管控到位：宿舍每间不超过6人，就餐间隔1.5米以上', weight: 20, severity: 'major' },
      { code: 'stock', text: '防护物资储备满足3天以上', weight: 15, severity: 'major' },
      { code: 'isolation_room', text: '设置临时隔离室', weight: 15, severity: 'major' },
      { code: 'officer', text: '防疫专员到位', weight: 10, severity: 'minor' },
    ],
  },
  market: {
    name: '农贸市场、商超、药店检查表',
    passScore: 80,
    items: [
      { code: 'code_scan', text: '入口扫码、测温、戴口罩', weight: 30, severity: 'critical' },
      { code: 'crowd', text: '控制客流，无聚集', weight: 20, severity: 'major' },
      { code: 'disinfection', text: '每日消杀并有记录', weight: 20, severity: 'major' },
      { code: 'fever_drugs', text: '药店购买退烧、止咳药品实名登记', weight: 20, severity: 'major' },
      { code: 'staff', text: '从业人员健康监测台账齐全', weight: 10, severity: 'minor' },
    ],
  },
};
