import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { login } from './harness';
import { DEFAULT_POLICY } from '../../domain/vaccination/policy';

/**
 * Cross-area cases of the vaccination outreach (issue 18 point 3). A's records: a person of 85 in A's village named
 * with the marker (so on A's 60+ list and in its coverage), a vehicle and a session of A's village named with the
 * marker, and a ride booked for that person. B's administrator may read none of them nor write through them.
 */
let k = 0;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// Tomorrow in UTC is today or tomorrow in the deployment's zone: a session day safely not in the past.
const sessionDay = () => iso(Date.now() + DAY);

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}
const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

async function elderInA(e: CrossEnv): Promise<number> {
  const body = {
    householdId: e.householdInA,
    name: `${MARK}老人${++k}`,
    idType: 'none',
    birthDate: iso(Date.now() - 85 * 365.25 * DAY),
    movedInOn: '2025-01-01',
  };
  return (await ok((await a(e)).post('/api/residents', body))).id;
}
async function vehicleInA(e: CrossEnv): Promise<number> {
  return (await ok((await a(e)).post('/api/vaccination/vehicles', { areaId: e.a.village.id, name: `${MARK}车${++k}`, seats: 4, wheelchairSpaces: 1 }))).id;
}
async function sessionInA(e: CrossEnv): Promise<number> {
  const body = { areaId: e.a.village.id, day: sessionDay(), site: `${MARK}接种点${++k}`, startsAt: '08:00', endsAt: '12:00' };
  return (await ok((await a(e)).post('/api/vaccination/sessions', body))).id;
}
async function rideInA(e: CrossEnv): Promise<void> {
  await vehicleInA(e);
  const session = await sessionInA(e);
  await ok((await a(e)).post(`/api/vaccination/sessions/${session}/riders`, { residentId: await elderInA(e), wheelchair: true, from: '08:00', to: '09:00' }));
}

export const VACCINATION_CASES: Record<string, CrossCase> = {
  'GET /api/vaccination/policy': async () => [{ url: '/api/vaccination/policy', expect: 'no-leak', control: 'ok' }],
  // Deployment-wide policy data: B (not at the top of the tree) may not write it; A neither, so no control.
  'PUT /api/vaccination/policy': async () => [
    { url: '/api/vaccination/policy', body: { ...DEFAULT_POLICY, note: '跨区测试' }, expect: 'denied', control: 'none' },
  ],
  'GET /api/vaccination/outreach': async (e) => {
    await elderInA(e);
    return [
      { url: '/api/vaccination/outreach', expect: 'no-leak', control: 'marker' },
      { url: `/api/vaccination/outreach?under=${e.a.village.id}&band=80plus&dueOnly=true`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/vaccination/people/:id': async (e) => [{ url: `/api/vaccination/people/${await elderInA(e)}`, expect: 'denied', control: 'marker' }],
  'POST /api/vaccination/people/:id/contacts': async (e) => [
    { url: `/api/vaccination/people/${await elderInA(e)}/contacts`, body: { kind: 'call', outcome: 'refused', reason: 'no_time' }, expect: 'denied' },
  ],
  'POST /api/vaccination/people/:id/doses': async (e) => [
    {
      url: `/api/vaccination/people/${await elderInA(e)}/doses`,
      body: { givenOn: iso(Date.now() - 10 * DAY), product: '越权疫苗', batch: 'X1' },
      expect: 'denied',
    },
  ],
  'POST /api/vaccination/calls': async (e) => {
    await elderInA(e);
    return [{ url: '/api/vaccination/calls', body: { areaId: e.a.village.id }, expect: 'denied' }];
  },
  'GET /api/vaccination/vehicles': async (e) => {
    await vehicleInA(e);
    return [
      { url: '/api/vaccination/vehicles', expect: 'no-leak', control: 'marker' },
      { url: `/api/vaccination/vehicles?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/vaccination/vehicles': async (e) => [
    { url: '/api/vaccination/vehicles', body: { areaId: e.a.village.id, name: `越权车${++k}`, seats: 4 }, expect: 'denied' },
  ],
  'GET /api/vaccination/sessions': async (e) => {
    await sessionInA(e);
    return [
      { url: '/api/vaccination/sessions', expect: 'no-leak', control: 'marker' },
      { url: `/api/vaccination/sessions?under=${e.a.village.id}&day=${sessionDay()}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/vaccination/sessions': async (e) => [
    {
      url: '/api/vaccination/sessions',
      body: { areaId: e.a.village.id, day: sessionDay(), site: '越权接种点', startsAt: '08:00', endsAt: '12:00' },
      expect: 'denied',
    },
  ],
  'POST /api/vaccination/sessions/:id/riders': async (e) => [
    {
      url: `/api/vaccination/sessions/${await sessionInA(e)}/riders`,
      body: { residentId: await elderInA(e), from: '08:00', to: '09:00' },
      expect: 'denied',
    },
    // B's own session may not take A's person.
    {
      url: `/api/vaccination/sessions/${(await ok((await login(e.t.app, 'admin_b')).post('/api/vaccination/sessions', { areaId: e.b.village.id, day: sessionDay(), site: '乙接种点', startsAt: '08:00', endsAt: '12:00' }))).id}/riders`,
      body: { residentId: await elderInA(e), from: '08:00', to: '09:00' },
      expect: 'denied',
      control: 'none',
    },
  ],
  'GET /api/vaccination/ride-plan': async (e) => {
    await rideInA(e);
    return [{ url: `/api/vaccination/ride-plan?villageId=${e.a.village.id}&day=${sessionDay()}`, expect: 'denied', control: 'marker' }];
  },
  'GET /api/vaccination/coverage': async (e) => {
    await elderInA(e);
    return [
      { url: '/api/vaccination/coverage', expect: 'no-leak', control: 'marker' },
      { url: `/api/vaccination/coverage?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
    ];
  },
};
