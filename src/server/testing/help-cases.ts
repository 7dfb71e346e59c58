import { groupInA } from './command-cases';
import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { type Agent, login } from './harness';
import { multipartBody } from './sheets';

/**
 * Cross-area cases of help requests (issue 17), spread into CROSS_AREA_CASES. A's requests are recorded by A's
 * administrator (who holds every help permission) with the marker in the need, each from a phone of its own (the
 * same need from one phone would merge), and brought to the state the route acts on; A's administrator is their
 * deliverer. B has a request of its own, to try handing it to one of A's areas.
 */
let k = 0;
async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}
// One sign-in per walk for A's and B's setup requests while the session lives (the walk's own cases sign A out
// everywhere): each sign-in hashes a password, and the walk is long enough.
const agents = new WeakMap<CrossEnv, Map<string, Agent>>();
async function agent(e: CrossEnv, username: string): Promise<Agent> {
  const mine = agents.get(e) ?? new Map<string, Agent>();
  agents.set(e, mine);
  const kept = mine.get(username);
  if (kept && (await kept.get('/api/auth/me')).statusCode === 200) return kept;
  const fresh = await login(e.t.app, username);
  mine.set(username, fresh);
  return fresh;
}
const a = (e: CrossEnv) => agent(e, 'leakmark_a');
const phone = () => `1370${String(++k).padStart(7, '0')}`;

type State = 'triage' | 'dispatch' | 'delivering' | 'delivered' | 'closed' | 'transfer';

/** A request of A (kind 'other': assess → hand-off) brought to `state`; its id and the recipient's code. */
async function requestInA(e: CrossEnv, state: State = 'triage'): Promise<{ id: number; code: string }> {
  const agent = await a(e);
  const rec = await ok(agent.post('/api/help/requests', { kind: 'other', need: `${MARK}代买药品`, channel: 'phone', areaId: e.a.village.id, phone: phone() }));
  const id = rec.request.id as number;
  const code = rec.handoverCode as string;
  if (state === 'transfer') {
    const to = await e.freshAreaInA();
    await ok(agent.post(`/api/help/requests/${id}/transfer`, { areaId: to.id, reason: '转给网格' }));
    return { id, code };
  }
  if (state === 'triage') return { id, code };
  await ok(agent.post(`/api/help/requests/${id}/step`, { step: 'assess', option: 'accept', tier: 'h24' }));
  await ok(agent.post(`/api/help/requests/${id}/step`, { step: 'handoff', option: 'handed' }));
  if (state === 'dispatch') return { id, code };
  await ok(agent.post(`/api/help/requests/${id}/assign`, { userId: e.a.userId }));
  if (state === 'delivering') return { id, code };
  await ok(agent.post(`/api/help/requests/${id}/deliver`, { code }));
  if (state === 'delivered') return { id, code };
  await ok(agent.post(`/api/help/requests/${id}/close`, { outcome: 'done' }));
  return { id, code };
}

async function requestInB(e: CrossEnv): Promise<number> {
  const b = await agent(e, 'admin_b');
  return (await ok(b.post('/api/help/requests', { kind: 'other', need: '乙的求助', channel: 'phone', areaId: e.b.village.id, phone: phone() }))).request.id;
}

/** A care call of A: a fresh resident of A living alone at 86, the day's calls made, the call tried once with the marker in its note. */
async function callInA(e: CrossEnv): Promise<number> {
  const agent = await a(e);
  const id = await e.freshResidentInA();
  await ok(agent.patch(`/api/residents/${id}`, { groups: ['alone'], birthDate: '1940-01-01' }));
  await ok(agent.post('/api/help/outreach/prepare', { areaId: e.a.village.id }));
  const calls = await ok(agent.get('/api/help/outreach/calls?limit=200'));
  const call = calls.items.find((c: { residentId: number }) => c.residentId === id);
  await ok(agent.post(`/api/help/outreach/calls/${call.id}`, { outcome: 'unreachable', note: `${MARK}未接` }));
  return call.id;
}

const r = async (e: CrossEnv, state?: State) => `/api/help/requests/${(await requestInA(e, state)).id}`;

export const HELP_CASES: Record<string, CrossCase> = {
  // The pipelines and tiers are deployment-wide, like the rule sets.
  'GET /api/help/policy': async () => [{ url: '/api/help/policy', expect: 'no-leak', control: 'ok' }],
  'GET /api/help/links': async (e) => {
    await ok((await a(e)).post('/api/help/links', { areaId: e.a.village.id }));
    return [{ url: '/api/help/links', expect: 'no-leak', control: 'ok' }];
  },
  'POST /api/help/links': async (e) => [{ url: '/api/help/links', body: { areaId: e.a.village.id }, expect: 'denied' }],
  'POST /api/help/requests': async (e) => [
    { url: '/api/help/requests', body: { kind: 'other', need: '越权登记', channel: 'phone', areaId: e.a.village.id, phone: phone() }, expect: 'denied' },
    // B may not record on behalf of one of A's residents at its own place.
    {
      url: '/api/help/requests',
      body: { kind: 'other', need: '越权登记', channel: 'walk_in', areaId: e.b.village.id, residentId: await e.freshResidentInA() },
      expect: 'denied',
      control: 'none',
    },
  ],
  'GET /api/help/requests': async (e) => {
    await requestInA(e);
    return [
      { url: '/api/help/requests', expect: 'no-leak', control: 'marker' },
      { url: `/api/help/requests?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/help/requests/:id': async (e) => [{ url: await r(e), expect: 'denied', control: 'marker' }],
  'POST /api/help/requests/:id/step': async (e) => [{ url: `${await r(e)}/step`, body: { step: 'assess', option: 'accept', tier: 'h4' }, expect: 'denied' }],
  'GET /api/help/board': async (e) => {
    await requestInA(e);
    return [
      { url: '/api/help/board?kind=other&step=assess', expect: 'no-leak', control: 'marker' },
      { url: `/api/help/board?kind=other&step=assess&under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/help/board/counts': async (e) => {
    await requestInA(e);
    return [
      { url: '/api/help/board/counts', expect: 'no-leak', control: 'ok' },
      { url: `/api/help/board/counts?under=${e.a.village.id}`, expect: 'denied', control: 'ok' },
    ];
  },
  'GET /api/help/requests/:id/deliverers': async (e) => [{ url: `${await r(e, 'dispatch')}/deliverers`, expect: 'denied' }],
  'POST /api/help/requests/:id/assign': async (e) => [{ url: `${await r(e, 'dispatch')}/assign`, body: { userId: e.a.userId }, expect: 'denied' }],
  'GET /api/help/mine': async (e) => {
    await requestInA(e, 'delivering');
    return [{ url: '/api/help/mine', expect: 'no-leak', control: 'marker' }];
  },
  'POST /api/help/requests/:id/deliver': async (e) => {
    const { id, code } = await requestInA(e, 'delivering');
    return [{ url: `/api/help/requests/${id}/deliver`, body: { code }, expect: 'denied', control: 'marker' }];
  },
  'POST /api/help/requests/:id/close': async (e) => [
    { url: `${await r(e, 'delivered')}/close`, body: { outcome: 'done' }, expect: 'denied' },
    { url: `${await r(e)}/close`, body: { outcome: 'impossible', reason: '越权办结' }, expect: 'denied' },
  ],
  'POST /api/help/requests/:id/transfer': async (e) => [
    { url: `${await r(e)}/transfer`, body: { areaId: e.b.village.id, reason: '越权转办' }, expect: 'denied', control: 'none' },
    // B may not hand its own request to one of A's offices (outside its reach).
    { url: `/api/help/requests/${await requestInB(e)}/transfer`, body: { areaId: e.a.village.id, reason: '转给甲' }, expect: 'denied', control: 'none' },
    // Nor address it to A's command group.
    {
      url: `/api/help/requests/${await requestInB(e)}/transfer`,
      body: { areaId: e.b.village.id, groupId: await groupInA(e), reason: '转给甲的专班' },
      expect: 'denied',
      control: 'none',
    },
  ],
  'POST /api/help/requests/:id/transfer/accept': async (e) => [{ url: `${await r(e, 'transfer')}/transfer/accept`, expect: 'denied' }],
  'POST /api/help/requests/:id/transfer/refuse': async (e) => [
    { url: `${await r(e, 'transfer')}/transfer/refuse`, body: { reason: '越权退回' }, expect: 'denied' },
  ],
  'POST /api/help/requests/:id/follow-up': async (e) => [{ url: `${await r(e, 'closed')}/follow-up`, body: { satisfaction: 5 }, expect: 'denied' }],
  'POST /api/help/requests/:id/advance/settle': async (e) => [{ url: `${await r(e, 'delivered')}/advance/settle`, expect: 'denied', control: 'none' }],
  'GET /api/help/advances': async (e) => [
    { url: '/api/help/advances', expect: 'no-leak', control: 'ok' },
    { url: `/api/help/advances?under=${e.a.village.id}`, expect: 'denied', control: 'ok' },
  ],
  'POST /api/help/hotline-import': async (e) => {
    const file = multipartBody('工单.csv', Buffer.from(`工单号,来电号码,诉求内容\nHLX${++k},${phone()},越权导入\n`));
    return [{ url: `/api/help/hotline-import?areaId=${e.a.village.id}`, body: file.payload, headers: file.headers, expect: 'denied' }];
  },
  'GET /api/help/outreach/lists': async (e) => {
    await callInA(e);
    return [
      { url: '/api/help/outreach/lists', expect: 'no-leak', control: 'ok' },
      { url: `/api/help/outreach/lists?under=${e.a.village.id}`, expect: 'denied', control: 'ok' },
    ];
  },
  'GET /api/help/outreach/calls': async (e) => {
    await callInA(e);
    return [
      { url: '/api/help/outreach/calls?limit=200', expect: 'no-leak', control: 'marker' },
      { url: `/api/help/outreach/calls?under=${e.a.village.id}&limit=200`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/help/outreach/prepare': async (e) => [{ url: '/api/help/outreach/prepare', body: { areaId: e.a.village.id }, expect: 'denied' }],
  'POST /api/help/outreach/calls/:id': async (e) => [{ url: `/api/help/outreach/calls/${await callInA(e)}`, body: { outcome: 'well' }, expect: 'denied' }],
  'GET /api/help/closure': async (e) => {
    await requestInA(e);
    return [
      { url: '/api/help/closure?from=2025-06-01&to=2025-06-30', expect: 'no-leak', control: 'ok' },
      { url: `/api/help/closure?under=${e.a.village.id}&from=2025-06-01&to=2025-06-30`, expect: 'denied', control: 'ok' },
    ];
  },
};
