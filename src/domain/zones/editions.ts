import type { ZoneRuleSet } from './rules';

/**
 * The zone rule sets migration 0040 seeds (a test compares them with the rows). A later edition is a new
 * migration's row, never an edit here alone.
 */
const LOW_LIFTED = {
  code: 'low-lifted',
  from: 'low',
  to: null,
  quietDays: 0,
  roundOnDay: null,
  name: { zh: '低风险区可随时解除', en: 'A low-risk zone may be lifted at any time' },
} as const;

export const ZONE_EDITIONS: ZoneRuleSet[] = [
  {
    code: 'zones-nhc-9',
    version: 1,
    name: { zh: '第九版防控方案 风险区', en: '9th edition risk zones' },
    effectiveFrom: '2022-06-28',
    levels: [
      { code: 'high', name: { zh: '高风险区', en: 'High risk' }, rank: 3 },
      { code: 'medium', name: { zh: '中风险区', en: 'Medium risk' }, rank: 2 },
      { code: 'low', name: { zh: '低风险区', en: 'Low risk' }, rank: 1 },
    ],
    lifting: [
      {
        code: 'high-to-medium',
        from: 'high',
        to: 'medium',
        quietDays: 7,
        roundOnDay: 7,
        name: { zh: '连续7天无新增感染者且第7天风险区域内全员核酸检测阴性', en: '7 days without a new case and an all-negative round over the zone on day 7' },
      },
      {
        code: 'medium-to-low',
        from: 'medium',
        to: 'low',
        quietDays: 3,
        roundOnDay: 3,
        name: { zh: '连续3天无新增感染者且第3天全员核酸检测阴性', en: '3 days without a new case and an all-negative round on day 3' },
      },
      LOW_LIFTED,
    ],
    greenChannelMinutes: 30,
  },
  {
    code: 'zones-nhc-20',
    version: 1,
    name: { zh: '二十条 风险区', en: '20 measures risk zones' },
    effectiveFrom: '2022-11-11',
    levels: [
      { code: 'high', name: { zh: '高风险区', en: 'High risk' }, rank: 3 },
      { code: 'low', name: { zh: '低风险区', en: 'Low risk' }, rank: 1 },
    ],
    lifting: [
      {
        code: 'high-lifted',
        from: 'high',
        to: null,
        quietDays: 5,
        roundOnDay: 5,
        name: { zh: '连续5天无新增感染者且第5天全员核酸检测阴性', en: '5 days without a new case and an all-negative round on day 5' },
      },
      {
        code: 'medium-lifted',
        from: 'medium',
        to: null,
        quietDays: 0,
        roundOnDay: null,
        name: { zh: '中风险区已取消，可即时解除', en: 'Medium risk was abolished: lifted at once' },
      },
      LOW_LIFTED,
    ],
    greenChannelMinutes: 30,
  },
];
