import { type TestApp, login } from './harness';
import type { AreaRow } from '../modules/areas/repo';
import * as catalog from '../modules/divisions/catalog';
import { multipartBody, readXlsx } from './sheets';
import { SAMPLING_CASES } from './sampling-cases';
import { SCREENING_CASES } from './cross-area-screening';

async function xlsxText(raw: Buffer): Promise<string> {
  return raw[0] === 0x50 ? JSON.stringify(await readXlsx(raw)) : raw.toString('utf8');
}

/**
 * One entry per API route: how to aim a request at area A's records. The cross-area test signs in as an
 * all-powerful user of sibling area B, sends these requests, and checks that nothing of A comes back
 * and nothing of A changes; then it sends the same requests as A's user to prove they reach real data.
 *
 * A new route without an entry here fails the test — add one the day you add the route.
 *   expect 'denied'  — B must get 400/403/404 (an id of A must look like a missing one)
 *   expect 'no-leak' — B may get 200, but no record of A may appear in the answer
 *   control          — what A's own request must show: 'marker' (2xx with A's data), 'ok' (2xx), 'none'
 */
export const MARK = 'LEAKMARK';

export interface CrossEnv {
  t: TestApp;
  a: { county: AreaRow; village: AreaRow; userId: number };
  b: { county: AreaRow; village: AreaRow; userId: number };
  /** A new area in A (a grid under A's village, named with the marker), for cases that change or remove it. */
  freshAreaInA(): Promise<AreaRow>;
  freshAreaInB(): Promise<AreaRow>;
  /** A new user in A's village, named with the marker. */
  freshUserInA(): Promise<number>;
  /** A household in A's village and in B's, and a new resident in each (named with the marker in A). */
  householdInA: number;
  householdInB: number;
  freshResidentInA(): Promise<number>;
  freshResidentInB(): Promise<number>;
  /** An uploaded (not yet validated) resident import in A's village, its file named with the marker. */
  freshImportInA(): Promise<number>;
  /** Party organisations and volunteers: A's records are named with the marker; B's are plain. */
  vol: {
    /** A day the deployments of A and B cover (the walk reads hours and duty around it). */
    day: string;
    volunteerInA: number;
    volunteerInB: number;
    orgInA: number;
    orgInB: number;
    teamInA: number;
    teamInB: number;
    postInA: number;
    freshVolunteerInA(): Promise<number>;
    freshTempOrgInA(): Promise<number>;
    /** A pending enlistment submitted through the public form of A's branch (or B's). */
    freshEnlistmentInA(): Promise<number>;
    freshEnlistmentInB(): Promise<number>;
    freshDeploymentInA(): Promise<number>;
    freshGroupLinkInA(): Promise<number>;
  };
  /** Issue 5 — tasks, measures, follow-ups: A's records are named with the marker (or assigned to A's user). */
  mon: {
    /** A new manual task in A's village assigned to A's user, titled with the marker. */
    freshTaskInA(): Promise<number>;
    /** Tomorrow (YYYY-MM-DD): the day the doctor's list surely has follow-ups of A's active measure. */
    tomorrow: string;
    siteInA: { id: number; roomId: number };
    /** An active measure of a resident of A (named with the marker), with follow-ups and one fever alert. */
    measureInA: number;
    /** A new measure of a new resident of A, brought to the given state. */
    freshMeasureInA(state: 'proposed' | 'confirmed' | 'active' | 'release_check'): Promise<number>;
    freshFollowUpInA(): Promise<number>;
    freshAlertInA(): Promise<number>;
  };
}

export interface CrossRequest {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** For binary answers (xlsx): the text to search for A's data, since compressed bytes would hide it. */
  readBody?: (raw: Buffer) => Promise<string>;
  expect: 'denied' | 'no-leak';
  control?: 'marker' | 'ok' | 'none';
}

export type CrossCase = (e: CrossEnv) => Promise<CrossRequest[]>;

/** Routes anyone may call without signing in. Making a route public means adding it here, on purpose. */
export const PUBLIC_ROUTES = [
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/openapi.json',
  // The enlistment form (报到): reached by a branch's QR code, no account; throttled per address.
  'GET /api/enlist/:branchToken',
  'POST /api/enlist/:branchToken',
];

/** A record made by A's own user (named with the marker), for cases whose control changes or removes it. */
async function madeByA(e: CrossEnv, url: string, body: unknown): Promise<number> {
  const res = await (await login(e.t.app, 'leakmark_a')).post(url, body);
  if (res.statusCode >= 300) throw new Error(res.body);
  return res.json().id as number;
}

/** A new draft policy set (the walk has no root-scoped user to make one through the API). */
async function draftPolicySet(e: CrossEnv): Promise<number> {
  const [{ id }] = await e.t.db.query<{ id: number }>(
    `INSERT INTO policy_sets (code, version, name_zh, name_en, effective_from, status)
     SELECT 'cross-area', COALESCE(max(version), 0) + 1, '草稿', 'Draft', '2099-01-01', 'draft' FROM policy_sets WHERE code = 'cross-area' RETURNING id`,
  );
  return id;
}

/** Routes that act only on the caller's own session or account: checked for no change to A, no control. */
const self: CrossCase = async () => [{ url: '', expect: 'no-leak', control: 'none' }];

export const CROSS_AREA_CASES: Record<string, CrossCase> = {
  'GET /api/auth/me': async () => [{ url: '/api/auth/me', expect: 'no-leak', control: 'marker' }],
  'POST /api/auth/logout': self,
  'POST /api/auth/logout-all': self,
  'POST /api/auth/password': async () => [
    { url: '/api/auth/password', body: { currentPassword: 'wrong', newPassword: 'Whatever-Pass-1' }, expect: 'denied', control: 'none' },
  ],

  'GET /api/areas/:id': async (e) => [{ url: `/api/areas/${e.a.village.id}`, expect: 'denied', control: 'marker' }],
  'GET /api/areas/:id/children': async (e) => [{ url: `/api/areas/${e.a.county.id}/children`, expect: 'denied', control: 'marker' }],
  'GET /api/areas/:id/ancestors': async (e) => [{ url: `/api/areas/${e.a.village.id}/ancestors`, expect: 'denied', control: 'marker' }],
  'GET /api/areas': async (e) => [
    { url: `/api/areas?q=${MARK}`, expect: 'no-leak', control: 'marker' },
    { url: '/api/areas?q=leakmark', expect: 'no-leak', control: 'marker' },
    { url: `/api/areas?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/areas': async (e) => [{ url: '/api/areas', body: { parentId: e.a.village.id, name: '新网格', kind: 'grid' }, expect: 'denied' }],
  'PATCH /api/areas/:id': async (e) => [{ url: `/api/areas/${(await e.freshAreaInA()).id}`, body: { name: '改名' }, expect: 'denied' }],
  'POST /api/areas/:id/move': async (e) => [
    { url: `/api/areas/${(await e.freshAreaInA()).id}/move`, body: { parentId: e.b.village.id }, expect: 'denied', control: 'none' },
    { url: `/api/areas/${(await e.freshAreaInB()).id}/move`, body: { parentId: e.a.village.id }, expect: 'denied', control: 'none' },
  ],
  'POST /api/areas/:id/archive': async (e) => [{ url: `/api/areas/${(await e.freshAreaInA()).id}/archive`, expect: 'denied' }],
  'GET /api/divisions': async () => [{ url: '/api/divisions?parent=41', expect: 'no-leak', control: 'ok' }],
  'POST /api/areas/import-divisions': async (e) => {
    const [town] = await catalog.listChildren('411627');
    return [{ url: '/api/areas/import-divisions', body: { parentId: e.a.county.id, code: town.code.slice(0, 9) }, expect: 'denied' }];
  },

  'GET /api/users': async (e) => [
    { url: '/api/users?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/users?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
    { url: `/api/users?q=${MARK}`, expect: 'no-leak', control: 'marker' },
  ],
  'GET /api/users/:id': async (e) => [{ url: `/api/users/${e.a.userId}`, expect: 'denied', control: 'marker' }],
  'POST /api/users': async (e) => [
    {
      url: '/api/users',
      body: { username: `x_${Date.now()}`, displayName: '新人', roles: ['grid_worker'], scopeAreaId: e.a.village.id, password: 'Strong-Pass-42' },
      expect: 'denied',
    },
  ],
  'PATCH /api/users/:id': async (e) => [{ url: `/api/users/${await e.freshUserInA()}`, body: { displayName: '改名' }, expect: 'denied' }],
  'POST /api/users/:id/reset-password': async (e) => [
    { url: `/api/users/${await e.freshUserInA()}/reset-password`, body: { newPassword: 'Other-Pass-42' }, expect: 'denied' },
  ],
  'GET /api/roles': async () => [{ url: '/api/roles', expect: 'no-leak', control: 'ok' }],
  // Roles are deployment-wide: a county's administrator may not change them (only a root-scoped one).
  'PUT /api/roles/:code': async () => [{ url: '/api/roles/volunteer', body: { permissions: ['areas.read', 'users.read'] }, expect: 'denied', control: 'none' }],
  'GET /api/permissions': async () => [{ url: '/api/permissions', expect: 'no-leak', control: 'ok' }],

  'GET /api/households': async (e) => [
    { url: '/api/households?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/households?q=${MARK}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/households?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/households': async (e) => [{ url: '/api/households', body: { areaId: e.a.village.id, address: '新户 1号' }, expect: 'denied' }],
  'GET /api/households/:id': async (e) => [{ url: `/api/households/${e.householdInA}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/households/:id': async (e) => [{ url: `/api/households/${e.householdInA}`, body: { notes: '改' }, expect: 'denied' }],
  'GET /api/residents': async (e) => [
    { url: `/api/residents?q=${MARK}`, expect: 'no-leak', control: 'marker' },
    { url: '/api/residents?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/residents?pageSize=200&asOf=${new Date().toISOString().slice(0, 10)}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/residents?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/residents': async (e) => [
    { url: '/api/residents', body: { householdId: e.householdInA, name: '新人', idType: 'none' }, expect: 'denied' },
    { url: '/api/residents', body: { areaId: e.a.village.id, name: '新人', idType: 'none' }, expect: 'denied' },
  ],
  'GET /api/residents/:id': async (e) => [{ url: `/api/residents/${await e.freshResidentInA()}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/residents/:id': async (e) => [{ url: `/api/residents/${await e.freshResidentInA()}`, body: { notes: '改' }, expect: 'denied' }],
  'POST /api/residents/:id/move': async (e) => [
    {
      url: `/api/residents/${await e.freshResidentInA()}/move`,
      body: { kind: 'transfer', toHouseholdId: e.householdInB, on: '2026-01-01' },
      expect: 'denied',
      control: 'none',
    },
    {
      url: `/api/residents/${await e.freshResidentInB()}/move`,
      body: { kind: 'transfer', toHouseholdId: e.householdInA, on: '2026-01-01' },
      expect: 'denied',
      control: 'none',
    },
    { url: `/api/residents/${await e.freshResidentInA()}/move`, body: { kind: 'out', on: '2026-01-01' }, expect: 'denied' },
  ],
  'POST /api/residents/:id/reveal': async (e) => [{ url: `/api/residents/${await e.freshResidentInA()}/reveal`, body: { field: 'phone' }, expect: 'denied' }],

  'GET /api/residents/lookup': async () => [{ url: `/api/residents/lookup?q=${MARK}`, expect: 'no-leak', control: 'marker' }],
  'GET /api/residents/duplicates': async () => [{ url: '/api/residents/duplicates', expect: 'no-leak', control: 'marker' }],
  'POST /api/residents/duplicates/merge': async (e) => [
    {
      url: '/api/residents/duplicates/merge',
      body: { keepId: await e.freshResidentInA(), mergeId: await e.freshResidentInA() },
      expect: 'denied',
      control: 'none',
    },
    {
      url: '/api/residents/duplicates/merge',
      body: { keepId: await e.freshResidentInB(), mergeId: await e.freshResidentInA() },
      expect: 'denied',
      control: 'none',
    },
  ],
  'POST /api/residents/duplicates/dismiss': async (e) => [
    { url: '/api/residents/duplicates/dismiss', body: { ids: [await e.freshResidentInA(), await e.freshResidentInA()] }, expect: 'denied' },
  ],

  'GET /api/residents/template.xlsx': async () => [{ url: '/api/residents/template.xlsx', expect: 'no-leak', control: 'ok' }],
  'GET /api/residents/imports': async (e) => {
    await e.freshImportInA();
    return [{ url: '/api/residents/imports', expect: 'no-leak', control: 'marker' }];
  },
  'POST /api/residents/imports': async (e) => {
    const file = multipartBody('名单.csv', Buffer.from('姓名,联系电话\n某人,13800000000\n'));
    return [
      { url: `/api/residents/imports?areaId=${e.a.village.id}`, body: file.payload, headers: file.headers, expect: 'denied' },
      { url: '/api/residents/imports', body: file.payload, headers: { 'content-type': 'multipart/form-data; boundary=x' }, expect: 'denied', control: 'none' },
    ];
  },
  'GET /api/residents/imports/:id': async (e) => [{ url: `/api/residents/imports/${await e.freshImportInA()}`, expect: 'denied', control: 'marker' }],
  'POST /api/residents/imports/:id/validate': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/validate`, body: { mapping: { 姓名: 'name' } }, expect: 'denied', control: 'none' },
  ],
  'POST /api/residents/imports/:id/sheet': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/sheet`, body: { sheet: 'Sheet1' }, expect: 'denied', control: 'none' },
  ],
  'POST /api/residents/imports/:id/commit': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/commit`, body: { mode: 'valid-only' }, expect: 'denied', control: 'none' },
  ],
  'GET /api/residents/imports/:id/errors.xlsx': async (e) => [
    { url: `/api/residents/imports/${await e.freshImportInA()}/errors.xlsx`, expect: 'denied', control: 'ok' },
  ],
  'GET /api/residents/export.xlsx': async (e) => [
    { url: '/api/residents/export.xlsx', expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: '/api/residents/export.xlsx?reveal=true', expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/residents/export.xlsx?under=${e.a.village.id}`, expect: 'denied', control: 'marker', readBody: xlsxText },
  ],

  // ——— party organisations and volunteers ———
  'GET /api/enlistments': async (e) => [
    { url: '/api/enlistments?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/enlistments?orgId=${e.vol.orgInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/enlistments?q=${MARK}`, expect: 'no-leak', control: 'marker' },
  ],
  'GET /api/enlistments/:id': async (e) => [{ url: `/api/enlistments/${await e.vol.freshEnlistmentInA()}`, expect: 'denied', control: 'marker' }],
  'POST /api/enlistments/:id/approve': async (e) => [
    { url: `/api/enlistments/${await e.vol.freshEnlistmentInA()}/approve`, body: {}, expect: 'denied' },
    { url: `/api/enlistments/${await e.vol.freshEnlistmentInA()}/approve`, body: { account: { username: `leak_acc_${Date.now()}` } }, expect: 'denied' },
    { url: `/api/enlistments/${await e.vol.freshEnlistmentInB()}/approve`, body: { areaId: e.a.village.id }, expect: 'denied', control: 'none' },
  ],
  'POST /api/enlistments/:id/refuse': async (e) => [
    { url: `/api/enlistments/${await e.vol.freshEnlistmentInA()}/refuse`, body: { reason: '不符合' }, expect: 'denied' },
  ],

  'GET /api/party/orgs': async (e) => [
    { url: '/api/party/orgs?includeClosed=true', expect: 'no-leak', control: 'marker' },
    { url: `/api/party/orgs?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/party/orgs': async (e) => [
    { url: '/api/party/orgs', body: { kind: 'branch', name: '新支部', areaId: e.a.village.id }, expect: 'denied' },
    {
      url: '/api/party/orgs',
      body: { kind: 'temporary_branch', name: '临时', areaId: e.a.village.id, place: '卡点', startsOn: '2026-01-01' },
      expect: 'denied',
    },
  ],
  'GET /api/party/orgs/:id': async (e) => [{ url: `/api/party/orgs/${e.vol.orgInA}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/party/orgs/:id': async (e) => [{ url: `/api/party/orgs/${e.vol.orgInA}`, body: { notes: '改' }, expect: 'denied' }],
  'POST /api/party/orgs/:id/members': async (e) => [
    { url: `/api/party/orgs/${e.vol.orgInA}/members`, body: { volunteerIds: [await e.vol.freshVolunteerInA()] }, expect: 'denied' },
    { url: `/api/party/orgs/${e.vol.orgInA}/members`, body: { volunteerIds: [e.vol.volunteerInB] }, expect: 'denied', control: 'none' },
    { url: `/api/party/orgs/${e.vol.orgInB}/members`, body: { volunteerIds: [e.vol.volunteerInA] }, expect: 'denied', control: 'none' },
  ],
  'POST /api/party/orgs/:id/members/leave': async (e) => [
    { url: `/api/party/orgs/${e.vol.orgInA}/members/leave`, body: { volunteerIds: [await e.vol.freshVolunteerInA()] }, expect: 'denied' },
  ],
  'POST /api/party/orgs/:id/close': async (e) => [{ url: `/api/party/orgs/${await e.vol.freshTempOrgInA()}/close`, expect: 'denied' }],
  'POST /api/party/orgs/:id/move': async (e) => [
    { url: `/api/party/orgs/${await e.vol.freshTempOrgInA()}/move`, body: { parentId: null }, expect: 'denied' },
    { url: `/api/party/orgs/${e.vol.orgInB}/move`, body: { parentId: e.vol.orgInA }, expect: 'denied', control: 'none' },
    { url: `/api/party/orgs/${e.vol.orgInB}/move`, body: { parentId: null, areaId: e.a.village.id }, expect: 'denied', control: 'none' },
  ],
  'POST /api/party/orgs/:id/enlist-token': async (e) => [{ url: `/api/party/orgs/${e.vol.orgInA}/enlist-token`, expect: 'denied' }],

  'GET /api/volunteers': async (e) => [
    { url: '/api/volunteers?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/volunteers?q=${MARK}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/volunteers?orgId=${e.vol.orgInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/volunteers?teamId=${e.vol.teamInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/volunteers?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/volunteers': async (e) => [
    { url: '/api/volunteers', body: { name: '新人', areaId: e.a.village.id, category: 'volunteer' }, expect: 'denied' },
    { url: '/api/volunteers', body: { residentId: await e.freshResidentInA(), category: 'league' }, expect: 'denied' },
    { url: '/api/volunteers', body: { residentId: await e.freshResidentInA(), areaId: e.b.village.id, category: 'league' }, expect: 'denied', control: 'none' },
  ],
  'GET /api/volunteers/figures': async (e) => [
    { url: '/api/volunteers/figures', expect: 'no-leak', control: 'marker' },
    { url: `/api/volunteers/figures?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/volunteers/figures.xlsx': async (e) => [
    { url: '/api/volunteers/figures.xlsx', expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/figures.xlsx?under=${e.a.county.id}`, expect: 'denied', control: 'marker', readBody: xlsxText },
  ],
  'GET /api/volunteers/export.xlsx': async (e) => [
    { url: '/api/volunteers/export.xlsx', expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/export.xlsx?reveal=true&q=${MARK}`, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/export.xlsx?orgId=${e.vol.orgInA}`, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/export.xlsx?under=${e.a.county.id}`, expect: 'denied', control: 'marker', readBody: xlsxText },
  ],
  'GET /api/volunteers/:id': async (e) => [{ url: `/api/volunteers/${e.vol.volunteerInA}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/volunteers/:id': async (e) => [
    { url: `/api/volunteers/${await e.vol.freshVolunteerInA()}`, body: { notes: '改' }, expect: 'denied' },
    { url: `/api/volunteers/${e.vol.volunteerInB}`, body: { areaId: e.a.village.id }, expect: 'denied', control: 'none' },
  ],
  'GET /api/me/assignments': async () => [{ url: '/api/me/assignments', expect: 'no-leak', control: 'ok' }],

  'GET /api/teams': async (e) => [
    { url: '/api/teams', expect: 'no-leak', control: 'marker' },
    { url: `/api/teams?orgId=${e.vol.orgInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/teams?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/teams': async (e) => [
    { url: '/api/teams', body: { kind: 'service_team', name: '新队', areaId: e.a.village.id }, expect: 'denied' },
    {
      url: '/api/teams',
      body: { kind: 'service_team', name: '新队', areaId: e.b.village.id, leaderId: e.vol.volunteerInA },
      expect: 'denied',
      control: 'none',
    },
    { url: '/api/teams', body: { kind: 'assault_squad', name: '新队', areaId: e.b.village.id, orgId: e.vol.orgInA }, expect: 'denied', control: 'none' },
  ],
  'GET /api/teams/:id': async (e) => [{ url: `/api/teams/${e.vol.teamInA}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/teams/:id': async (e) => [{ url: `/api/teams/${e.vol.teamInA}`, body: { notes: '改' }, expect: 'denied' }],
  'DELETE /api/teams/:id': async (e) => [
    { url: `/api/teams/${await madeByA(e, '/api/teams', { kind: 'service_team', name: `${MARK}建错的队`, areaId: e.a.village.id })}`, expect: 'denied' },
  ],
  'PUT /api/teams/:id/members': async (e) => [
    { url: `/api/teams/${e.vol.teamInA}/members`, body: { members: [{ volunteerId: e.vol.volunteerInA, role: 'leader' }] }, expect: 'denied' },
    { url: `/api/teams/${e.vol.teamInB}/members`, body: { members: [{ volunteerId: e.vol.volunteerInA, role: 'member' }] }, expect: 'denied', control: 'none' },
  ],
  'GET /api/posts': async (e) => [
    { url: '/api/posts', expect: 'no-leak', control: 'marker' },
    { url: `/api/posts?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/posts': async (e) => [
    { url: '/api/posts', body: { kind: 'model_post', name: '先锋岗', areaId: e.a.village.id }, expect: 'denied' },
    {
      url: '/api/posts',
      body: { kind: 'model_post', name: '先锋岗', areaId: e.b.village.id, holderId: e.vol.volunteerInA },
      expect: 'denied',
      control: 'none',
    },
  ],
  'PATCH /api/posts/:id': async (e) => [{ url: `/api/posts/${e.vol.postInA}`, body: { notes: '改' }, expect: 'denied' }],
  'DELETE /api/posts/:id': async (e) => [
    { url: `/api/posts/${await madeByA(e, '/api/posts', { kind: 'responsibility_area', name: `${MARK}责任区`, areaId: e.a.village.id })}`, expect: 'denied' },
  ],

  'GET /api/household-links': async (e) => [
    { url: `/api/household-links?householdId=${e.householdInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/household-links?volunteerId=${e.vol.volunteerInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/household-links?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/household-links': async (e) => [
    { url: '/api/household-links', body: { volunteerId: e.vol.volunteerInA, householdIds: [e.householdInA] }, expect: 'denied' },
    { url: '/api/household-links', body: { volunteerId: e.vol.volunteerInB, householdIds: [e.householdInA] }, expect: 'denied', control: 'none' },
    { url: '/api/household-links', body: { volunteerId: e.vol.volunteerInA, householdIds: [e.householdInB] }, expect: 'denied', control: 'none' },
  ],
  'POST /api/household-links/remove': async (e) => [
    { url: '/api/household-links/remove', body: { volunteerId: e.vol.volunteerInA, householdIds: [e.householdInA] }, expect: 'denied', control: 'none' },
  ],
  'POST /api/household-links/split': async (e) => [
    { url: '/api/household-links/split', body: { areaId: e.a.village.id, volunteerIds: [e.vol.volunteerInA] }, expect: 'denied' },
    { url: '/api/household-links/split', body: { areaId: e.a.village.id, volunteerIds: [e.vol.volunteerInB] }, expect: 'denied', control: 'none' },
    { url: '/api/household-links/split', body: { areaId: e.b.village.id, volunteerIds: [e.vol.volunteerInA] }, expect: 'denied', control: 'none' },
  ],
  'GET /api/captains': async (e) => [
    { url: '/api/captains', expect: 'no-leak', control: 'marker' },
    { url: `/api/captains?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'PUT /api/captains': async (e) => [
    { url: '/api/captains', body: { areaId: e.a.village.id, kind: 'building', volunteerId: e.vol.volunteerInA }, expect: 'denied' },
    { url: '/api/captains', body: { areaId: e.a.village.id, kind: 'building', volunteerId: null }, expect: 'denied', control: 'none' },
    { url: '/api/captains', body: { areaId: e.b.village.id, kind: 'building', volunteerId: e.vol.volunteerInA }, expect: 'denied', control: 'none' },
  ],
  'GET /api/group-links': async (e) => [
    { url: '/api/group-links', expect: 'no-leak', control: 'marker' },
    { url: `/api/group-links?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/group-links': async (e) => [
    { url: '/api/group-links', body: { volunteerId: e.vol.volunteerInA, areaId: e.a.village.id, villageGroup: '二组' }, expect: 'denied' },
    { url: '/api/group-links', body: { volunteerId: e.vol.volunteerInB, areaId: e.a.village.id, villageGroup: '二组' }, expect: 'denied', control: 'none' },
  ],
  'POST /api/group-links/:id/remove': async (e) => [{ url: `/api/group-links/${await e.vol.freshGroupLinkInA()}/remove`, expect: 'denied' }],

  'GET /api/deployments': async (e) => [
    { url: '/api/deployments?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/deployments?on=${e.vol.day}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/deployments?volunteerId=${e.vol.volunteerInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/deployments?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/deployments': async (e) => {
    const d = { place: '卡点', startsOn: e.vol.day, endsOn: e.vol.day };
    return [
      { url: '/api/deployments', body: { ...d, volunteerId: e.vol.volunteerInA, areaId: e.a.village.id }, expect: 'denied' },
      { url: '/api/deployments', body: { ...d, volunteerId: e.vol.volunteerInB, areaId: e.a.village.id }, expect: 'denied', control: 'none' },
      { url: '/api/deployments', body: { ...d, teamId: e.vol.teamInB, areaId: e.a.village.id }, expect: 'denied', control: 'none' },
      { url: '/api/deployments', body: { ...d, volunteerId: e.vol.volunteerInA, areaId: e.b.village.id }, expect: 'denied', control: 'none' },
    ];
  },
  'POST /api/deployments/:id/cancel': async (e) => [{ url: `/api/deployments/${await e.vol.freshDeploymentInA()}/cancel`, expect: 'denied' }],
  'GET /api/service-records': async (e) => {
    // A liaison group's note on A's volunteer, so the list has A's record to (not) show.
    await madeByA(e, '/api/service-records', { volunteerId: e.vol.volunteerInA, on: e.vol.day, note: `${MARK}表现好`, liaisonGroup: '联络组' });
    return [
      { url: '/api/service-records?pageSize=200', expect: 'no-leak', control: 'marker' },
      { url: `/api/service-records?volunteerId=${e.vol.volunteerInA}&notesOnly=true`, expect: 'no-leak', control: 'marker' },
      { url: `/api/service-records?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/service-records': async (e) => [
    { url: '/api/service-records', body: { volunteerId: e.vol.volunteerInA, on: '2025-06-01', hours: 2 }, expect: 'denied' },
  ],
  'GET /api/service/hours': async (e) => [
    { url: `/api/service/hours?from=${e.vol.day}&to=${e.vol.day}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/service/hours?from=${e.vol.day}&to=${e.vol.day}&volunteerId=${e.vol.volunteerInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/service/hours?from=${e.vol.day}&to=${e.vol.day}&under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/service/totals': async (e) => [
    { url: `/api/service/totals?from=${e.vol.day}&to=${e.vol.day}&by=person`, expect: 'no-leak', control: 'marker' },
    { url: `/api/service/totals?from=${e.vol.day}&to=${e.vol.day}&by=branch`, expect: 'no-leak', control: 'marker' },
    { url: `/api/service/totals?from=${e.vol.day}&to=${e.vol.day}&by=team`, expect: 'no-leak', control: 'marker' },
    { url: `/api/service/totals?from=${e.vol.day}&to=${e.vol.day}&under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],

  'GET /api/audit': async (e) => [
    { url: '/api/audit?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/audit?areaId=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],

  // ——— issue 5: the task inbox ———
  'GET /api/tasks/mine': async (e) => {
    await e.mon.freshTaskInA();
    return [
      { url: '/api/tasks/mine', expect: 'no-leak', control: 'marker' },
      { url: '/api/tasks/mine?all=true', expect: 'no-leak', control: 'marker' },
    ];
  },
  'GET /api/tasks': async (e) => [
    { url: '/api/tasks?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/tasks?assigneeUserId=${e.a.userId}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/tasks?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/tasks/counts': async (e) => [
    { url: '/api/tasks/counts?by=person', expect: 'no-leak', control: 'marker' },
    { url: '/api/tasks/counts?by=area', expect: 'no-leak', control: 'marker' },
    { url: `/api/tasks/counts?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/tasks': async (e) => [
    { url: '/api/tasks', body: { title: '任务', areaId: e.a.village.id }, expect: 'denied' },
    { url: '/api/tasks', body: { title: '任务', areaId: e.b.village.id, assigneeUserId: e.a.userId }, expect: 'denied', control: 'none' },
  ],
  'POST /api/tasks/reassign': async (e) => [
    { url: '/api/tasks/reassign', body: { taskIds: [await e.mon.freshTaskInA()], assigneeRole: 'cadre' }, expect: 'denied' },
    { url: '/api/tasks/reassign', body: { taskIds: [await e.mon.freshTaskInA()], assigneeUserId: e.b.userId }, expect: 'denied', control: 'none' },
  ],
  'POST /api/tasks/:id/start': async (e) => [{ url: `/api/tasks/${await e.mon.freshTaskInA()}/start`, expect: 'denied' }],
  'POST /api/tasks/:id/done': async (e) => [{ url: `/api/tasks/${await e.mon.freshTaskInA()}/done`, body: { note: '好' }, expect: 'denied' }],
  'POST /api/tasks/:id/fail': async (e) => [{ url: `/api/tasks/${await e.mon.freshTaskInA()}/fail`, body: { reason: '无人' }, expect: 'denied' }],

  // ——— issue 5: policy, sites, measures, follow-ups, fever alerts ———
  // Policy sets are deployment-wide reference data: B sees them as A does, and nothing of A is in them.
  'GET /api/policy/sets': async () => [{ url: '/api/policy/sets', expect: 'no-leak', control: 'ok' }],
  'GET /api/policy/sets/:id': async (e) => {
    const [{ id }] = await e.t.db.query<{ id: number }>('SELECT min(id) AS id FROM policy_sets');
    return [{ url: `/api/policy/sets/${id}`, expect: 'no-leak', control: 'ok' }];
  },
  'POST /api/policy/evaluate': async () => [{ url: '/api/policy/evaluate', body: { situation: { contactType: 'close' } }, expect: 'no-leak', control: 'ok' }],
  // The editor's writes are root-scope only: neither B's nor A's county administrator may make them.
  'POST /api/policy/sets': async (e) => {
    const [{ id }] = await e.t.db.query<{ id: number }>('SELECT min(id) AS id FROM policy_sets');
    return [{ url: '/api/policy/sets', body: { copyOf: id }, expect: 'denied', control: 'none' }];
  },
  'PUT /api/policy/sets/:id': async (e) => [
    {
      url: `/api/policy/sets/${await draftPolicySet(e)}`,
      body: {
        rules: [
          {
            code: 'default',
            name: { zh: '其他', en: 'Otherwise' },
            when: {},
            then: { steps: [], countFrom: 'decision', testDays: [], followUpsPerDay: 0, followUpTimes: [] },
          },
        ],
      },
      expect: 'denied',
      control: 'none',
    },
  ],
  'POST /api/policy/sets/:id/publish': async (e) => [
    { url: `/api/policy/sets/${await draftPolicySet(e)}/publish`, body: { effectiveFrom: '2099-01-01' }, expect: 'denied', control: 'none' },
  ],

  // ——— issue 5: the village daily report (A's area names carry the marker) ———
  'GET /api/daily-reports': async (e) => [
    { url: `/api/daily-reports?areaId=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    { url: `/api/daily-reports?areaId=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/daily-reports/series': async (e) => [{ url: `/api/daily-reports/series?areaId=${e.a.county.id}&days=3`, expect: 'denied', control: 'marker' }],
  'GET /api/daily-reports/export.xlsx': async (e) => [
    { url: `/api/daily-reports/export.xlsx?areaId=${e.a.county.id}`, readBody: xlsxText, expect: 'denied', control: 'marker' },
  ],
  'POST /api/daily-reports/submit': async (e) => [{ url: '/api/daily-reports/submit', body: { areaId: e.a.village.id, day: '2025-06-01' }, expect: 'denied' }],
  'POST /api/daily-reports/reopen': async (e) => {
    // A submits a day of its village first; B may not reopen it, A's county administrator (the level above) may.
    const a = await login(e.t.app, 'leakmark_a');
    const res = await a.post('/api/daily-reports/submit', { areaId: e.a.village.id, day: '2025-06-02' });
    if (res.statusCode !== 200) throw new Error(res.body);
    return [{ url: '/api/daily-reports/reopen', body: { areaId: e.a.village.id, day: '2025-06-02', reason: '数字有误' }, expect: 'denied' }];
  },
  'GET /api/isolation-sites': async (e) => [
    { url: '/api/isolation-sites', expect: 'no-leak', control: 'marker' },
    { url: `/api/isolation-sites?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/isolation-sites': async (e) => [{ url: '/api/isolation-sites', body: { name: '隔离点', areaId: e.a.village.id }, expect: 'denied' }],
  'POST /api/isolation-sites/:id/rooms': async (e) => [
    { url: `/api/isolation-sites/${e.mon.siteInA.id}/rooms`, body: { rooms: [{ code: '901', capacity: 2 }] }, expect: 'denied' },
  ],
  'GET /api/measures': async (e) => [
    { url: '/api/measures?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: '/api/measures?state=active', expect: 'no-leak', control: 'marker' },
    { url: `/api/measures?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/measures/:id': async (e) => [{ url: `/api/measures/${e.mon.measureInA}`, expect: 'denied', control: 'marker' }],
  'POST /api/measures': async (e) => {
    const situation = { contactType: 'close' };
    return [
      { url: '/api/measures', body: { residentId: await e.freshResidentInA(), situation }, expect: 'denied' },
      { url: '/api/measures', body: { residentId: await e.freshResidentInB(), situation, doctorId: e.a.userId }, expect: 'denied', control: 'none' },
      {
        url: '/api/measures',
        body: { residentId: await e.freshResidentInB(), situation, place: 'site', siteId: e.mon.siteInA.id },
        expect: 'denied',
        control: 'none',
      },
    ];
  },
  'PATCH /api/measures/:id': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('proposed')}`, body: { doctorId: null }, expect: 'denied' }],
  'POST /api/measures/:id/confirm': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('proposed')}/confirm`, expect: 'denied' }],
  'POST /api/measures/:id/cancel': async (e) => [
    { url: `/api/measures/${await e.mon.freshMeasureInA('proposed')}/cancel`, body: { reason: '误报' }, expect: 'denied' },
  ],
  'POST /api/measures/:id/start': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('confirmed')}/start`, expect: 'denied' }],
  'POST /api/measures/:id/end-date': async (e) => [
    { url: `/api/measures/${await e.mon.freshMeasureInA('active')}/end-date`, body: { endsOn: e.mon.tomorrow, reason: '调整' }, expect: 'denied' },
  ],
  'POST /api/measures/:id/release-check': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('active')}/release-check`, expect: 'denied' }],
  'POST /api/measures/:id/release': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('release_check')}/release`, body: {}, expect: 'denied' }],
  'POST /api/measures/:id/transfer': async (e) => [
    {
      url: `/api/measures/${await e.mon.freshMeasureInA('active')}/transfer`,
      body: { place: 'site', siteId: e.mon.siteInA.id, roomId: e.mon.siteInA.roomId, reason: '转集中' },
      expect: 'denied',
    },
  ],
  'POST /api/measures/:id/follow-ups/generate': async (e) => [
    { url: `/api/measures/${await e.mon.freshMeasureInA('active')}/follow-ups/generate`, expect: 'denied' },
  ],
  'GET /api/follow-ups/today': async (e) => [
    { url: `/api/follow-ups/today?all=true&day=${e.mon.tomorrow}`, expect: 'no-leak', control: 'marker' },
    { url: '/api/follow-ups/today', expect: 'no-leak', control: 'ok' },
  ],
  'GET /api/follow-ups': async (e) => [
    { url: '/api/follow-ups?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/follow-ups?measureId=${e.mon.measureInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/follow-ups?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/follow-ups/:id/record': async (e) => [
    { url: `/api/follow-ups/${await e.mon.freshFollowUpInA()}/record`, body: { temperature: 36.5 }, expect: 'denied' },
  ],
  'GET /api/fever-alerts': async (e) => [
    { url: '/api/fever-alerts', expect: 'no-leak', control: 'marker' },
    { url: `/api/fever-alerts?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/fever-alerts/:id/resolve': async (e) => [
    { url: `/api/fever-alerts/${await e.mon.freshAlertInA()}/resolve`, body: { resolution: 'false_alarm' }, expect: 'denied' },
  ],
  // ——— issue 5: the risk-area list, arrivals, screening (cross-area-screening.ts) ———
  ...SCREENING_CASES,

  // ——— issue 6: mass testing (sampling-cases.ts) ———
  ...SAMPLING_CASES,
};
