import * as catalog from '../modules/divisions';
import { type CrossCase, MARK, self } from './cross-area-kit';
import { login } from './harness';

/** Cross-area cases of sign-in, the area tree, the division catalogue, accounts, roles and the audit trail. */
export const PLATFORM_CASES: Record<string, CrossCase> = {
  'GET /api/auth/me': async () => [{ url: '/api/auth/me', expect: 'no-leak', control: 'marker' }],
  'POST /api/auth/logout': self,
  'POST /api/auth/logout-all': self,
  'GET /api/auth/sessions': async () => [{ url: '/api/auth/sessions', expect: 'no-leak', control: 'ok' }],
  // B may not end A's session: its id must look like a missing one.
  'POST /api/auth/sessions/:sessionId/end': async (e) => {
    const a = await login(e.t.app, 'leakmark_a');
    const [mine] = (await a.get('/api/auth/sessions')).json().items as { id: string }[];
    return [{ url: `/api/auth/sessions/${mine.id}/end`, expect: 'denied', control: 'none' }];
  },
  'POST /api/auth/sessions/end-others': self,
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

  // The disclosures threshold and the day's figures per user: deployment-wide, root only (both walk users refused).
  'GET /api/audit/disclosures': async () => [{ url: '/api/audit/disclosures', expect: 'denied', control: 'none' }],
  'PUT /api/audit/disclosures/threshold': async () => [{ url: '/api/audit/disclosures/threshold', body: { perDay: 1 }, expect: 'denied', control: 'none' }],
  'GET /api/audit': async (e) => [
    { url: '/api/audit?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/audit?areaId=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
};
