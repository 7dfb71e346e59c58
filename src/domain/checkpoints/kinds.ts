/**
 * Checkpoints (卡点): the lists the module speaks in, as data shared by the server, the forms and the tests.
 * Adding a kind of post is adding a word here and its labels in the locale files.
 */
export const POST_KINDS = ['county_border', 'town_border', 'village_entrance', 'estate_gate', 'highway_health_station', 'toll_gate'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** Who a shift needs, each with a minimum number (party member, police, medical, volunteer). */
export const STAFF_ROLES = ['party_member', 'police', 'medical', 'volunteer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A supply vehicle (保供车辆) must show its pass number. */
export const VEHICLE_TYPES = ['private', 'bus', 'truck', 'supply'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

/** 放行 / 登记后放行 / 劝返 / 转交管控. */
export const DECISIONS = ['let_through', 'registered', 'turned_back', 'handed_over'] as const;
export type CrossingDecision = (typeof DECISIONS)[number];

/** 一扫二看三查四验: scan the place code; look at the health code and trip card; take the temperature; verify the test proof. */
export const CHECK_ITEMS = ['scan', 'look', 'check', 'verify'] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];

/** What a handover may find short at the post. */
export const SUPPLIES = ['masks', 'gloves', 'protective_suits', 'disinfectant', 'thermometers', 'test_kits', 'food', 'water', 'lighting', 'other'] as const;

/** A body temperature outside these bounds is a misreading, refused rather than recorded. */
export const TEMPERATURE_MIN = 34;
export const TEMPERATURE_MAX = 43;

/** A shift is short of people 15 minutes after it starts: the grace before the command center is told. */
export const UNDERSTAFFED_AFTER_MINUTES = 15;
/** A check-in more than this after the shift starts is late. */
export const LATE_AFTER_MINUTES = 5;
/** A check-in is accepted from this long before the shift starts (the handover). */
export const CHECK_IN_EARLY_MINUTES = 60;

/** What a post's printed QR code carries. */
export const POST_QR_PREFIX = 'WGCP:';
export function postQrText(token: string): string {
  return `${POST_QR_PREFIX}${token}`;
}
/** The token in a scanned code, whether the scanner gave the whole text or the token alone. */
export function tokenOfScan(scan: string): string {
  const s = scan.trim();
  return s.startsWith(POST_QR_PREFIX) ? s.slice(POST_QR_PREFIX.length) : s;
}

/** A decision in words, for server messages (the screens use their locale files). */
export const DECISION_WORDS: Record<CrossingDecision, { zh: string; en: string }> = {
  let_through: { zh: '放行', en: 'let through' },
  registered: { zh: '登记后放行', en: 'registered and let through' },
  turned_back: { zh: '劝返', en: 'turned back' },
  handed_over: { zh: '转交管控', en: 'handed to a measure' },
};

/**
 * The roster rules a hand edit or a fill is checked against (the server's roster checker reports these; each
 * has its text under `checkpoints.rosterRules.<kind>` in both locale files).
 */
export const ROSTER_RULE_KINDS = [
  'unknownShift',
  'unknownPerson',
  'unknownRole',
  'duplicate',
  'missingSkill',
  'unavailable',
  'busyElsewhere',
  'overlap',
  'rest',
  'shiftsPerDay',
  'weeklyCap',
  'nightThenMorning',
  'understaffed',
] as const;
export type RosterRuleKind = (typeof ROSTER_RULE_KINDS)[number];

/**
 * Swap and leave requests on a roster: a swap hands one shift to a named colleague (who accepts, then a cadre
 * approves); leave frees the requester's shifts on one shift or a range of days (a cadre approves).
 */
export const ROSTER_REQUEST_KINDS = ['swap', 'leave'] as const;
export type RosterRequestKind = (typeof ROSTER_REQUEST_KINDS)[number];
export const ROSTER_REQUEST_STATUSES = ['pending', 'accepted_by_colleague', 'approved', 'refused', 'withdrawn'] as const;
export type RosterRequestStatus = (typeof ROSTER_REQUEST_STATUSES)[number];
/** Still waiting for someone: the colleague (a swap's pending), or a cadre. */
export const OPEN_REQUEST_STATUSES: readonly RosterRequestStatus[] = ['pending', 'accepted_by_colleague'];
/** The longest leave one request may cover, in days. */
export const LEAVE_MAX_DAYS = 31;

/** What each party may do in each state (the server refuses the rest with 409; the screens offer only these). */
export type RosterRequestAction = 'accept' | 'decline' | 'withdraw' | 'approve' | 'refuse';
export function requestActions(kind: RosterRequestKind, status: RosterRequestStatus): RosterRequestAction[] {
  if (status === 'pending') return kind === 'swap' ? ['accept', 'decline', 'withdraw', 'refuse'] : ['withdraw', 'approve', 'refuse'];
  if (status === 'accepted_by_colleague') return ['withdraw', 'approve', 'refuse'];
  return [];
}
