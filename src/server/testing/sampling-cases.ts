import { randomUUID } from 'node:crypto';
import { checkDigit } from '../../domain/residents/identity';
import type { CrossCase, CrossEnv } from './cross-area-cases';
import { login } from './harness';
import { PURPOSE } from './cross-area-kit';
import { multipartBody, readXlsx } from './sheets';

async function xlsxText(raw: Buffer): Promise<string> {
  return raw[0] === 0x50 ? JSON.stringify(await readXlsx(raw)) : raw.toString('utf8');
}

/**
 * Cross-area cases of mass testing (issue 6), spread into CROSS_AREA_CASES. A's round, point, tubes, boxes,
 * bindings, a positive pool and an exemption are made through A's own API once per walk; barcodes and names
 * carry the marker where an answer would show them.
 */
const MARK = 'LEAKMARK'; // the same marker as cross-area-cases.ts (kept here to avoid an import cycle)
const DAY = '2025-06-01';

interface Fixture {
  roundId: number;
  pointId: number;
  tubeId: number;
  boxId: number;
  fresh: {
    round(): Promise<number>;
    openTube(barcode?: string): Promise<{ id: number; barcode: string }>;
    closedTube(barcode?: string): Promise<{ id: number; barcode: string }>;
    binding(): Promise<number>;
    box(): Promise<number>;
    exemption(): Promise<number>;
  };
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

async function setup(e: CrossEnv): Promise<Fixture> {
  const a = () => login(e.t.app, 'leakmark_a');
  const round = async () =>
    (
      await ok(
        (await a()).post('/api/sampling/rounds', { name: `${MARK}核酸${++k}`, areaId: e.a.county.id, startsOn: DAY, endsOn: '2099-12-31', rosterDate: DAY }),
      )
    ).id as number;
  const roundId = await round();
  await ok((await a()).post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' }));
  const pointId = (await ok((await a()).post(`/api/sampling/rounds/${roundId}/points`, { name: `${MARK}采样点`, areaId: e.a.village.id, desks: 100 })))
    .id as number;
  // Each fresh tube at its own desk: opening a tube closes the desk's previous one.
  const openTube = async (barcode = `${MARK}${String(++k).padStart(6, '0')}`) => {
    const t = await ok((await a()).post('/api/sampling/tubes', { roundId, pointId, desk: (k % 100) + 1, barcode }));
    return { id: t.id as number, barcode: t.barcode as string };
  };
  const bindFresh = async (tubeId: number) =>
    (await ok((await a()).post('/api/sampling/bindings', { clientId: randomUUID(), tubeId, residentId: await e.freshResidentInA() }))).bindings[0].id as number;
  const closedTube = async (barcode?: string) => {
    const t = await openTube(barcode);
    await bindFresh(t.id);
    await ok((await a()).post(`/api/sampling/tubes/${t.id}/close`, {}));
    return t;
  };
  const box = async () => (await ok((await a()).post('/api/sampling/boxes', { roundId, pointId, code: `${MARK}B${++k}` }))).id as number;
  const exemption = async () =>
    (await ok((await a()).post('/api/sampling/exemptions', { roundId, residentId: await e.freshResidentInA(), kind: 'bedridden' }))).id as number;

  const tube = await openTube();
  await bindFresh(tube.id);
  const boxId = await box();
  const positive = await closedTube();
  await ok((await a()).post(`/api/sampling/boxes/${boxId}/tubes`, { barcodes: [positive.barcode] }));
  await ok(
    (await a()).post('/api/sampling/results', {
      results: [{ barcode: positive.barcode, result: 'positive', testedAt: `${DAY}T10:00:00+08:00`, lab: '实验室' }],
    }),
  );
  await exemption();
  return {
    roundId,
    pointId,
    tubeId: tube.id,
    boxId,
    fresh: {
      round,
      openTube,
      closedTube,
      binding: async () => bindFresh((await openTube()).id),
      box,
      exemption,
    },
  };
}

/** A barcode without the marker: B's own request echoes it back (as unknown), which is no leak. */
const plainBarcode = () => `RS${Date.now().toString().slice(-8)}${String(++k).padStart(4, '0')}`;

/** A's point with a stored slot plan (saved anew, so its version is current): the URL of its plan and that version. */
async function storedSlotPlan(e: CrossEnv): Promise<{ url: string; version: number }> {
  const f = await fixture(e);
  const url = `/api/sampling/rounds/${f.roundId}/points/${f.pointId}/slots`;
  const saved = await ok((await login(e.t.app, 'leakmark_a')).post(url, { replace: true }));
  return { url, version: saved.plan.version as number };
}

export const SAMPLING_CASES: Record<string, CrossCase> = {
  'POST /api/sampling/rounds': async (e) => [
    { url: '/api/sampling/rounds', body: { name: '轮次', areaId: e.a.county.id, startsOn: DAY, endsOn: DAY, rosterDate: DAY }, expect: 'denied' },
  ],
  // The walk runs in parts: this case makes A's marked round itself rather than count on another case before it.
  'GET /api/sampling/rounds': async (e) => {
    await fixture(e);
    return [
      { url: '/api/sampling/rounds', expect: 'no-leak', control: 'marker' },
      { url: `/api/sampling/rounds?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'GET /api/sampling/rounds/:id': async (e) => [{ url: `/api/sampling/rounds/${(await fixture(e)).roundId}`, expect: 'denied', control: 'marker' }],
  'POST /api/sampling/rounds/:id/status': async (e) => [
    { url: `/api/sampling/rounds/${await (await fixture(e)).fresh.round()}/status`, body: { status: 'open' }, expect: 'denied' },
  ],
  'POST /api/sampling/rounds/:id/points': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/points`, body: { name: `点${++k}`, areaId: e.a.village.id }, expect: 'denied' },
  ],
  'GET /api/sampling/rounds/:id/points': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/points`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/sampling/rounds/:id/points/:pointId/slot-plan': async (e) => {
    const f = await fixture(e);
    return [{ url: `/api/sampling/rounds/${f.roundId}/points/${f.pointId}/slot-plan`, expect: 'denied', control: 'marker' }];
  },
  'POST /api/sampling/tubes': async (e) => {
    const f = await fixture(e);
    return [{ url: '/api/sampling/tubes', body: { roundId: f.roundId, pointId: f.pointId, desk: 100, barcode: plainBarcode() }, expect: 'denied' }];
  },
  'GET /api/sampling/tubes': async (e) => [
    { url: `/api/sampling/tubes?roundId=${(await fixture(e)).roundId}&status=open`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/sampling/boxes/:id': async (e) => [{ url: `/api/sampling/boxes/${(await fixture(e)).boxId}`, expect: 'denied', control: 'marker' }],
  'GET /api/sampling/tubes/:id': async (e) => [{ url: `/api/sampling/tubes/${(await fixture(e)).tubeId}`, expect: 'denied', control: 'marker' }],
  'POST /api/sampling/tubes/:id/close': async (e) => {
    const f = await fixture(e);
    const t = await f.fresh.openTube();
    const a = await login(e.t.app, 'leakmark_a');
    await ok(a.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: t.id, residentId: await e.freshResidentInA() }));
    return [{ url: `/api/sampling/tubes/${t.id}/close`, body: {}, expect: 'denied' }];
  },
  'POST /api/sampling/bindings': async (e) => {
    const f = await fixture(e);
    const t = await f.fresh.openTube();
    return [
      { url: '/api/sampling/bindings', body: { clientId: randomUUID(), tubeId: t.id, residentId: await e.freshResidentInA() }, expect: 'denied' },
      {
        url: '/api/sampling/bindings',
        body: { clientId: randomUUID(), tubeId: t.id, residentId: await e.freshResidentInB() },
        expect: 'denied',
        control: 'none',
      },
      { url: '/api/sampling/bindings', body: { clientId: randomUUID(), tubeId: t.id, householdId: e.householdInA }, expect: 'denied', control: 'none' },
    ];
  },
  'POST /api/sampling/walk-ins': async (e) => {
    const t = await (await fixture(e)).fresh.openTube();
    const first17 = `11010119700101${String(++k % 1000).padStart(3, '0')}`;
    return [
      {
        url: '/api/sampling/walk-ins',
        body: { clientId: randomUUID(), tubeId: t.id, idNumber: first17 + checkDigit(first17), name: `${MARK}临时` },
        expect: 'denied',
      },
    ];
  },
  'POST /api/sampling/bindings/:id/remove': async (e) => [
    { url: `/api/sampling/bindings/${await (await fixture(e)).fresh.binding()}/remove`, body: { reason: '扫错' }, expect: 'denied' },
  ],
  'POST /api/sampling/boxes': async (e) => {
    const f = await fixture(e);
    return [{ url: '/api/sampling/boxes', body: { roundId: f.roundId, pointId: f.pointId, code: plainBarcode() }, expect: 'denied' }];
  },
  'GET /api/sampling/boxes': async (e) => [
    { url: '/api/sampling/boxes', expect: 'no-leak', control: 'marker' },
    { url: `/api/sampling/boxes?roundId=${(await fixture(e)).roundId}`, expect: 'no-leak', control: 'marker' },
  ],
  'POST /api/sampling/boxes/:id/tubes': async (e) => {
    const f = await fixture(e);
    const t = await f.fresh.closedTube(plainBarcode());
    return [{ url: `/api/sampling/boxes/${await f.fresh.box()}/tubes`, body: { barcodes: [t.barcode] }, expect: 'denied' }];
  },
  'POST /api/sampling/boxes/:id/hand-over': async (e) => {
    const f = await fixture(e);
    const t = await f.fresh.closedTube();
    const box = await f.fresh.box();
    await ok((await login(e.t.app, 'leakmark_a')).post(`/api/sampling/boxes/${box}/tubes`, { barcodes: [t.barcode] }));
    return [{ url: `/api/sampling/boxes/${box}/hand-over`, body: { count: 1, lab: '实验室' }, expect: 'denied' }];
  },
  'POST /api/sampling/results': async (e) => {
    const t = await (await fixture(e)).fresh.closedTube(plainBarcode());
    return [
      {
        url: '/api/sampling/results',
        body: { results: [{ barcode: t.barcode, result: 'positive', testedAt: `${DAY}T10:00:00+08:00`, lab: '实验室' }] },
        expect: 'no-leak',
        control: 'ok',
      },
    ];
  },
  'POST /api/sampling/results/import': async (e) => {
    const t = await (await fixture(e)).fresh.closedTube(plainBarcode());
    const file = multipartBody('结果.csv', Buffer.from(`管码,检测结果,检测时间,检测机构\n${t.barcode},阳性,${DAY} 10:00,实验室\n`));
    return [{ url: '/api/sampling/results/import', body: file.payload, headers: file.headers, expect: 'no-leak', control: 'ok' }];
  },
  'GET /api/sampling/rounds/:id/positives': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/positives`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/sampling/rounds/:id/home-sampling': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/home-sampling`, body: {}, expect: 'denied' },
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/home-sampling`, body: { under: e.a.village.id }, expect: 'denied' },
  ],
  'POST /api/sampling/exemptions': async (e) => {
    const f = await fixture(e);
    return [{ url: '/api/sampling/exemptions', body: { roundId: f.roundId, residentId: await e.freshResidentInA(), kind: 'bedridden' }, expect: 'denied' }];
  },
  'POST /api/sampling/exemptions/:id/revoke': async (e) => [
    { url: `/api/sampling/exemptions/${await (await fixture(e)).fresh.exemption()}/revoke`, body: {}, expect: 'denied' },
  ],
  'GET /api/sampling/rounds/:id/exemptions': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/exemptions`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/sampling/rounds/:id/coverage': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/coverage`, expect: 'denied', control: 'marker' },
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/coverage?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/sampling/rounds/:id/coverage.xlsx': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/coverage.xlsx`, body: PURPOSE, expect: 'denied', control: 'marker', readBody: xlsxText },
  ],
  'GET /api/sampling/rounds/:id/coverage/hours': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/coverage/hours`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/sampling/rounds/:id/coverage/missing': async (e) => [
    { url: `/api/sampling/rounds/${(await fixture(e)).roundId}/coverage/missing`, expect: 'denied', control: 'marker' },
  ],
  // Stored slot plans (slot-plans.ts): A's point is 404 to B for every one of them.
  'GET /api/sampling/rounds/:id/points/:pointId/slots': async (e) => [{ url: (await storedSlotPlan(e)).url, expect: 'denied', control: 'marker' }],
  'POST /api/sampling/rounds/:id/points/:pointId/slots': async (e) => [{ url: (await storedSlotPlan(e)).url, body: { replace: true }, expect: 'denied' }],
  'PATCH /api/sampling/rounds/:id/points/:pointId/slots': async (e) => {
    // Slot 1 given its own times again: a valid edit for A's control, however many people the point serves.
    const { url, version } = await storedSlotPlan(e);
    return [{ url, body: { version, edits: [{ kind: 'times', slot: 1, start: '07:00', end: '07:15' }] }, expect: 'denied' }];
  },
  'GET /api/sampling/rounds/:id/points/:pointId/slots/notices': async (e) => [
    { url: `${(await storedSlotPlan(e)).url}/notices`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/sampling/rounds/:id/points/:pointId/slots.xlsx': async (e) => [
    { url: `${(await storedSlotPlan(e)).url}.xlsx`, body: PURPOSE, expect: 'denied', control: 'marker', readBody: xlsxText },
  ],
};
