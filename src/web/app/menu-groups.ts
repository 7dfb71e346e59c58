/**
 * How the side menu is arranged: every menu page belongs to a group of work (总览 / 居民台账 / 排查管控 /
 * 核酸检测 / 队伍 / 系统), and a person's own pages (工作台, 我的任务 …) stand on their own at the top. The
 * arrangement follows the person's roles: the group of their daily work comes first and starts open. Kept
 * apart from the module list so a page is declared in one place and arranged in another.
 */

export type MenuGroup = 'overview' | 'residents' | 'control' | 'sampling' | 'team' | 'system';

/** Groups in their usual order; a role's own group moves to the front (see `primaryGroup`). */
export const GROUP_ORDER: readonly MenuGroup[] = ['overview', 'residents', 'control', 'sampling', 'team', 'system'];

/** A person's own pages, shown at the top in this order, outside any group. */
export const PERSONAL_PATHS: readonly string[] = ['/', '/me/tasks', '/me/assignments', '/monitoring/today', '/help/mine'];

/** Menu path → group, in the order the entries are listed inside their group. */
const GROUP_PATHS: Record<MenuGroup, readonly string[]> = {
  overview: ['/overview', '/command/groups', '/tasks', '/reports/daily'],
  residents: ['/residents', '/residents/lookup', '/screening/roster-proposals'],
  control: [
    '/screening',
    '/screening/arrivals',
    '/screening/risk-areas',
    '/monitoring/alerts',
    '/monitoring/measures',
    '/monitoring/sites',
    '/monitoring/policy',
    '/tracing/cases',
    '/tracing/chains',
    '/tracing/contacts',
    '/tracing/venues',
    '/supplies/stores',
    '/supplies/donations',
    '/zones',
    '/help/new',
    '/help/board',
    '/help/outreach',
    '/help/closure',
    '/inspections',
    '/inspections/rectifications',
    '/inspections/league',
    '/inspections/checklists',
    '/fieldwork/disinfection',
    '/fieldwork/publicity',
    '/fieldwork/campaigns',
    '/vaccination',
    '/vaccination/rides',
    '/enterprises',
    '/enterprises/approvals',
  ],
  sampling: ['/sampling/rounds', '/sampling/desk', '/sampling/coverage', '/sampling/qr-cards', '/sampling/boxes', '/sampling/lab'],
  team: ['/volunteers', '/volunteers/enlistments', '/volunteers/orgs', '/volunteers/teams', '/volunteers/links', '/volunteers/figures'],
  system: ['/areas', '/admin/users', '/admin/roles', '/admin/audit', '/admin/disclosures'],
};

/** A page added to the menu later and not listed above still lands in a group, by its first path segment. */
const GROUP_BY_PREFIX: Record<string, MenuGroup> = {
  residents: 'residents',
  screening: 'control',
  monitoring: 'control',
  tracing: 'control',
  supplies: 'control',
  zones: 'control',
  help: 'control',
  inspections: 'control',
  fieldwork: 'control',
  vaccination: 'control',
  enterprises: 'control',
  sampling: 'sampling',
  volunteers: 'team',
  reports: 'overview',
  tasks: 'overview',
  overview: 'overview',
  command: 'overview',
  admin: 'system',
  areas: 'system',
};

/** The group of a menu path, or null for a person's own page. */
export function groupOf(path: string): MenuGroup | null {
  if (PERSONAL_PATHS.includes(path)) return null;
  for (const g of GROUP_ORDER) if (GROUP_PATHS[g].includes(path)) return g;
  return GROUP_BY_PREFIX[path.split('/')[1] ?? ''] ?? 'system';
}

/** The group a role works in most; the first of a person's roles that has one wins. */
const ROLE_GROUP: Record<string, MenuGroup> = {
  command: 'overview',
  cadre: 'residents',
  grid_worker: 'control',
  doctor: 'control',
  sampler: 'sampling',
  volunteer: 'team',
  branch_secretary: 'team',
  admin: 'system',
};

export function primaryGroup(roles: readonly string[]): MenuGroup | null {
  for (const r of roles) if (ROLE_GROUP[r]) return ROLE_GROUP[r];
  return null;
}

/**
 * A field role works from a phone on tasks given to them (网格员, 村医, 采样员, 志愿者): it holds `tasks.work`
 * without managing tasks. It gets the bottom tab bar on a phone.
 */
export function isFieldRole(can: (p: string) => boolean): boolean {
  return can('tasks.work') && !can('tasks.manage');
}

export interface MenuEntry {
  path: string;
  labelKey: string;
}

export type MenuNode<E extends MenuEntry> = { kind: 'entry'; entry: E } | { kind: 'group'; group: MenuGroup; entries: E[] };

/**
 * The menu of one person: their own pages first, then the groups (their role's group first), each entry
 * in its group's order. A group with a single entry shows that entry alone — a folder of one only hides it.
 */
export function arrangeMenu<E extends MenuEntry>(entries: readonly E[], roles: readonly string[]): MenuNode<E>[] {
  const rank = (path: string, list: readonly string[]) => {
    const i = list.indexOf(path);
    return i < 0 ? list.length : i;
  };
  const personal = entries.filter((e) => groupOf(e.path) === null).sort((a, b) => rank(a.path, PERSONAL_PATHS) - rank(b.path, PERSONAL_PATHS));
  const first = primaryGroup(roles);
  const order = first ? [first, ...GROUP_ORDER.filter((g) => g !== first)] : GROUP_ORDER;
  const nodes: MenuNode<E>[] = personal.map((entry) => ({ kind: 'entry', entry }));
  for (const group of order) {
    const inGroup = entries.filter((e) => groupOf(e.path) === group).sort((a, b) => rank(a.path, GROUP_PATHS[group]) - rank(b.path, GROUP_PATHS[group]));
    if (inGroup.length === 1) nodes.push({ kind: 'entry', entry: inGroup[0] });
    else if (inGroup.length > 1) nodes.push({ kind: 'group', group, entries: inGroup });
  }
  return nodes;
}

/** The menu entry a location belongs to: the longest menu path that prefixes it ('/' only matches itself). */
export function menuPathOf(pathname: string, menuPaths: readonly string[]): string | null {
  const hits = menuPaths.filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)));
  return hits.sort((a, b) => b.length - a.length)[0] ?? null;
}

export type TabKey = 'home' | 'tasks' | 'scan' | 'lookup' | 'me';

/**
 * The bottom tab bar of a field role on a phone: 工作台 / 任务 / 扫码 / 我的. 扫码 opens the scanner the person
 * has (the sampling desk); without one, the third tab finds a resident (居民速查) instead of pretending to scan.
 */
export function fieldTabs(can: (p: string) => boolean): { key: TabKey; path: string }[] {
  const tabs: { key: TabKey; path: string }[] = [{ key: 'home', path: '/' }];
  if (can('tasks.work')) tabs.push({ key: 'tasks', path: '/me/tasks' });
  if (can('sampling.desk')) tabs.push({ key: 'scan', path: '/sampling/desk' });
  else if (can('residents.read')) tabs.push({ key: 'lookup', path: '/residents/lookup' });
  tabs.push({ key: 'me', path: '/me/assignments' });
  return tabs;
}
