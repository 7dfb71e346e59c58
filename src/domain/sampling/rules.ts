import { ageOn } from '../residents/identity';

/**
 * Mass-testing rules (全员核酸), pure: tube barcodes, pool sizes as data, exemptions. Shared with the web
 * desk page so a bad scan is caught before it leaves the phone.
 */

/** Pool sizes that are validated for mixed sampling (混采); 1 is a single tube. 30/50-in-1 is not. */
export const POOL_SIZES = [1, 5, 10, 20] as const;
export type PoolSize = (typeof POOL_SIZES)[number];

export const ROUND_STATUSES = ['planned', 'open', 'closed'] as const;
export const TUBE_STATUSES = ['open', 'closed', 'boxed'] as const;
export const RESULTS = ['negative', 'positive', 'invalid'] as const;
export type LabResult = (typeof RESULTS)[number];
export const EXEMPTION_KINDS = ['under_age', 'elderly', 'bedridden', 'away', 'other'] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];
/** A person of a positive pool: held until their single-tube retest clears or confirms them. */
export const FLAG_STATUSES = ['held', 'cleared', 'confirmed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];
/** The single-tube retest of a held person is due within this many hours of the positive pool (the retest task's due time, the board's window). */
export const RETEST_HOURS = 2;
export const RETEST_WINDOW_MINUTES = RETEST_HOURS * 60;
export const BOX_STATUSES = ['packing', 'handed_over'] as const;
export const POINT_KINDS = ['fixed', 'mobile'] as const;
/** Why a person is sampled at home (上门采样): under a measure at home, bedridden or disabled, or old. */
export const HOME_REASONS = ['measure', 'home_bound', 'elderly'] as const;

/**
 * A tube barcode as printed by the makers: 8–20 capital letters and digits. Scanners that type like a
 * keyboard add a trailing Enter or Tab, phones add spaces, and lower case creeps in when typed by hand,
 * so the text is normalised first. Returns the normalised code, or null when it is not a tube barcode
 * (e.g. an ID card or a health-code QR scanned into the tube field by mistake).
 */
export function normalizeBarcode(raw: string): string | null {
  const s = raw.replace(/[\s\u3000-]+/g, '').toUpperCase();
  return /^[0-9A-Z]{8,20}$/.test(s) ? s : null;
}

/** One pool rule: an area (and everything below it) and/or groups of people, and the size of their tubes. */
export interface PoolRule {
  areaId?: number;
  /** Any of these stored or derived groups (e.g. key groups, people under measures) → this size. */
  groups?: string[];
  size: PoolSize;
}

/**
 * The pool size for a place (its area path) and, optionally, a person's groups. The first rule that
 * matches wins (rules are an ordered list, most specific first, like the policy rules); no match → the
 * round's default. A rule with an area matches the area and everything below it.
 */
export function poolSizeFor(rules: PoolRule[], fallback: PoolSize, at: { areaPath: string; groups?: string[] }): PoolSize {
  for (const r of rules) {
    if (r.areaId !== undefined && !at.areaPath.includes(`/${r.areaId}/`)) continue;
    if (r.groups?.length && !r.groups.some((g) => at.groups?.includes(g))) continue;
    return r.size;
  }
  return fallback;
}

/** Room left in a tube and whether it is full once `adding` more are bound. */
export function tubeAfter(capacity: number, bound: number, adding: number): { fits: boolean; full: boolean; left: number } {
  const after = bound + adding;
  return { fits: after <= capacity, full: after >= capacity, left: Math.max(0, capacity - after) };
}

/** Which exemptions a round accepts; under-`underAge` children are exempt without being recorded. */
export interface ExemptionRules {
  /** Children younger than this (whole years on the roster date) are exempt automatically; 0 = none. */
  underAge: number;
  /** People this age or older may be exempted (recorded, with a reason); null = not accepted. */
  elderlyAge: number | null;
  bedridden: boolean;
  away: boolean;
  other: boolean;
}

export const DEFAULT_EXEMPTION_RULES: ExemptionRules = { underAge: 3, elderlyAge: 80, bedridden: true, away: true, other: true };

export type ExemptionProblem = 'not_accepted' | 'too_old' | 'too_young' | 'no_birth_date' | 'detail_required';

/**
 * Whether an exemption of this kind may be recorded for a person born on `birthDate` in a round whose
 * roster date is `on`. "Away" needs where; "other" needs a reason; age-based kinds need the age.
 */
export function checkExemption(
  rules: ExemptionRules,
  e: { kind: ExemptionKind; detail?: string | null },
  person: { birthDate: string | null },
  on: string,
): ExemptionProblem | null {
  const detail = (e.detail ?? '').trim();
  switch (e.kind) {
    case 'under_age':
      if (rules.underAge <= 0) return 'not_accepted';
      if (!person.birthDate) return 'no_birth_date';
      return ageOn(person.birthDate, on) < rules.underAge ? null : 'too_old';
    case 'elderly':
      if (rules.elderlyAge === null) return 'not_accepted';
      if (!person.birthDate) return 'no_birth_date';
      return ageOn(person.birthDate, on) >= rules.elderlyAge ? null : 'too_young';
    case 'bedridden':
      return rules.bedridden ? null : 'not_accepted';
    case 'away':
      if (!rules.away) return 'not_accepted';
      return detail ? null : 'detail_required';
    case 'other':
      if (!rules.other) return 'not_accepted';
      return detail ? null : 'detail_required';
  }
}

/** The last birth date that is still under `underAge` on `on`: born after this day → automatically exempt. */
export function underAgeBornAfter(underAge: number, on: string): string {
  const [y, m, d] = on.split('-').map(Number);
  // Date.UTC rolls 29 Feb of a common year over to 1 Mar, as ageOn counts such birthdays.
  return new Date(Date.UTC(y - underAge, m - 1, d)).toISOString().slice(0, 10);
}

/** '张*', '王*明', '欧**娜': the first character kept, and the last one of names of three or more. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/**
 * What a desk scanned into its one input (a scanner types like a keyboard): a resident's printed QR code
 * `WG:R:<resident id>`, a household group's `WG:H:<household id>`, or else an ID number (checked by the
 * registry's identity rules). Lower case, spaces and a trailing Enter are tolerated.
 */
export type Scan = { residentId: number } | { householdId: number } | { idNumber: string };

export function parseScan(raw: string): Scan {
  const s = raw.trim();
  const m = /^WG:([RH]):(\d{1,9})$/i.exec(s.replace(/\s+/g, ''));
  if (m) return m[1].toUpperCase() === 'R' ? { residentId: Number(m[2]) } : { householdId: Number(m[2]) };
  return { idNumber: s };
}

/** The text of a resident's or a household's printable QR code. */
export const residentQr = (id: number) => `WG:R:${id}`;
export const householdQr = (id: number) => `WG:H:${id}`;
