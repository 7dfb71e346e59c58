import { randomUUID } from 'node:crypto';
import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { login } from './harness';

/**
 * Cross-area cases of supplies and donations (issue 17, points 5–6), spread into CROSS_AREA_CASES. The catalogue
 * and kits are deployment-wide reference data (never named with the marker); A's stores and donations are named
 * with it, so a list that shows A's store or donor shows the marker. B has a store of its own, to try moving
 * stock into A's and receiving a donation for A's store.
 */
const DAY = '2025-06-01';
let k = 0;

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}

const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');
const b = (e: CrossEnv) => login(e.t.app, 'admin_b');

async function item(e: CrossEnv): Promise<number> {
  return (await ok((await a(e)).post('/api/supplies/items', { name: `口罩${randomUUID().slice(0, 8)}`, category: 'protective', unit: '只' }))).id;
}

async function storeIn(e: CrossEnv, side: 'a' | 'b'): Promise<number> {
  const agent = side === 'a' ? await a(e) : await b(e);
  const areaId = side === 'a' ? e.a.village.id : e.b.village.id;
  return (await ok(agent.post('/api/supplies/stores', { name: side === 'a' ? `${MARK}仓库${++k}` : `乙仓库${++k}`, level: 'village', areaId }))).id;
}

/** A store of A holding 100 of a fresh item; answers the store, the item and the batch. */
async function stockedInA(e: CrossEnv) {
  const storeId = await storeIn(e, 'a');
  const itemId = await item(e);
  const r = await ok(
    (await a(e)).post(`/api/supplies/stores/${storeId}/receipts`, { source: 'purchase', occurredOn: DAY, lines: [{ itemId, qty: 100, lot: `${MARK}批号` }] }),
  );
  return { storeId, itemId, batchId: r.movement.lines[0].batchId as number };
}

async function donationInA(e: CrossEnv): Promise<number> {
  const s = await stockedInA(e);
  const body = {
    kind: 'goods',
    donorKind: 'firm',
    donorName: `${MARK}捐赠企业`,
    receivedOn: DAY,
    areaId: e.a.village.id,
    storeId: s.storeId,
    lines: [{ itemId: s.itemId, qty: 10 }],
  };
  return (await ok((await a(e)).post('/api/supplies/donations', body))).id;
}

const issueBody = (itemId: number) => ({ target: 'post', targetId: 1, lines: [{ itemId, qty: 1 }] });

export const SUPPLIES_CASES: Record<string, CrossCase> = {
  // The catalogue, kits and the policy are deployment-wide, like the rule sets.
  'GET /api/supplies/items': async () => [{ url: '/api/supplies/items', expect: 'no-leak', control: 'ok' }],
  'POST /api/supplies/items': async () => [
    { url: '/api/supplies/items', body: { name: `手套${randomUUID().slice(0, 8)}`, category: 'protective', unit: '副' }, expect: 'no-leak', control: 'none' },
  ],
  'GET /api/supplies/kits': async () => [{ url: '/api/supplies/kits', expect: 'no-leak', control: 'ok' }],
  'POST /api/supplies/kits': async (e) => [
    {
      url: '/api/supplies/kits',
      body: { name: `保供包${randomUUID().slice(0, 8)}`, lines: [{ itemId: await item(e), qty: 2 }] },
      expect: 'no-leak',
      control: 'none',
    },
  ],
  'GET /api/supplies/policy': async () => [{ url: '/api/supplies/policy', expect: 'no-leak', control: 'ok' }],
  // Root only: neither county's administrator may change it.
  'PUT /api/supplies/policy': async () => [{ url: '/api/supplies/policy', body: { useWindowDays: 3, lowCoverDays: 9 }, expect: 'denied', control: 'none' }],
  'GET /api/supplies/stores': async (e) => {
    await storeIn(e, 'a');
    return [
      { url: '/api/supplies/stores', expect: 'no-leak', control: 'marker' },
      { url: `/api/supplies/stores?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/supplies/stores': async (e) => [
    { url: '/api/supplies/stores', body: { name: '越权仓库', level: 'village', areaId: e.a.village.id }, expect: 'denied' },
  ],
  'GET /api/supplies/stores/:id': async (e) => [{ url: `/api/supplies/stores/${(await stockedInA(e)).storeId}`, expect: 'denied', control: 'marker' }],
  'GET /api/supplies/stock': async (e) => {
    await stockedInA(e);
    return [
      { url: '/api/supplies/stock', expect: 'no-leak', control: 'marker' },
      { url: `/api/supplies/stock?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/supplies/stores/:id/receipts': async (e) => {
    const s = await stockedInA(e);
    return [
      {
        url: `/api/supplies/stores/${s.storeId}/receipts`,
        body: { source: 'purchase', occurredOn: DAY, lines: [{ itemId: s.itemId, qty: 5 }] },
        expect: 'denied',
      },
    ];
  },
  'POST /api/supplies/stores/:id/issues': async (e) => {
    const s = await stockedInA(e);
    return [{ url: `/api/supplies/stores/${s.storeId}/issues`, body: issueBody(s.itemId), expect: 'denied', control: 'marker' }];
  },
  'POST /api/supplies/stores/:id/transfers': async (e) => {
    const s = await stockedInA(e);
    const other = await storeIn(e, 'a');
    const inB = await storeIn(e, 'b');
    return [
      {
        url: `/api/supplies/stores/${s.storeId}/transfers`,
        body: { toStoreId: other, lines: [{ itemId: s.itemId, qty: 1 }] },
        expect: 'denied',
        control: 'marker',
      },
      // From B's own store into A's: the far end is out of B's reach.
      {
        url: `/api/supplies/stores/${inB}/transfers`,
        body: { toStoreId: s.storeId, lines: [{ itemId: s.itemId, qty: 1 }] },
        expect: 'denied',
        control: 'none',
      },
    ];
  },
  'POST /api/supplies/stores/:id/counts': async (e) => {
    const s = await stockedInA(e);
    return [
      {
        url: `/api/supplies/stores/${s.storeId}/counts`,
        body: { reason: '越权盘点', lines: [{ batchId: s.batchId, counted: 1 }] },
        expect: 'denied',
        control: 'marker',
      },
    ];
  },
  'GET /api/supplies/movements': async (e) => {
    const s = await stockedInA(e);
    return [
      { url: '/api/supplies/movements', expect: 'no-leak', control: 'marker' },
      { url: `/api/supplies/movements?storeId=${s.storeId}`, expect: 'no-leak', control: 'marker' },
    ];
  },
  'GET /api/supplies/donations': async (e) => {
    await donationInA(e);
    return [
      { url: '/api/supplies/donations', expect: 'no-leak', control: 'marker' },
      { url: `/api/supplies/donations?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/supplies/donations': async (e) => {
    const s = await stockedInA(e);
    const money = { kind: 'money', donorKind: 'person', donorName: '越权捐赠', amount: 100, receivedOn: DAY, areaId: e.a.village.id };
    const goods = {
      kind: 'goods',
      donorKind: 'firm',
      donorName: '越权捐赠',
      receivedOn: DAY,
      areaId: e.b.village.id,
      storeId: s.storeId,
      lines: [{ itemId: s.itemId, qty: 1 }],
    };
    return [
      { url: '/api/supplies/donations', body: money, expect: 'denied' },
      // B's own area, but A's store to receive the goods.
      { url: '/api/supplies/donations', body: goods, expect: 'denied', control: 'none' },
    ];
  },
  'GET /api/supplies/donations/:id': async (e) => [{ url: `/api/supplies/donations/${await donationInA(e)}`, expect: 'denied', control: 'marker' }],
  'GET /api/supplies/disclosure': async (e) => {
    await donationInA(e);
    return [
      { url: '/api/supplies/disclosure', expect: 'no-leak', control: 'marker' },
      { url: `/api/supplies/disclosure?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
};
