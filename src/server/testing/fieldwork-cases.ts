import { todayIn } from '../platform/dates';
import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { login } from './harness';
import { uploadPhoto } from './photos';

/**
 * Cross-area cases of field work (issue 18 points 1–2). A's records: a routine job done at a place named with the
 * marker, a round planned over a place of A's (so a planned job), publicity placed in A's village and a campaign in
 * it with a household ticked. Terminal jobs the sweep makes from A's cases carry no user and are left out of the
 * walk's snapshot until someone records them done (walk-env.ts); the policy is deployment-wide.
 */
let k = 0;
// The deployment's day, not UTC's: between 16:00 and 24:00 UTC they differ, and a campaign of "today" was closed.
const today = (e: CrossEnv) => todayIn(e.t.app.timeZone);
const WORK = { teamName: `${MARK}消杀队`, disinfectant: '含氯消毒剂', method: 'spray', areaM2: 100 };

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}
const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

async function jobInA(e: CrossEnv): Promise<number> {
  // An hour ago: the day's figures hold it whatever the deployment's time zone's midnight.
  const doneAt = new Date(Date.now() - 3_600_000).toISOString();
  return (
    await ok((await a(e)).post('/api/fieldwork/disinfection/jobs', { kind: 'routine', areaId: e.a.village.id, place: `${MARK}广场${++k}`, doneAt, ...WORK }))
  ).id;
}

const roundBody = (e: CrossEnv, areaId: number) => ({
  name: `${MARK}消杀轮次${++k}`,
  areaId,
  teamName: `${MARK}消杀队`,
  places: [{ name: `${MARK}市场`, areaId }],
  dates: [today(e)],
});
async function plannedJobInA(e: CrossEnv): Promise<number> {
  const agent = await a(e);
  const round = await ok(agent.post('/api/fieldwork/disinfection/rounds', roundBody(e, e.a.village.id)));
  const { items } = await ok(agent.get(`/api/fieldwork/disinfection/jobs?status=planned&under=${e.a.village.id}&limit=500`));
  return items.find((j: { roundId: number }) => j.roundId === round.id).id;
}

async function publicityInA(e: CrossEnv): Promise<void> {
  const agent = await a(e);
  await ok(
    agent.post('/api/fieldwork/publicity/items', {
      kind: 'banner',
      areaId: e.a.village.id,
      count: 3,
      placedOn: today(e),
      place: `${MARK}村口`,
      photoIds: [await uploadPhoto(agent)],
    }),
  );
}

async function campaignInA(e: CrossEnv, visited = true): Promise<number> {
  const agent = await a(e);
  const c = await ok(
    agent.post('/api/fieldwork/campaigns', { name: `${MARK}入户宣传${++k}`, areaId: e.a.village.id, startsOn: today(e), endsOn: today(e), template: 'wubao' }),
  );
  if (visited) await ok(agent.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: e.householdInA, ticked: ['talk_situation'] }));
  return c.id;
}

export const FIELDWORK_CASES: Record<string, CrossCase> = {
  'GET /api/fieldwork/policy': async () => [{ url: '/api/fieldwork/policy', expect: 'no-leak', control: 'ok' }],
  'GET /api/fieldwork/disinfection/jobs': async (e) => {
    await jobInA(e);
    return [
      { url: '/api/fieldwork/disinfection/jobs', expect: 'no-leak', control: 'marker' },
      { url: `/api/fieldwork/disinfection/jobs?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/fieldwork/disinfection/jobs': async (e) => [
    { url: '/api/fieldwork/disinfection/jobs', body: { kind: 'routine', areaId: e.a.village.id, place: '越权广场', ...WORK }, expect: 'denied' },
  ],
  'GET /api/fieldwork/disinfection/jobs/:id': async (e) => [
    { url: `/api/fieldwork/disinfection/jobs/${await jobInA(e)}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/fieldwork/disinfection/jobs/:id/done': async (e) => [
    {
      url: `/api/fieldwork/disinfection/jobs/${await plannedJobInA(e)}/done`,
      body: { disinfectant: '过氧乙酸', method: 'wipe', areaM2: 50 },
      expect: 'denied',
    },
  ],
  'GET /api/fieldwork/disinfection/rounds': async (e) => {
    await plannedJobInA(e);
    return [
      { url: '/api/fieldwork/disinfection/rounds', expect: 'no-leak', control: 'marker' },
      { url: `/api/fieldwork/disinfection/rounds?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/fieldwork/disinfection/rounds': async (e) => [
    { url: '/api/fieldwork/disinfection/rounds', body: roundBody(e, e.a.village.id), expect: 'denied' },
    // B's own round may not take a place of A's.
    {
      url: '/api/fieldwork/disinfection/rounds',
      body: { ...roundBody(e, e.b.village.id), places: [{ name: '越权', areaId: e.a.village.id }] },
      expect: 'denied',
      control: 'none',
    },
  ],
  'GET /api/fieldwork/disinfection/figures': async (e) => {
    await jobInA(e);
    const from = new Date(Date.parse(today(e)) - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(today(e)) + 86_400_000).toISOString().slice(0, 10);
    return [
      { url: `/api/fieldwork/disinfection/figures?from=${from}&to=${to}`, expect: 'no-leak', control: 'marker' },
      { url: `/api/fieldwork/disinfection/figures?from=${from}&to=${to}&under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/fieldwork/publicity/items': async (e) => {
    await publicityInA(e);
    return [
      { url: '/api/fieldwork/publicity/items', expect: 'no-leak', control: 'marker' },
      { url: `/api/fieldwork/publicity/items?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/fieldwork/publicity/items': async (e) => [
    // A's own photo: B is refused on the area before any photo is looked at; A's control then binds it.
    {
      url: '/api/fieldwork/publicity/items',
      body: { kind: 'poster', areaId: e.a.village.id, count: 1, placedOn: today(e), photoIds: [await uploadPhoto(await a(e))] },
      expect: 'denied',
    },
  ],
  'GET /api/fieldwork/publicity/counts': async (e) => {
    await publicityInA(e);
    return [
      { url: '/api/fieldwork/publicity/counts', expect: 'no-leak', control: 'marker' },
      { url: `/api/fieldwork/publicity/counts?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/fieldwork/campaigns': async (e) => {
    await campaignInA(e);
    return [
      { url: '/api/fieldwork/campaigns', expect: 'no-leak', control: 'marker' },
      { url: `/api/fieldwork/campaigns?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/fieldwork/campaigns': async (e) => [
    {
      url: '/api/fieldwork/campaigns',
      body: { name: '越权宣传', areaId: e.a.village.id, startsOn: today(e), endsOn: today(e), template: 'wubao' },
      expect: 'denied',
    },
  ],
  'GET /api/fieldwork/campaigns/:id': async (e) => [{ url: `/api/fieldwork/campaigns/${await campaignInA(e)}`, expect: 'denied', control: 'marker' }],
  'GET /api/fieldwork/campaigns/:id/households': async (e) => [
    { url: `/api/fieldwork/campaigns/${await campaignInA(e)}/households`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/fieldwork/campaigns/:id/households': async (e) => [
    {
      url: `/api/fieldwork/campaigns/${await campaignInA(e, false)}/households`,
      body: { householdId: e.householdInA, ticked: ['talk_policy'] },
      expect: 'denied',
    },
    // B's own campaign may not tick A's household.
    {
      url: `/api/fieldwork/campaigns/${(await ok((await login(e.t.app, 'admin_b')).post('/api/fieldwork/campaigns', { name: '乙宣传', areaId: e.b.village.id, startsOn: today(e), endsOn: today(e), template: 'wubao' }))).id}/households`,
      body: { householdId: e.householdInA, ticked: ['talk_policy'] },
      expect: 'denied',
      control: 'none',
    },
  ],
};
