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
};
