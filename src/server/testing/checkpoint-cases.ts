import { randomUUID } from 'node:crypto';
import { type CrossCase, type CrossEnv, PURPOSE, xlsxText } from './cross-area-kit';
import { login } from './harness';

/**
 * Cross-area cases of checkpoints (issue 15), spread into CROSS_AREA_CASES. A's post (named with the marker),
 * an assignment of A's user, a handover and a crossing are made through A's own API once per walk.
 */
const MARK = 'LEAKMARK';

interface Fixture {
  postId: number;
  qr: string;
  crossingClientId: string;
  fillId: number;
  /** A's own leave request (its reason carries the marker), left open. */
  requestId: number;
  freshAssignment(): Promise<number>;
}

const fixtures = new WeakMap<CrossEnv, Promise<Fixture>>();
let k = 0;

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}

function fixture(e: CrossEnv): Promise<Fixture> {
  if (!fixtures.has(e)) fixtures.set(e, setup(e));
  return fixtures.get(e)!;
}

const crossing = (postId: number, clientId: string = randomUUID()) => ({
  clientId,
  postId,
  direction: 'in',
  plate: '豫P12345',
  vehicleType: 'private',
  people: [{ name: `${MARK}乘客`, temperature: 36.5 }],
});

async function setup(e: CrossEnv): Promise<Fixture> {
  const a = await login(e.t.app, 'leakmark_a');
  const post = await ok(
    a.post('/api/checkpoints/posts', { areaId: e.a.village.id, name: `${MARK}卡点`, kind: 'county_border', opensOn: '2020-01-01', staffing: { volunteer: 1 } }),
  );
  const { text } = await ok(a.get(`/api/checkpoints/posts/${post.id}/qr`));
  await ok(a.post(`/api/checkpoints/posts/${post.id}/handovers`, { shiftCode: 'A', incidents: `${MARK}事件` }));
  const c = crossing(post.id);
  await ok(a.post('/api/checkpoints/crossings', c));
  // Each assignment on a day of its own: one person cannot hold two at once.
  const freshAssignment = async () =>
    (
      await ok(
        (
          await login(e.t.app, 'leakmark_a')
        ).post('/api/checkpoints/assignments', {
          postId: post.id,
          day: `2030-01-${String(1 + (++k % 28)).padStart(2, '0')}`,
          shiftCode: ['A', 'B', 'C'][Math.floor(k / 28) % 3],
          userId: e.a.userId,
          role: 'volunteer',
        }),
      )
    ).id as number;
  await freshAssignment();
  // One day of A's village filled by the optimiser (three shifts: quick even at the walk's default time limit).
  const fill = await ok(a.post('/api/checkpoints/roster/fill', { areaId: e.a.village.id, from: '2030-03-01', days: 1 }));
  // The walk compares snapshots of A's data around each request: the fill, a background job, must have finished
  // writing its progress and its roster before the first snapshot, or its own writes read as a leak.
  for (const until = Date.now() + 120_000; ; ) {
    const now = await ok(a.get(`/api/checkpoints/roster/fills/${fill.id}`));
    if (now.status !== 'running') break;
    if (Date.now() > until) throw new Error(`the walk's roster fill of A did not finish: ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const request = await ok(a.post('/api/checkpoints/roster/requests', { kind: 'leave', assignmentId: await freshAssignment(), reason: `${MARK}请假` }));
  return { postId: post.id, qr: text, crossingClientId: c.clientId, fillId: fill.id, requestId: request.id, freshAssignment };
}

const CASES: Record<string, CrossCase> = {
  'GET /api/checkpoints/posts': async (e) => [
    { url: '/api/checkpoints/posts', expect: 'no-leak', control: 'marker' },
    { url: `/api/checkpoints/posts?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/checkpoints/posts': async (e) => [
    { url: '/api/checkpoints/posts', body: { areaId: e.a.village.id, name: '卡点', kind: 'toll_gate', opensOn: '2026-01-01' }, expect: 'denied' },
  ],
  'GET /api/checkpoints/posts/:id': async (e) => [{ url: `/api/checkpoints/posts/${(await fixture(e)).postId}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/checkpoints/posts/:id': async (e) => [{ url: `/api/checkpoints/posts/${(await fixture(e)).postId}`, body: { lanes: 3 }, expect: 'denied' }],
  'PUT /api/checkpoints/posts/:id/shifts': async (e) => [
    { url: `/api/checkpoints/posts/${(await fixture(e)).postId}/shifts`, body: { shiftKind: 'three_8' }, expect: 'denied' },
  ],
  'GET /api/checkpoints/posts/:id/qr': async (e) => [{ url: `/api/checkpoints/posts/${(await fixture(e)).postId}/qr`, expect: 'denied', control: 'ok' }],
  'GET /api/checkpoints/roster': async (e) => [
    { url: '/api/checkpoints/roster?from=2030-01-01&days=14', expect: 'no-leak', control: 'marker' },
    { url: `/api/checkpoints/roster?postId=${(await fixture(e)).postId}&from=2030-01-01`, expect: 'no-leak', control: 'marker' },
  ],
  'POST /api/checkpoints/assignments': async (e) => [
    {
      url: '/api/checkpoints/assignments',
      body: { postId: (await fixture(e)).postId, day: '2031-01-01', shiftCode: 'A', userId: e.a.userId, role: 'volunteer' },
      expect: 'denied',
    },
    // B's own post is no way to put A's person on duty.
    {
      url: '/api/checkpoints/assignments',
      body: { postId: (await fixture(e)).postId, day: '2031-01-02', shiftCode: 'A', userId: e.b.userId, role: 'volunteer' },
      expect: 'denied',
      control: 'none',
    },
  ],
  'DELETE /api/checkpoints/assignments/:id': async (e) => [
    { url: `/api/checkpoints/assignments/${await (await fixture(e)).freshAssignment()}`, expect: 'denied' },
  ],
  // Filling A's week from B: the area is looked up in B's scope (400). A's own fill is not started again here:
  // a fill runs as a background job, and the fixture's fill of A's village may still be running (409).
  'POST /api/checkpoints/roster/fill': async (e) => [
    { url: '/api/checkpoints/roster/fill', body: { areaId: e.a.village.id, from: '2030-04-01', days: 1 }, expect: 'denied', control: 'none' },
  ],
  'GET /api/checkpoints/roster/fill': async (e) => [{ url: `/api/checkpoints/roster/fill?areaId=${e.a.village.id}`, expect: 'no-leak', control: 'ok' }],
  'GET /api/checkpoints/roster/fills/:id': async (e) => [
    { url: `/api/checkpoints/roster/fills/${(await fixture(e)).fillId}`, expect: 'denied', control: 'ok' },
  ],
  'GET /api/checkpoints/roster/people': async (e) => [
    { url: `/api/checkpoints/roster/people?under=${e.a.village.id}`, expect: 'denied', control: 'ok' },
    { url: '/api/checkpoints/roster/people', expect: 'no-leak', control: 'ok' },
  ],
  'GET /api/checkpoints/roster/policy': async () => [{ url: '/api/checkpoints/roster/policy', expect: 'no-leak', control: 'ok' }],
  // Deployment-wide policy data: B (not at the top of the tree) may not write it; A neither, so no control.
  'PUT /api/checkpoints/roster/policy': async () => [
    {
      url: '/api/checkpoints/roster/policy',
      body: {
        restHours: 11,
        weeklyHourCap: 48,
        maxShiftsPerDay: 1,
        banNightThenMorning: true,
        morningStartsBeforeHour: 12,
        freeNights: 2,
        freeWeekendShifts: 1,
        weights: { travelPerStep: 1, unfilled: 100, extraNight: 2, extraWeekendShift: 1 },
        note: '跨区测试',
      },
      expect: 'denied',
      control: 'none',
    },
  ],
  'POST /api/checkpoints/roster/export.xlsx': async (e) => [
    { url: '/api/checkpoints/roster/export.xlsx?from=2030-01-01&days=14', body: PURPOSE, expect: 'no-leak', control: 'marker', readBody: xlsxText },
    {
      url: `/api/checkpoints/roster/export.xlsx?under=${e.a.village.id}&from=2030-01-01`,
      body: PURPOSE,
      expect: 'denied',
      control: 'marker',
      readBody: xlsxText,
    },
  ],
  'GET /api/checkpoints/my-shifts': async () => [{ url: '/api/checkpoints/my-shifts', expect: 'no-leak', control: 'none' }],
  'POST /api/checkpoints/check-in': async (e) => [
    { url: '/api/checkpoints/check-in', body: { code: (await fixture(e)).qr }, expect: 'denied', control: 'none' },
  ],
  'POST /api/checkpoints/posts/:id/handovers': async (e) => [
    { url: `/api/checkpoints/posts/${(await fixture(e)).postId}/handovers`, body: { shiftCode: 'A', note: '交接' }, expect: 'denied' },
  ],
  'GET /api/checkpoints/posts/:id/handovers': async (e) => [
    { url: `/api/checkpoints/posts/${(await fixture(e)).postId}/handovers`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/checkpoints/crossings': async (e) => {
    const f = await fixture(e);
    return [
      { url: '/api/checkpoints/crossings', body: crossing(f.postId), expect: 'denied' },
      // A's crossing sent again by B (its client id): answered like a missing one, not replayed.
      { url: '/api/checkpoints/crossings', body: crossing(f.postId, f.crossingClientId), expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/checkpoints/crossings': async (e) => [
    { url: '/api/checkpoints/crossings', expect: 'no-leak', control: 'none' },
    { url: `/api/checkpoints/crossings?postId=${(await fixture(e)).postId}`, expect: 'no-leak', control: 'none' },
    { url: `/api/checkpoints/crossings?under=${e.a.village.id}`, expect: 'denied', control: 'none' },
  ],
  // Swap and leave requests: B is neither the requester, the colleague, nor a cadre whose scope holds A's village.
  'POST /api/checkpoints/roster/requests': async (e) => {
    const f = await fixture(e);
    return [
      { url: '/api/checkpoints/roster/requests', body: { kind: 'leave', assignmentId: await f.freshAssignment() }, expect: 'denied', control: 'ok' },
      { url: '/api/checkpoints/roster/requests', body: { kind: 'leave', fromDay: '2030-01-01', toDay: '2030-01-28' }, expect: 'denied', control: 'none' },
    ];
  },
  'GET /api/checkpoints/roster/requests': async (e) => [
    { url: '/api/checkpoints/roster/requests?status=all', expect: 'no-leak', control: 'marker' },
    { url: `/api/checkpoints/roster/requests?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/checkpoints/roster/requests/colleagues': async (e) => [
    { url: `/api/checkpoints/roster/requests/colleagues?assignmentId=${await (await fixture(e)).freshAssignment()}`, expect: 'denied', control: 'ok' },
  ],
  'GET /api/checkpoints/roster/requests/mine': async () => [{ url: '/api/checkpoints/roster/requests/mine', expect: 'no-leak', control: 'marker' }],
  ...Object.fromEntries(
    ['accept', 'decline', 'withdraw', 'approve', 'refuse'].map((action) => [
      `POST /api/checkpoints/roster/requests/:id/${action}`,
      async (e: CrossEnv) => [
        { url: `/api/checkpoints/roster/requests/${(await fixture(e)).requestId}/${action}`, body: {}, expect: 'denied' as const, control: 'none' as const },
      ],
    ]),
  ),
  'GET /api/checkpoints/figures': async (e) => [
    { url: '/api/checkpoints/figures', expect: 'no-leak', control: 'marker' },
    { url: `/api/checkpoints/figures?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
};

/** Every case makes A's records first (a list's control must find them even when the case names no id). */
export const CHECKPOINT_CASES: Record<string, CrossCase> = Object.fromEntries(
  Object.entries(CASES).map(([route, c]) => [
    route,
    async (e: CrossEnv) => {
      await fixture(e);
      return c(e);
    },
  ]),
);
