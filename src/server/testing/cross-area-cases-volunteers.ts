import { type CrossCase, madeByA, MARK, PURPOSE, xlsxText } from './cross-area-kit';

/** Cross-area cases of party organisations, volunteers, enlistment, deployments, duty and service hours. */
export const VOLUNTEER_CASES: Record<string, CrossCase> = {
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
  'POST /api/volunteers/figures.xlsx': async (e) => [
    { url: '/api/volunteers/figures.xlsx', body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/figures.xlsx?under=${e.a.county.id}`, body: PURPOSE, expect: 'denied', control: 'marker', readBody: xlsxText },
  ],
  'POST /api/volunteers/export.xlsx': async (e) => [
    { url: '/api/volunteers/export.xlsx', body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/export.xlsx?reveal=true&q=${MARK}`, body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/export.xlsx?orgId=${e.vol.orgInA}`, body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    { url: `/api/volunteers/export.xlsx?under=${e.a.county.id}`, body: PURPOSE, expect: 'denied', control: 'marker', readBody: xlsxText },
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
};
