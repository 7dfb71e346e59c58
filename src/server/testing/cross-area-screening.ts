import { randomUUID } from 'node:crypto';
import { todayIn } from '../platform/dates';
import type { CrossCase, CrossEnv } from './cross-area-cases';
import { login } from './harness';
import { multipartBody } from './sheets';

/**
 * Cross-area cases of the risk-area list, arrivals and screening (issue 5 items 2–3). Their records of A —
 * a campaign named with the marker over A's household, a visit, an arrival of a resident named with it —
 * are made on first use, once per walk.
 */
const MARK = 'LEAKMARK';

interface ScreeningInA {
  day: string;
  campaignId: number;
  targetId: number;
  arrivalId: number;
  visit: { clientId: string; campaignId: number; householdId: number; outcome: string };
}

const made = new WeakMap<CrossEnv, Promise<ScreeningInA>>();
let n = 0;

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}

const asA = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

async function freshCampaignInA(e: CrossEnv, day: string): Promise<number> {
  const body = { name: `${MARK}敲门${++n}`, areaId: e.a.village.id, startsOn: day, endsOn: day, target: 'selection', householdIds: [e.householdInA] };
  return (await ok((await asA(e)).post('/api/screening/campaigns', body))).id;
}

async function freshArrivalInA(e: CrossEnv, day: string): Promise<number> {
  const residentId = await e.freshResidentInA();
  return (await ok((await asA(e)).post('/api/arrivals', { residentId, originCode: '420106', arrivedOn: day, transportNo: `${MARK}次` }))).id;
}

function screeningInA(e: CrossEnv): Promise<ScreeningInA> {
  let p = made.get(e);
  if (!p) {
    p = (async () => {
      const day = todayIn(e.t.app.timeZone);
      const campaignId = await freshCampaignInA(e, day);
      const [{ id: targetId }] = await e.t.db.query<{ id: number }>('SELECT id FROM screening_targets WHERE campaign_id = $1', [campaignId]);
      const visit = { clientId: randomUUID(), campaignId, householdId: e.householdInA, outcome: 'nobody_home' };
      await ok((await asA(e)).post('/api/screening/visits', visit));
      return { day, campaignId, targetId, arrivalId: await freshArrivalInA(e, day), visit };
    })();
    made.set(e, p);
  }
  return p;
}

/** A roster change proposed by a visit to A's household (as a volunteer's visit would leave it), named with the marker. */
async function freshProposalInA(e: CrossEnv): Promise<number> {
  const s = await screeningInA(e);
  const [{ id }] = await e.t.db.query<{ id: number }>(
    `INSERT INTO roster_proposals (visit_id, visit_at, household_id, area_path, kind, payload)
     SELECT v.id, v.visited_at, v.household_id, v.area_path, 'add', jsonb_build_object('name', $2::text, 'idType', 'none', 'movedInOn', $3::text)
       FROM screening_visits v WHERE v.client_id = $1 RETURNING id`,
    [s.visit.clientId, `${MARK}新人${++n}`, s.day],
  );
  return id;
}

const riskCsv = () => multipartBody('风险地区.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,高,2022-08-01\n'));

export const SCREENING_CASES: Record<string, CrossCase> = {
  // The risk-area list is deployment-wide reference data; only a root-scoped user imports it (A's user is not one).
  'POST /api/risk-areas/import': async () => {
    const f = riskCsv();
    return [{ url: '/api/risk-areas/import', body: f.payload, headers: f.headers, expect: 'denied', control: 'none' }];
  },
  'GET /api/risk-areas': async () => [{ url: '/api/risk-areas?on=2022-08-01', expect: 'no-leak', control: 'ok' }],
  'GET /api/risk-areas/level': async () => [{ url: '/api/risk-areas/level?code=420106001&on=2022-08-01', expect: 'no-leak', control: 'ok' }],

  'GET /api/arrivals': async (e) => {
    await screeningInA(e);
    return [
      { url: '/api/arrivals?pageSize=200', expect: 'no-leak', control: 'marker' },
      { url: `/api/arrivals?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/arrivals/:id': async (e) => [{ url: `/api/arrivals/${(await screeningInA(e)).arrivalId}`, expect: 'denied', control: 'marker' }],
  'POST /api/arrivals': async (e) => [
    { url: '/api/arrivals', body: { residentId: await e.freshResidentInA(), originCode: '420106', arrivedOn: '2022-08-02' }, expect: 'denied' },
  ],
  'POST /api/arrivals/:id/propose': async (e) => [
    { url: `/api/arrivals/${await freshArrivalInA(e, (await screeningInA(e)).day)}/propose`, body: {}, expect: 'denied' },
  ],

  'GET /api/screening/campaigns': async (e) => {
    await screeningInA(e);
    return [
      { url: '/api/screening/campaigns', expect: 'no-leak', control: 'marker' },
      { url: `/api/screening/campaigns?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/screening/campaigns': async (e) => {
    const day = (await screeningInA(e)).day;
    return [
      { url: '/api/screening/campaigns', body: { name: '敲门', areaId: e.a.village.id, startsOn: day, endsOn: day }, expect: 'denied' },
      {
        url: '/api/screening/campaigns',
        body: { name: '敲门', areaId: e.b.village.id, startsOn: day, endsOn: day, target: 'selection', householdIds: [e.householdInA] },
        expect: 'denied',
        control: 'none',
      },
    ];
  },
  'GET /api/screening/campaigns/:id': async (e) => [
    { url: `/api/screening/campaigns/${(await screeningInA(e)).campaignId}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/screening/campaigns/:id/progress': async (e) => [
    { url: `/api/screening/campaigns/${(await screeningInA(e)).campaignId}/progress?by=grid`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/screening/campaigns/:id/unvisited': async (e) => [
    { url: `/api/screening/campaigns/${(await screeningInA(e)).campaignId}/unvisited`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/screening/campaigns/:id/close': async (e) => [
    { url: `/api/screening/campaigns/${await freshCampaignInA(e, (await screeningInA(e)).day)}/close`, expect: 'denied' },
  ],
  'GET /api/screening/targets/:id': async (e) => [{ url: `/api/screening/targets/${(await screeningInA(e)).targetId}`, expect: 'denied', control: 'marker' }],
  'POST /api/screening/visits': async (e) => {
    const s = await screeningInA(e);
    return [
      // A new visit to A's household, and a replay of A's recorded visit by its phone id: neither reaches B.
      {
        url: '/api/screening/visits',
        body: { clientId: randomUUID(), campaignId: s.campaignId, householdId: e.householdInA, outcome: 'refused' },
        expect: 'denied',
      },
      { url: '/api/screening/visits', body: s.visit, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/screening/roster-proposals': async (e) => {
    await freshProposalInA(e);
    return [
      { url: '/api/screening/roster-proposals?pageSize=200', expect: 'no-leak', control: 'marker' },
      { url: '/api/screening/roster-proposals?status=pending', expect: 'no-leak', control: 'marker' },
    ];
  },
  'POST /api/screening/roster-proposals/:id/confirm': async (e) => [
    { url: `/api/screening/roster-proposals/${await freshProposalInA(e)}/confirm`, expect: 'denied' },
  ],
  'POST /api/screening/roster-proposals/:id/reject': async (e) => [
    { url: `/api/screening/roster-proposals/${await freshProposalInA(e)}/reject`, body: { reason: '不是本户' }, expect: 'denied' },
  ],
  'GET /api/screening/visits': async (e) => {
    const s = await screeningInA(e);
    return [
      { url: '/api/screening/visits?pageSize=200', expect: 'no-leak', control: 'marker' },
      { url: `/api/screening/visits?campaignId=${s.campaignId}`, expect: 'no-leak', control: 'marker' },
    ];
  },
};
