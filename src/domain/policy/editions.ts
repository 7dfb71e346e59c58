import type { Outcome, PolicySet, Rule, TracingPolicy } from './rules';

/**
 * The policy editions of ../shared/DOMAIN.md as seed data — defaults an administrator edits, never
 * constants in code. Migration 0009 inserts exactly these (a test compares them). Where DOMAIN.md is silent
 * (risk-area arrivals of the 8th and 9th editions, the secondary contacts' test days) the values are the
 * published editions' and marked "default" in `source`.
 *
 * Order matters: the first matching rule wins, so each set lists symptoms first, then contacts, then
 * risk-area arrivals, then the catch-all.
 */
const TWICE = ['08:00', '16:00'];

function rule(code: string, zh: string, en: string, when: Rule['when'], then: Partial<Outcome> & Pick<Outcome, 'steps'>): Rule {
  return {
    code,
    name: { zh, en },
    when,
    then: { countFrom: 'decision', testDays: [], followUpsPerDay: 2, followUpTimes: TWICE, ...then },
  };
}

const feverFirst = rule(
  'symptoms',
  '有发热等症状：转发热门诊',
  'Symptoms: refer to the fever clinic',
  { hasSymptoms: true },
  { steps: [], refer: 'fever_clinic', followUpsPerDay: 0, followUpTimes: [] },
);
/**
 * Tracing entries (migration 0034 stores the same). The hours to place a contact are defaults where the
 * editions give none: 24 h before the 9th edition, 12 h for close contacts from the 9th on.
 */
const CASE_CLASSES: TracingPolicy['caseClasses'] = [
  { code: 'suspected', name: { zh: '疑似病例', en: 'Suspected case' } },
  { code: 'confirmed', name: { zh: '确诊病例', en: 'Confirmed case' } },
  { code: 'asymptomatic', name: { zh: '无症状感染者', en: 'Asymptomatic infection' } },
  { code: 'discarded', name: { zh: '排除', en: 'Discarded' } },
];
const EARLY: TracingPolicy = {
  caseClasses: CASE_CLASSES.filter((c) => c.code !== 'asymptomatic'),
  contactLevels: [
    { level: 'close', placeWithinHours: 24 },
    { level: 'general', placeWithinHours: 48 },
  ],
};
const otherwiseNone = rule('default', '其他情况：无需管控', 'Otherwise: no measure', {}, { steps: [], followUpsPerDay: 0, followUpTimes: [] });

export const EDITIONS: PolicySet[] = [
  {
    code: 'district-2020',
    version: 1,
    name: { zh: '返乡人员分类处置（2020 年春）', en: 'Returnee handling (spring 2020)' },
    effectiveFrom: '2020-01-25',
    effectiveTo: '2021-01-19',
    feverThreshold: 37.3,
    alertDueMinutes: 30,
    alertSymptoms: ['fever', 'cough', 'breathing'],
    source:
      'Source report of one district: unclear fever → fever clinic; other province → isolate and observe (14 days: default); same province, no fever, no contact → none',
    tracing: EARLY,
    rules: [
      feverFirst,
      rule(
        'contact',
        '密切接触者：集中隔离 14 天',
        'Close contact: 14 days central isolation',
        { contactTypes: ['close'] },
        { steps: [{ measure: 'central_isolation', days: 14 }], countFrom: 'exposure' },
      ),
      rule(
        'other-province',
        '外省返乡：居家隔离观察 14 天',
        'From another province: 14 days home isolation',
        { originScopes: ['other_province', 'abroad'], daysSinceArrival: { max: 14 } },
        { steps: [{ measure: 'home_isolation', days: 14 }], countFrom: 'arrival' },
      ),
      otherwiseNone,
    ],
  },
  {
    code: 'returnee-2021',
    version: 1,
    name: { zh: '农村地区返乡人员（2021 年春节）', en: 'Rural returnees (Spring Festival 2021)' },
    effectiveFrom: '2021-01-20',
    effectiveTo: '2021-05-10',
    feverThreshold: 37.3,
    alertDueMinutes: 30,
    alertSymptoms: ['fever', 'cough', 'breathing'],
    source: 'DOMAIN.md: rural returnees 2021 — negative test, 14 days home health monitoring, tests day 7 and 14',
    tracing: EARLY,
    rules: [
      feverFirst,
      rule(
        'close',
        '密切接触者：集中隔离 14 天 + 居家健康监测 7 天',
        'Close contact: 14 days central + 7 home monitoring',
        { contactTypes: ['close'] },
        {
          steps: [
            { measure: 'central_isolation', days: 14 },
            { measure: 'home_monitoring', days: 7 },
          ],
          countFrom: 'exposure',
        },
      ),
      rule(
        'returnee',
        '返乡人员：居家健康监测 14 天，第 7、14 天核酸',
        'Returnee: 14 days home health monitoring, tests day 7 and 14',
        { originScopes: ['same_province', 'other_province', 'abroad'], daysSinceArrival: { max: 14 } },
        { steps: [{ measure: 'home_monitoring', days: 14 }], countFrom: 'arrival', testDays: [7, 14] },
      ),
      otherwiseNone,
    ],
  },
  {
    code: 'nhc-8',
    version: 8,
    name: { zh: '防控方案第八版', en: 'Prevention and control protocol, 8th edition' },
    effectiveFrom: '2021-05-11',
    effectiveTo: '2022-06-27',
    feverThreshold: 37.3,
    alertDueMinutes: 30,
    alertSymptoms: ['fever', 'cough', 'sore_throat', 'loss_of_smell', 'breathing'],
    source: 'DOMAIN.md: close 14 central + 7 home monitoring; secondary 7 + 7; high/medium risk arrivals 14 days (default)',
    tracing: {
      caseClasses: CASE_CLASSES,
      contactLevels: [
        { level: 'close', placeWithinHours: 24 },
        { level: 'secondary', placeWithinHours: 24 },
        { level: 'general', placeWithinHours: 48 },
      ],
    },
    rules: [
      feverFirst,
      rule(
        'close',
        '密切接触者：集中隔离 14 天 + 居家健康监测 7 天',
        'Close contact: 14 days central + 7 home monitoring',
        { contactTypes: ['close'] },
        {
          steps: [
            { measure: 'central_isolation', days: 14 },
            { measure: 'home_monitoring', days: 7 },
          ],
          countFrom: 'exposure',
          testDays: [1, 4, 7, 14],
        },
      ),
      rule(
        'secondary',
        '次密接：集中隔离 7 天 + 居家健康监测 7 天',
        'Secondary contact: 7 days central + 7 home monitoring',
        { contactTypes: ['secondary'] },
        {
          steps: [
            { measure: 'central_isolation', days: 7 },
            { measure: 'home_monitoring', days: 7 },
          ],
          countFrom: 'exposure',
          testDays: [1, 7],
        },
      ),
      rule(
        'high-risk',
        '高风险地区来返：集中隔离 14 天',
        'From a high-risk area: 14 days central isolation',
        { originRiskLevels: ['high'], daysSinceArrival: { max: 14 } },
        { steps: [{ measure: 'central_isolation', days: 14 }], countFrom: 'arrival', testDays: [1, 4, 7, 14] },
      ),
      rule(
        'medium-risk',
        '中风险地区来返：居家隔离 14 天',
        'From a medium-risk area: 14 days home isolation',
        { originRiskLevels: ['medium'], daysSinceArrival: { max: 14 } },
        { steps: [{ measure: 'home_isolation', days: 14 }], countFrom: 'arrival', testDays: [1, 7, 14] },
      ),
      otherwiseNone,
    ],
  },
  {
    code: 'nhc-9',
    version: 9,
    name: { zh: '防控方案第九版', en: 'Prevention and control protocol, 9th edition' },
    effectiveFrom: '2022-06-28',
    effectiveTo: '2022-11-10',
    feverThreshold: 37.3,
    alertDueMinutes: 30,
    alertSymptoms: ['fever', 'cough', 'sore_throat', 'loss_of_smell', 'breathing'],
    source:
      'DOMAIN.md: close 7 central + 3 home, tests day 1,2,3,5,7; secondary 7 days home isolation (tests 1,4,7: default); high-risk arrivals 7 central, medium 7 home (default)',
    tracing: {
      caseClasses: CASE_CLASSES,
      contactLevels: [
        { level: 'close', placeWithinHours: 12 },
        { level: 'secondary', placeWithinHours: 24 },
        { level: 'general', placeWithinHours: 24 },
      ],
    },
    rules: [
      feverFirst,
      rule(
        'close',
        '密切接触者：集中隔离 7 天 + 居家健康监测 3 天',
        'Close contact: 7 days central + 3 home monitoring',
        { contactTypes: ['close'] },
        {
          steps: [
            { measure: 'central_isolation', days: 7 },
            { measure: 'home_monitoring', days: 3 },
          ],
          countFrom: 'exposure',
          testDays: [1, 2, 3, 5, 7],
        },
      ),
      rule(
        'secondary',
        '次密接：居家隔离 7 天',
        'Secondary contact: 7 days home isolation',
        { contactTypes: ['secondary'] },
        { steps: [{ measure: 'home_isolation', days: 7 }], countFrom: 'exposure', testDays: [1, 4, 7] },
      ),
      rule(
        'high-risk',
        '高风险区来返：集中隔离 7 天',
        'From a high-risk area: 7 days central isolation',
        { originRiskLevels: ['high', 'lockdown'], daysSinceArrival: { max: 7 } },
        { steps: [{ measure: 'central_isolation', days: 7 }], countFrom: 'arrival', testDays: [1, 2, 3, 5, 7] },
      ),
      rule(
        'medium-risk',
        '中风险区来返：居家隔离 7 天',
        'From a medium-risk area: 7 days home isolation',
        { originRiskLevels: ['medium', 'control'], daysSinceArrival: { max: 7 } },
        { steps: [{ measure: 'home_isolation', days: 7 }], countFrom: 'arrival', testDays: [1, 4, 7] },
      ),
      otherwiseNone,
    ],
  },
  {
    code: 'nhc-20',
    version: 10,
    name: { zh: '二十条优化措施', en: 'The 20 measures' },
    effectiveFrom: '2022-11-11',
    effectiveTo: null,
    feverThreshold: 37.3,
    alertDueMinutes: 30,
    alertSymptoms: ['fever', 'cough', 'sore_throat', 'loss_of_smell', 'breathing'],
    source: 'DOMAIN.md: close 5 central + 3 home; secondary contacts not identified; medium risk removed; high-risk arrivals 7 days home isolation (default)',
    tracing: {
      caseClasses: CASE_CLASSES,
      contactLevels: [
        { level: 'close', placeWithinHours: 12 },
        { level: 'general', placeWithinHours: 24 },
      ],
    },
    rules: [
      feverFirst,
      rule(
        'close',
        '密切接触者：集中隔离 5 天 + 居家隔离 3 天',
        'Close contact: 5 days central + 3 home isolation',
        { contactTypes: ['close'] },
        {
          steps: [
            { measure: 'central_isolation', days: 5 },
            { measure: 'home_isolation', days: 3 },
          ],
          countFrom: 'exposure',
          testDays: [1, 2, 3, 4, 5, 8],
        },
      ),
      rule(
        'high-risk',
        '高风险区来返：居家隔离 7 天',
        'From a high-risk area: 7 days home isolation',
        { originRiskLevels: ['high', 'lockdown'], daysSinceArrival: { max: 7 } },
        { steps: [{ measure: 'home_isolation', days: 7 }], countFrom: 'arrival', testDays: [1, 3, 5, 7] },
      ),
      otherwiseNone,
    ],
  },
];
