/**
 * Kinds of area, from the widest to the narrowest. A child must be narrower than its parent
 * (a grid may sit directly under a town, a building directly under a grid), never wider.
 */
export const AREA_KINDS = ['province', 'city', 'county', 'town', 'street', 'village', 'community', 'grid', 'estate', 'building'] as const;

export type AreaKind = (typeof AREA_KINDS)[number];

const RANK: Record<AreaKind, number> = {
  province: 1,
  city: 2,
  county: 3,
  town: 4,
  street: 4,
  village: 5,
  community: 5,
  grid: 6,
  estate: 7,
  building: 8,
};

export function canContain(parent: AreaKind, child: AreaKind): boolean {
  return RANK[child] > RANK[parent];
}

export const AREA_KIND_NAMES: Record<AreaKind, { zh: string; en: string }> = {
  province: { zh: '省', en: 'province' },
  city: { zh: '市', en: 'city' },
  county: { zh: '县/区', en: 'county' },
  town: { zh: '乡镇', en: 'town' },
  street: { zh: '街道', en: 'street office' },
  village: { zh: '行政村', en: 'village' },
  community: { zh: '社区', en: 'community' },
  grid: { zh: '网格', en: 'grid' },
  estate: { zh: '小区', en: 'estate' },
  building: { zh: '楼栋', en: 'building' },
};

/** Guesses the kind of an official division from its level and name (街道 → street, 社区/居委会 → community). */
export function kindOfDivision(level: 'province' | 'city' | 'county' | 'town' | 'village', name: string): AreaKind {
  if (level === 'town') return /街道|办事处/.test(name) ? 'street' : 'town';
  if (level === 'village') return /社区|居委会|居民委员会/.test(name) ? 'community' : 'village';
  return level;
}

/**
 * The name people use for an official division: villages are listed by their committees
 * (王隆集村民委员会, 东郭村村委会, 多福巷社区居委会); we keep 王隆集村, 东郭村, 多福巷社区.
 * The 12-digit code still ties the area to its official entry.
 */
export function shortDivisionName(name: string): string {
  const m = name.match(/^(.+?)(村民委员会|村委会|居民委员会|居委会)$/);
  if (!m) return name;
  const stem = m[1];
  if (/(村|社区|居)$/.test(stem)) return stem;
  return m[2].startsWith('村') ? `${stem}村` : `${stem}社区`;
}
