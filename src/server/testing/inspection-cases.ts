import { groupInA } from './command-cases';
import { type CrossCase, type CrossEnv, MARK, xlsxText } from './cross-area-kit';
import { login } from './harness';
import { uploadPhoto } from './photos';

/**
 * Cross-area cases of inspections (issue 18 point 4). A's records are a market in A's village named with the marker,
 * an inspection of it with a failed item (so a rectification order), and a plan named with the marker. B has a
 * market of its own, to try naming A's village as the unit responsible. Checklists and the policy are deployment-wide.
 */
let k = 0;
// Inspections an hour old: their orders (72 h for a major item) are not overdue, so the escalation job, which runs
// on its own schedule during the walk, changes none of A's rows between the walk's snapshots.
const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PERIOD = `from=${day(Date.now() - 30 * 86_400_000)}&to=${day(Date.now() + 86_400_000)}`;

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}
const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

async function marketInA(e: CrossEnv): Promise<number> {
  return (await ok((await a(e)).post('/api/inspections/targets', { kind: 'market', areaId: e.a.village.id, name: `${MARK}市场${++k}` }))).id;
}
async function marketInB(e: CrossEnv): Promise<number> {
  return (await ok((await login(e.t.app, 'admin_b')).post('/api/inspections/targets', { kind: 'market', areaId: e.b.village.id, name: `乙市场${++k}` }))).id;
}

const results = (photoId: number) => [
  { code: 'code_scan', passed: true },
  { code: 'crowd', passed: false, note: `${MARK}聚集`, photoIds: [photoId] },
  { code: 'disinfection', passed: true },
  { code: 'fever_drugs', passed: true },
  { code: 'staff', passed: true },
];

async function inspectionInA(e: CrossEnv): Promise<{ id: number; orderId: number }> {
  const agent = await a(e);
  const body = { mode: 'unannounced', targetId: await marketInA(e), inspectedAt: anHourAgo(), results: results(await uploadPhoto(agent)) };
  const i = await ok(agent.post('/api/inspections/inspections', body));
  return { id: i.id, orderId: i.orders[0].id };
}

async function planInA(e: CrossEnv): Promise<number> {
  const body = {
    kind: 'planned',
    name: `${MARK}计划${++k}`,
    targetKind: 'market',
    areaId: e.a.village.id,
    startsOn: '2026-03-01',
    endsOn: '2026-03-31',
    targetIds: [await marketInA(e)],
  };
  return (await ok((await a(e)).post('/api/inspections/plans', body))).id;
}

export const INSPECTION_CASES: Record<string, CrossCase> = {
  'GET /api/inspections/checklists': async () => [{ url: '/api/inspections/checklists', expect: 'no-leak', control: 'ok' }],
  // Saved only from the top of the tree: neither county's administrator may.
  'POST /api/inspections/checklists': async () => [
    {
      url: '/api/inspections/checklists',
      body: { targetKind: 'market', name: '越权检查表', passScore: 80, items: [{ code: 'a', text: '越权', weight: 1, severity: 'minor' }] },
      expect: 'denied',
      control: 'none',
    },
  ],
  'GET /api/inspections/policy': async () => [{ url: '/api/inspections/policy', expect: 'no-leak', control: 'ok' }],
  'GET /api/inspections/targets': async (e) => {
    await marketInA(e);
    return [
      { url: '/api/inspections/targets', expect: 'no-leak', control: 'marker' },
      { url: `/api/inspections/targets?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/inspections/targets': async (e) => [
    { url: '/api/inspections/targets', body: { kind: 'market', areaId: e.a.village.id, name: '越权市场' }, expect: 'denied' },
  ],
  'GET /api/inspections/plans': async (e) => {
    await planInA(e);
    return [
      { url: '/api/inspections/plans', expect: 'no-leak', control: 'marker' },
      { url: `/api/inspections/plans?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/inspections/plans': async (e) => [
    {
      url: '/api/inspections/plans',
      body: { kind: 'sampled', name: '越权抽查', targetKind: 'market', areaId: e.a.village.id, startsOn: '2026-03-01', endsOn: '2026-03-31', sampleSize: 1 },
      expect: 'denied',
    },
    // B's own area may not take one of A's targets onto a plan.
    {
      url: '/api/inspections/plans',
      body: {
        kind: 'planned',
        name: '越权计划',
        targetKind: 'market',
        areaId: e.b.village.id,
        startsOn: '2026-03-01',
        endsOn: '2026-03-31',
        targetIds: [await marketInA(e)],
      },
      expect: 'denied',
      control: 'none',
    },
  ],
  'GET /api/inspections/plans/:id': async (e) => [{ url: `/api/inspections/plans/${await planInA(e)}`, expect: 'denied', control: 'marker' }],
  'GET /api/inspections/inspections': async (e) => {
    await inspectionInA(e);
    return [
      { url: '/api/inspections/inspections', expect: 'no-leak', control: 'marker' },
      { url: `/api/inspections/inspections?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/inspections/inspections': async (e) => [
    {
      url: '/api/inspections/inspections',
      body: { mode: 'unannounced', targetId: await marketInA(e), results: results(1).map((r) => ({ code: r.code, passed: true })) },
      expect: 'denied',
    },
    // B's own market may not name A's village as the unit responsible.
    {
      url: '/api/inspections/inspections',
      body: {
        mode: 'unannounced',
        targetId: await marketInB(e),
        results: results(1).map((r) => ({ code: r.code, passed: true })),
        responsible: { areaId: e.a.village.id },
      },
      expect: 'denied',
      control: 'none',
    },
    // Nor A's command group.
    {
      url: '/api/inspections/inspections',
      body: {
        mode: 'unannounced',
        targetId: await marketInB(e),
        results: results(1).map((r) => ({ code: r.code, passed: true })),
        responsible: { groupId: await groupInA(e) },
      },
      expect: 'denied',
      control: 'none',
    },
  ],
  'GET /api/inspections/inspections/:id': async (e) => [
    { url: `/api/inspections/inspections/${(await inspectionInA(e)).id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/inspections/rectifications': async (e) => {
    await inspectionInA(e);
    return [
      { url: '/api/inspections/rectifications', expect: 'no-leak', control: 'marker' },
      { url: `/api/inspections/rectifications?under=${e.a.village.id}&status=unclosed`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/inspections/rectifications/:id': async (e) => [
    { url: `/api/inspections/rectifications/${(await inspectionInA(e)).orderId}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/inspections/rectifications/:id/report': async (e) => [
    // A's own photo: B is refused on the order (404) before any photo is looked at; A's control then binds it.
    {
      url: `/api/inspections/rectifications/${(await inspectionInA(e)).orderId}/report`,
      body: { note: '越权', photoIds: [await uploadPhoto(await a(e))] },
      expect: 'denied',
    },
  ],
  'POST /api/inspections/rectifications/:id/reinspect': async (e) => [
    { url: `/api/inspections/rectifications/${(await inspectionInA(e)).orderId}/reinspect`, body: { passed: true, note: '越权' }, expect: 'denied' },
  ],
  'GET /api/inspections/league': async (e) => {
    await inspectionInA(e);
    return [
      { url: `/api/inspections/league?${PERIOD}`, expect: 'no-leak', control: 'marker' },
      { url: `/api/inspections/league?${PERIOD}&level=town`, expect: 'no-leak', control: 'marker' },
      { url: `/api/inspections/league?${PERIOD}&under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/inspections/league/export': async (e) => {
    await inspectionInA(e);
    return [
      { url: `/api/inspections/league/export?${PERIOD}`, expect: 'no-leak', control: 'marker', readBody: xlsxText },
      { url: `/api/inspections/league/export?${PERIOD}&under=${e.a.county.id}`, expect: 'denied', control: 'marker', readBody: xlsxText },
    ];
  },
};
