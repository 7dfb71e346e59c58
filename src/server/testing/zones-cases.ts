import { randomUUID } from 'node:crypto';
import { todayIn } from '../platform/dates';
import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { login } from './harness';

/**
 * Cross-area cases of risk zones (issue 16, point 6), spread into CROSS_AREA_CASES. A's zones are declared by A's
 * own user over fresh areas of A (named with the marker, so a zone's area name carries it); the level is 'low' so
 * A's control may lift it at once under any rule set in force.
 */
async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}

const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');
const today = (e: CrossEnv) => todayIn(e.t.app.timeZone);

async function zoneInA(e: CrossEnv): Promise<number> {
  const area = await e.freshAreaInA();
  return (await ok((await a(e)).post('/api/zones', { areaId: area.id, level: 'low', fromOn: today(e), note: `${MARK}说明` }))).id as number;
}

/** One zone over A's village (its household lies there) for the sealed-estate routes, declared once per walk. */
const villageZones = new WeakMap<CrossEnv, Promise<number>>();
function villageZoneInA(e: CrossEnv): Promise<number> {
  let z = villageZones.get(e);
  if (!z) {
    z = (async () => (await ok((await a(e)).post('/api/zones', { areaId: e.a.village.id, level: 'high', fromOn: today(e) }))).id as number)();
    villageZones.set(e, z);
  }
  return z;
}

async function greenInA(e: CrossEnv): Promise<number> {
  const z = await villageZoneInA(e);
  return (
    await ok((await a(e)).post(`/api/zones/${z}/green-channel`, { kind: 'other', requestedAt: new Date(Date.now() - 600_000).toISOString(), note: MARK }))
  ).id as number;
}

async function problemInA(e: CrossEnv): Promise<number> {
  const z = await villageZoneInA(e);
  return (await ok((await a(e)).post(`/api/zones/${z}/problems`, { summary: `${MARK}问题` }))).id as number;
}

const clientId = () => `cross-${randomUUID()}`;

export const ZONES_CASES: Record<string, CrossCase> = {
  // The rule sets are deployment-wide reference data, like the policy sets.
  'GET /api/zones/policy': async () => [{ url: '/api/zones/policy', expect: 'no-leak', control: 'ok' }],
  'GET /api/zones': async (e) => {
    await zoneInA(e);
    return [
      { url: '/api/zones', expect: 'no-leak', control: 'marker' },
      { url: `/api/zones?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/zones': async (e) => [{ url: '/api/zones', body: { areaId: (await e.freshAreaInA()).id, level: 'high', fromOn: today(e) }, expect: 'denied' }],
  'GET /api/zones/:id': async (e) => [{ url: `/api/zones/${await zoneInA(e)}`, expect: 'denied', control: 'marker' }],
  'GET /api/zones/:id/people': async (e) => [{ url: `/api/zones/${await zoneInA(e)}/people`, expect: 'denied', control: 'ok' }],
  'POST /api/zones/:id/raise': async (e) => [
    { url: `/api/zones/${await zoneInA(e)}/raise`, body: { level: 'high', fromOn: today(e) }, expect: 'denied', control: 'marker' },
  ],
  'POST /api/zones/:id/lift': async (e) => [{ url: `/api/zones/${await zoneInA(e)}/lift`, body: {}, expect: 'denied', control: 'marker' }],
  'GET /api/zones/:id/board': async (e) => {
    await problemInA(e);
    return [{ url: `/api/zones/${await villageZoneInA(e)}/board`, expect: 'denied', control: 'marker' }];
  },
  'POST /api/zones/:id/needs': async (e) => [
    {
      url: `/api/zones/${await villageZoneInA(e)}/needs`,
      body: { clientId: clientId(), householdId: e.householdInA, needs: ['food'] },
      expect: 'denied',
      control: 'ok',
    },
  ],
  'POST /api/zones/:id/distributions': async (e) => [
    {
      url: `/api/zones/${await villageZoneInA(e)}/distributions`,
      body: { clientId: clientId(), householdId: e.householdInA, day: today(e), items: '米', confirmation: 'recipient', recipient: '本人' },
      expect: 'denied',
      control: 'ok',
    },
  ],
  'POST /api/zones/:id/green-channel': async (e) => [
    {
      url: `/api/zones/${await villageZoneInA(e)}/green-channel`,
      body: { kind: 'dialysis', requestedAt: new Date(Date.now() - 60_000).toISOString(), note: MARK },
      expect: 'denied',
      control: 'marker',
    },
  ],
  'POST /api/zones/green-channel/:id/respond': async (e) => [
    { url: `/api/zones/green-channel/${await greenInA(e)}/respond`, body: { respondedAt: new Date().toISOString() }, expect: 'denied', control: 'marker' },
  ],
  'POST /api/zones/:id/problems': async (e) => [
    { url: `/api/zones/${await villageZoneInA(e)}/problems`, body: { summary: `${MARK}缺药` }, expect: 'denied', control: 'marker' },
  ],
  'POST /api/zones/problems/:id/outcome': async (e) => [
    { url: `/api/zones/problems/${await problemInA(e)}/outcome`, body: { outcome: 'solved' }, expect: 'denied', control: 'marker' },
  ],
};
