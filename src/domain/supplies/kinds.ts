/** Kinds of the supplies module (物资与捐赠), shared by the server and the web forms. Labels live in the locales. */
export const CATEGORIES = ['protective', 'living', 'medicine'] as const;
export const STORE_LEVELS = ['county', 'town', 'village', 'post', 'site'] as const;
export const RECEIPT_SOURCES = ['purchase', 'donation', 'transfer_in'] as const;
export const ISSUE_TARGETS = ['post', 'household', 'help_request', 'kit', 'other'] as const;
export const MOVEMENT_KINDS = ['receipt', 'issue', 'transfer', 'count'] as const;
export const DONATION_KINDS = ['money', 'goods'] as const;
export const DONOR_KINDS = ['person', 'firm', 'branch', 'party_members'] as const;

/** The units stock is counted in, as data: a unit outside this list is refused. */
export const UNITS = {
  只: 'piece',
  个: 'each',
  件: 'item',
  副: 'pair (gloves)',
  双: 'pair',
  套: 'set',
  盒: 'box',
  瓶: 'bottle',
  支: 'tube',
  袋: 'bag',
  包: 'pack',
  箱: 'case',
  桶: 'barrel',
  片: 'tablet',
  粒: 'capsule',
  斤: 'jin (500 g)',
  公斤: 'kg',
  升: 'litre',
} as const;
export type Unit = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as Unit[];
export const isUnit = (u: string): u is Unit => Object.hasOwn(UNITS, u);

export type Category = (typeof CATEGORIES)[number];
export type StoreLevel = (typeof STORE_LEVELS)[number];
export type IssueTarget = (typeof ISSUE_TARGETS)[number];
