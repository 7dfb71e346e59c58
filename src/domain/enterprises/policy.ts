/**
 * The "six in place" (六到位) an enterprise declares before it resumes — the same six as the inspections module's
 * enterprise checklist. `proof` names what the server checks itself beyond the declaration: the two plans uploaded,
 * the staff list imported, the days of protective stock, a named prevention officer.
 */
export type SixProof = 'plans' | 'staff' | 'stock' | 'officer' | null;

export const SIX_IN_PLACE: readonly { code: string; zh: string; en: string; proof: SixProof }[] = [
  { code: 'plan', zh: '防控机构和方案、应急预案到位', en: 'Prevention team, plan and emergency plan in place', proof: 'plans' },
  { code: 'ledger', zh: '员工排查台账到位（每人近14天行程）', en: "Staff screening ledger in place (each person's last 14 days)", proof: 'staff' },
  {
    code: 'site',
    zh: '场所管控到位：宿舍每间不超过6人，就餐间隔1.5米以上',
    en: 'Premises controlled: at most 6 per dormitory room, 1.5 m apart at meals',
    proof: null,
  },
  { code: 'stock', zh: '防护物资储备满足3天以上', en: 'Protective stock for at least 3 days', proof: 'stock' },
  { code: 'isolation_room', zh: '设置临时隔离室', en: 'A temporary isolation room set up', proof: null },
  { code: 'officer', zh: '防疫专员到位', en: 'A named prevention officer', proof: 'officer' },
];

/** Days of protective stock the self-check asks for. */
export const MIN_STOCK_DAYS = 3;

/** A returnee from a place at these levels on the day is flagged in the ledger (the risk-area list's levels). */
export const FLAGGED_LEVELS: readonly string[] = ['high', 'medium', 'lockdown', 'control'];

/** Plans: PDF, Word (.docx) or a photo of the paper, up to 10 MB. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_KINDS = ['prevention_plan', 'emergency_plan'] as const;
export const FILE_KINDS = ['pdf', 'docx', 'jpeg', 'png'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The kind of file from its first bytes, not its name; null when it is none of the four. */
export function sniffFileKind(head: Uint8Array, hasWordPart: boolean): FileKind | null {
  const b = (i: number) => head[i];
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46 && b(4) === 0x2d) return 'pdf';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  // A .docx is a zip holding word/document.xml; a zip without it (an .xlsx, an archive) is not a plan.
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04 && hasWordPart) return 'docx';
  return null;
}

export const ENTERPRISE_STATES = ['registered', 'applying', 'resumed', 'suspended'] as const;
export type EnterpriseState = (typeof ENTERPRISE_STATES)[number];
export const APPLICATION_STATES = ['town_review', 'county_review', 'approved', 'refused'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** Areas whose people hold the town step of an approval, and the county step. */
export const TOWN_KINDS: readonly string[] = ['town', 'street'];
export const COUNTY_KINDS: readonly string[] = ['county', 'city', 'province'];
