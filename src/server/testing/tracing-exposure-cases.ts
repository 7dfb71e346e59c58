import { type CrossCase, type CrossEnv, MARK, PURPOSE, xlsxText } from './cross-area-kit';
import { multipartBody, xlsxBuffer } from './sheets';
import { login } from './harness';

/**
 * Cross-area cases of contact tracing's second slice (issue 16, points 3, 4, 8): exposure suggestions, venues, the
 * contacts board and assist requests. A's records are made through A's own API and named with the marker (a venue,
 * a place, a target county), so lists where people's names are masked still show it in A's own control.
 */
const DAY = '2025-06-01';

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}
const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

/** A case of A: its household (A's marked residents) makes its suggestions. */
async function caseInA(e: CrossEnv): Promise<number> {
  const residentId = await e.freshResidentInA();
  await e.freshResidentInA();
  return (await ok((await a(e)).post('/api/tracing/cases', { residentId, classification: 'confirmed', reportedOn: DAY, foundBy: 'other' }))).id;
}

async function venueInA(e: CrossEnv): Promise<{ id: number; token: string }> {
  const v = await ok((await a(e)).post('/api/tracing/venues', { areaId: e.a.village.id, name: `${MARK}饭店` }));
  const scan = await e.t.app.inject({ method: 'POST', url: `/api/tracing/scan/${v.token}`, payload: { name: `${MARK}食客`, phone: '13800138000' } });
  if (scan.statusCode !== 201) throw new Error(scan.body);
  return v;
}

/** A sampling point of A in a round of A's (a trajectory row may name it). */
async function pointInA(e: CrossEnv): Promise<number> {
  const agent = await a(e);
  const round = await ok(agent.post('/api/sampling/rounds', { name: `${MARK}流调轮次`, areaId: e.a.county.id, startsOn: DAY, endsOn: DAY, rosterDate: DAY }));
  return (await ok(agent.post(`/api/sampling/rounds/${round.id}/points`, { name: `${MARK}流调采样点`, areaId: e.a.village.id }))).id;
}

async function contactInA(e: CrossEnv): Promise<number> {
  const contacts = [
    { residentId: await e.freshResidentInA(), level: 'close', lastExposureOn: DAY, place: `${MARK}饭店`, exposureKind: 'meal', certainty: 'high' },
  ];
  return (await ok((await a(e)).post(`/api/tracing/cases/${await caseInA(e)}/contacts`, { contacts }))).items[0].contact.id;
}

async function assistInA(e: CrossEnv): Promise<{ id: number; ref: string }> {
  const agent = await a(e);
  await ok(agent.post('/api/tracing/contacts/bulk', { action: 'assist', contactIds: [await contactInA(e)], targetRegion: `${MARK}县` }));
  const listed = await ok(agent.get('/api/tracing/assist-requests?state=open'));
  return listed.items[0];
}

export const TRACING_EXPOSURE_CASES: Record<string, CrossCase> = {
  'GET /api/tracing/cases/:id/exposures': async (e) => [{ url: `/api/tracing/cases/${await caseInA(e)}/exposures`, expect: 'denied', control: 'marker' }],
  'GET /api/tracing/venues': async (e) => {
    await venueInA(e);
    return [
      { url: '/api/tracing/venues', expect: 'no-leak', control: 'marker' },
      { url: `/api/tracing/venues?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/tracing/known-points': async (e) => {
    await pointInA(e);
    return [{ url: '/api/tracing/known-points', expect: 'no-leak', control: 'marker' }];
  },
  'POST /api/tracing/venues': async (e) => [{ url: '/api/tracing/venues', body: { areaId: e.a.village.id, name: '越权场所' }, expect: 'denied' }],
  'PATCH /api/tracing/venues/:id': async (e) => [
    { url: `/api/tracing/venues/${(await venueInA(e)).id}`, body: { name: '越权改名' }, expect: 'denied', control: 'marker' },
  ],
  'GET /api/tracing/venues/:id/visits': async (e) => [{ url: `/api/tracing/venues/${(await venueInA(e)).id}/visits`, expect: 'denied', control: 'ok' }],
  'GET /api/tracing/contacts': async (e) => {
    await contactInA(e);
    return [
      { url: '/api/tracing/contacts', expect: 'no-leak', control: 'marker' },
      { url: `/api/tracing/contacts?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/tracing/contacts/bulk': async (e) => [
    { url: '/api/tracing/contacts/bulk', body: { action: 'not_found', contactIds: [await contactInA(e)] }, expect: 'denied' },
    { url: '/api/tracing/contacts/bulk', body: { action: 'placed', contactIds: [await contactInA(e)] }, expect: 'denied' },
    { url: '/api/tracing/contacts/bulk', body: { action: 'assign', contactIds: [await contactInA(e)], userId: e.a.userId }, expect: 'denied' },
  ],
  'GET /api/tracing/assist-requests': async (e) => {
    await assistInA(e);
    return [{ url: '/api/tracing/assist-requests', expect: 'no-leak', control: 'marker' }];
  },
  'POST /api/tracing/assist-requests/export.xlsx': async (e) => {
    const req = await assistInA(e);
    const url = '/api/tracing/assist-requests/export.xlsx';
    return [
      { url, body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
      { url, body: { ...PURPOSE, ids: [req.id] }, expect: 'denied', control: 'marker', readBody: xlsxText },
    ];
  },
  'POST /api/tracing/assist-requests/answers': async (e) => {
    const req = await assistInA(e);
    // B answers A's request with A's own reference: nothing is applied, and the answer names nothing of A's.
    const sheet = await xlsxBuffer({
      协查: [
        ['协查编号', '协查结果', '结果说明'],
        [req.ref, '未找到', '越权回复'],
      ],
    });
    const file = multipartBody('回复.xlsx', sheet);
    return [{ url: '/api/tracing/assist-requests/answers', body: file.payload, headers: file.headers, expect: 'no-leak', control: 'ok' }];
  },
};
