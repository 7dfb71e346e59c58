import { randomUUID } from 'node:crypto';
import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { login } from './harness';

/**
 * Cross-area cases of contact tracing (issue 16), spread into CROSS_AREA_CASES. A's cases are opened for fresh
 * residents of A (named with the marker) and isolated at a place named with it, so a list — where names are
 * masked — still shows the marker; a trajectory row and a contact are made through A's own API. B has a case
 * of its own, to try adding A's people to it.
 */
const DAY = '2025-06-01';
let k = 0;

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}

const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

async function caseInA(e: CrossEnv): Promise<number> {
  const residentId = await e.freshResidentInA();
  const body = { residentId, classification: 'confirmed', reportedOn: DAY, foundBy: 'fever_clinic', isolatedAt: `${MARK}隔离点`, isolatedOn: DAY };
  return (await ok((await a(e)).post('/api/tracing/cases', body))).id as number;
}

async function caseInB(e: CrossEnv): Promise<number> {
  const residentId = await e.freshResidentInB();
  const body = { residentId, classification: 'confirmed', reportedOn: DAY, foundBy: 'other' };
  return (await ok((await login(e.t.app, 'admin_b')).post('/api/tracing/cases', body))).id as number;
}

async function trajectoryRowInA(e: CrossEnv): Promise<number> {
  const rows = [{ kind: 'place', place: `${MARK}饭店`, startsAt: `${DAY}T11:00:00+08:00`, endsAt: `${DAY}T12:00:00+08:00` }];
  return (await ok((await a(e)).post(`/api/tracing/cases/${await caseInA(e)}/trajectory`, { rows }))).items[0].id as number;
}

async function contactInA(e: CrossEnv): Promise<number> {
  const contacts = [
    { residentId: await e.freshResidentInA(), level: 'general', lastExposureOn: DAY, place: `${MARK}饭店`, exposureKind: 'meal', certainty: 'low' },
  ];
  return (await ok((await a(e)).post(`/api/tracing/cases/${await caseInA(e)}/contacts`, { contacts }))).items[0].contact.id as number;
}

/** A positive single-tube result of a fresh resident of A, as the lab sent it. */
async function positiveResultInA(e: CrossEnv): Promise<number> {
  const agent = await a(e);
  const round = await ok(
    agent.post('/api/sampling/rounds', { name: `${MARK}复核${++k}`, areaId: e.a.county.id, startsOn: DAY, endsOn: '2099-12-31', rosterDate: DAY }),
  );
  await ok(agent.post(`/api/sampling/rounds/${round.id}/status`, { status: 'open' }));
  const point = await ok(agent.post(`/api/sampling/rounds/${round.id}/points`, { name: `${MARK}复核点`, areaId: e.a.village.id, desks: 1 }));
  const barcode = `TRACE${String(++k).padStart(6, '0')}`;
  const tube = await ok(agent.post('/api/sampling/tubes', { roundId: round.id, pointId: point.id, desk: 1, barcode, capacity: 1 }));
  await ok(agent.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: tube.id, residentId: await e.freshResidentInA() }));
  await ok(agent.post('/api/sampling/results', { results: [{ barcode, result: 'positive', testedAt: `${DAY}T10:00:00+08:00`, lab: '实验室' }] }));
  const [row] = await e.t.db.query<{ id: number }>('SELECT id FROM sampling_results WHERE tube_id = $1', [tube.id]);
  return row.id;
}

const contactBody = (residentId: number) => ({ contacts: [{ residentId, level: 'close', lastExposureOn: DAY, exposureKind: 'household', certainty: 'high' }] });

/** A chain in A: a case of A with a contact, the chains computed at once (the job would do it within seconds). */
async function chainInA(e: CrossEnv): Promise<number> {
  const contactId = await contactInA(e);
  const [{ case_id }] = await e.t.db.query<{ case_id: number }>('SELECT case_id FROM tracing_contacts WHERE id = $1', [contactId]);
  await ok((await a(e)).post('/api/tracing/chains/recompute', {}));
  return case_id;
}

export const TRACING_CASES: Record<string, CrossCase> = {
  // The rule set's tracing entries are deployment-wide, like the sets themselves.
  'GET /api/tracing/policy': async () => [{ url: '/api/tracing/policy', expect: 'no-leak', control: 'ok' }],
  'GET /api/tracing/cases': async (e) => {
    await caseInA(e);
    return [
      { url: '/api/tracing/cases', expect: 'no-leak', control: 'marker' },
      { url: `/api/tracing/cases?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/tracing/cases': async (e) => [
    {
      url: '/api/tracing/cases',
      body: { residentId: await e.freshResidentInA(), classification: 'confirmed', reportedOn: DAY, foundBy: 'other' },
      expect: 'denied',
    },
  ],
  'POST /api/tracing/cases/from-sampling-result/:id': async (e) => [
    {
      url: `/api/tracing/cases/from-sampling-result/${await positiveResultInA(e)}`,
      body: { isolatedAt: `${MARK}隔离点` },
      expect: 'denied',
      control: 'marker',
    },
  ],
  'GET /api/tracing/cases/:id': async (e) => [{ url: `/api/tracing/cases/${await caseInA(e)}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/tracing/cases/:id': async (e) => [{ url: `/api/tracing/cases/${await caseInA(e)}`, body: { classification: 'discarded' }, expect: 'denied' }],
  'POST /api/tracing/cases/:id/trajectory': async (e) => [
    {
      url: `/api/tracing/cases/${await caseInA(e)}/trajectory`,
      body: { rows: [{ kind: 'place', place: '越权地点', startsAt: `${DAY}T08:00:00+08:00` }] },
      expect: 'denied',
    },
    // B's own case may not name one of A's areas as a place (its name would come back).
    {
      url: `/api/tracing/cases/${await caseInB(e)}/trajectory`,
      body: { rows: [{ kind: 'place', areaId: e.a.village.id, startsAt: `${DAY}T08:00:00+08:00` }] },
      expect: 'denied',
      control: 'none',
    },
  ],
  'DELETE /api/tracing/trajectory/:id': async (e) => [{ url: `/api/tracing/trajectory/${await trajectoryRowInA(e)}`, expect: 'denied' }],
  'POST /api/tracing/cases/:id/contacts': async (e) => [
    { url: `/api/tracing/cases/${await caseInA(e)}/contacts`, body: contactBody(await e.freshResidentInA()), expect: 'denied', control: 'marker' },
    // B's own case may not take one of A's people as a contact.
    { url: `/api/tracing/cases/${await caseInB(e)}/contacts`, body: contactBody(await e.freshResidentInA()), expect: 'denied', control: 'none' },
  ],
  'POST /api/tracing/contacts/:id/placement': async (e) => [
    { url: `/api/tracing/contacts/${await contactInA(e)}/placement`, body: { state: 'placed', note: '越权' }, expect: 'denied' },
  ],
  'GET /api/tracing/chains': async (e) => {
    const chainId = await chainInA(e);
    return [
      { url: '/api/tracing/chains', expect: 'no-leak', control: 'ok' },
      { url: `/api/tracing/chains?caseId=${chainId}`, expect: 'no-leak', control: 'ok' },
      { url: `/api/tracing/chains?under=${e.a.village.id}`, expect: 'denied', control: 'ok' },
    ];
  },
  'GET /api/tracing/chains/:id': async (e) => [{ url: `/api/tracing/chains/${await chainInA(e)}`, expect: 'denied', control: 'ok' }],
  // Deployment-wide work answered with its time only.
  'POST /api/tracing/chains/recompute': async () => [{ url: '/api/tracing/chains/recompute', body: {}, expect: 'no-leak', control: 'none' }],
};
