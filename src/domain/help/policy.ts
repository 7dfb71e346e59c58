/**
 * Help requests (群众求助 / 红色代办) as policy data: the kinds of request, each with its ordered triage steps done
 * by a role, and the urgency tiers with their deadlines. The server keeps these in `help_policy` (migration 0037
 * writes the same rows as DEFAULT_HELP_POLICY below; a test compares them), so a later edition changes the
 * pipelines without code. Pure: shared with the web forms.
 */
export const HELP_KINDS = ['medicine', 'daily_goods', 'medical_transport', 'dialysis_chemo', 'pregnancy', 'child', 'mental_health', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

export const HELP_CHANNELS = ['public', 'phone', 'hotline', 'walk_in', 'outreach'] as const;
export type HelpChannel = (typeof HELP_CHANNELS)[number];
/** Channels a worker records on someone's behalf (the public page records itself). */
export const WORKER_CHANNELS = ['phone', 'hotline', 'walk_in'] as const;

/** triage → (pipeline done) dispatch → (assigned) delivering → (proof) delivered → closed; impossible from any open state. */
export const HELP_STATUSES = ['triage', 'dispatch', 'delivering', 'delivered', 'closed', 'impossible'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];
export const OPEN_STATUSES: readonly HelpStatus[] = ['triage', 'dispatch', 'delivering', 'delivered'];

export interface Names {
  zh: string;
  en: string;
}
export interface StepOption {
  code: string;
  name: Names;
  /** 'next': on to the next step (or dispatch after the last); 'impossible': closed as impossible, the note given to the person. */
  leads: 'next' | 'impossible';
}
export interface HelpStep {
  code: string;
  name: Names;
  /** The role whose holders do this step (a holder of help.manage may do any). */
  role: string;
  options: StepOption[];
  /** The step sets the urgency tier (and so the deadline). */
  setsTier?: boolean;
}
export interface HelpTier {
  code: string;
  name: Names;
  /** Minutes from receipt to the deadline. */
  minutes: number;
  /** Life-threatening: the person is told to call 120 at once. */
  call120?: boolean;
}
export interface HelpPolicy {
  kinds: Array<{ code: HelpKind; name: Names; steps: HelpStep[] }>;
  tiers: HelpTier[];
  defaultTier: string;
}

const n = (zh: string, en: string): Names => ({ zh, en });
const next = (code: string, zh: string, en: string): StepOption => ({ code, name: n(zh, en), leads: 'next' });
const cannot = (code: string, zh: string, en: string): StepOption => ({ code, name: n(zh, en), leads: 'impossible' });
const handoff: HelpStep = {
  code: 'handoff',
  name: n('交接派送', 'Hand-off'),
  role: 'cadre',
  options: [next('handed', '已交采购/派送', 'Handed to buyer/deliverer')],
};
/** A short pipeline: someone of `role` judges the need and its urgency, then the hand-off. */
const assessed = (role: string): HelpStep[] => [
  {
    code: 'assess',
    name: n('研判', 'Assess'),
    role,
    setsTier: true,
    options: [next('accept', '受理', 'Accept'), cannot('cannot', '无法办理', 'Cannot be done')],
  },
  handoff,
];

/** The seed's medicine pipeline (a county help channel's four volunteer groups) and the shorter ones of the other kinds. */
export const DEFAULT_HELP_POLICY: HelpPolicy = {
  kinds: [
    {
      code: 'medicine',
      name: n('药品', 'Medicine'),
      steps: [
        {
          code: 'buyable',
          name: n('能否购买', 'Can it be bought'),
          role: 'doctor',
          options: [next('yes', '可以购买', 'Can be bought'), cannot('no', '无法购买', 'Cannot be bought')],
        },
        {
          code: 'source',
          name: n('标注来源与紧急程度', 'Where and how urgent'),
          role: 'cadre',
          setsTier: true,
          options: [
            next('local', '本地购买', 'Bought locally'),
            next('elsewhere', '外地购买', 'Bought elsewhere'),
            next('out_of_stock', '缺货', 'Out of stock'),
          ],
        },
        {
          code: 'classify',
          name: n('处方/非处方分类', 'Prescription or OTC'),
          role: 'doctor',
          options: [next('prescription', '处方药', 'Prescription'), next('otc', '非处方药', 'Over the counter')],
        },
        handoff,
      ],
    },
    { code: 'daily_goods', name: n('生活物资', 'Daily goods'), steps: assessed('cadre') },
    { code: 'medical_transport', name: n('就医与转运', 'Medical care and transport'), steps: assessed('doctor') },
    { code: 'dialysis_chemo', name: n('透析/化疗', 'Dialysis or chemotherapy'), steps: assessed('doctor') },
    { code: 'pregnancy', name: n('孕产', 'Pregnancy'), steps: assessed('doctor') },
    { code: 'child', name: n('儿童需求', "A child's need"), steps: assessed('doctor') },
    { code: 'mental_health', name: n('心理援助', 'Mental health'), steps: assessed('doctor') },
    { code: 'other', name: n('其他', 'Other'), steps: assessed('cadre') },
  ],
  tiers: [
    { code: 'life', name: n('危及生命（立即拨打120）', 'Life-threatening (call 120 now)'), minutes: 30, call120: true },
    { code: 'h4', name: n('4小时内', 'Within 4 hours'), minutes: 240 },
    { code: 'h24', name: n('24小时内', 'Within 24 hours'), minutes: 1440 },
    { code: 'h72', name: n('72小时内', 'Within 72 hours'), minutes: 4320 },
  ],
  defaultTier: 'h24',
};

export function kindOf(p: HelpPolicy, kind: string) {
  return p.kinds.find((k) => k.code === kind) ?? null;
}
export function tierOf(p: HelpPolicy, code: string) {
  return p.tiers.find((t) => t.code === code) ?? null;
}
export function firstStep(p: HelpPolicy, kind: string): string | null {
  return kindOf(p, kind)?.steps[0]?.code ?? null;
}
export function stepOf(p: HelpPolicy, kind: string, step: string): HelpStep | null {
  return kindOf(p, kind)?.steps.find((s) => s.code === step) ?? null;
}

/** Where a request goes after `option` at `step`: the next step, dispatch after the last, or closed as impossible. */
export function afterStep(
  p: HelpPolicy,
  kind: string,
  step: string,
  option: string,
): { step: string | null; status: 'triage' | 'dispatch' | 'impossible' } | null {
  const steps = kindOf(p, kind)?.steps ?? [];
  const i = steps.findIndex((s) => s.code === step);
  const opt = steps[i]?.options.find((o) => o.code === option);
  if (!opt) return null;
  if (opt.leads === 'impossible') return { step: null, status: 'impossible' };
  const following = steps[i + 1];
  return following ? { step: following.code, status: 'triage' } : { step: null, status: 'dispatch' };
}

/** The deadline: receipt plus the tier's minutes. */
export function dueAt(p: HelpPolicy, receivedAt: Date, tier: string): Date {
  return new Date(receivedAt.getTime() + (tierOf(p, tier) ?? tierOf(p, p.defaultTier)!).minutes * 60_000);
}

/** '张*', '王*明': the first character kept, and the last one of names of three or more. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** What the public lookup says of a status: the person needs only whether it is being handled, on its way or done. */
export function publicStatus(s: HelpStatus): 'received' | 'handling' | 'on_the_way' | 'done' | 'impossible' {
  if (s === 'triage') return 'received';
  if (s === 'dispatch') return 'handling';
  if (s === 'delivering') return 'on_the_way';
  if (s === 'impossible') return 'impossible';
  return 'done';
}
