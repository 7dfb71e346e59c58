import { creditCheckChar } from '../../domain/enterprises/credit-code';
import { type CrossCase, type CrossEnv, MARK } from './cross-area-kit';
import { idNumberFor } from './factories';
import { login } from './harness';
import { TINY_PNG } from './photos';
import { multipartBody, xlsxBuffer } from './sheets';

/**
 * Cross-area cases of enterprises (复工复产, issue 18 point 5). A's records are enterprises in A's village named with
 * the marker, made ready to apply (plans, a staff list, stock and an officer), with a ledger and an application
 * noted with the marker. A's user is a county administrator: the county's step of an approval is theirs, the town's
 * is not, so an application's decision has no control. Staff ID numbers are of a place no walk resident lives in,
 * so the case sweep, which runs on its own schedule during the walk, suspends none of A's enterprises.
 */
let k = 0;
const a = (e: CrossEnv) => login(e.t.app, 'leakmark_a');

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>) {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(r.body);
  return r.json();
}

function creditCode(): string {
  const body = `91110${String(++k % 10)}${String(Date.now() % 100).padStart(2, '0')}MA${String((Date.now() + k) % 10_000_000).padStart(7, '0')}`;
  return body + creditCheckChar(body);
}

const pdf = () => Buffer.from(`%PDF-1.4\n% ${MARK} 防控方案\n%%EOF\n`);
const staffFile = async () =>
  multipartBody(
    '员工名单.xlsx',
    await xlsxBuffer({
      员工: [
        ['姓名', '身份证号', '岗位'],
        [`${MARK}员工甲`, idNumberFor(700 + (++k % 200), '110105'), '车间'],
      ],
    }),
  );

async function enterpriseInA(e: CrossEnv): Promise<number> {
  const body = {
    creditCode: creditCode(),
    name: `${MARK}企业${++k}`,
    industry: '制鞋',
    headcount: 10,
    hasDormitory: true,
    hasCanteen: false,
    areaId: e.a.village.id,
  };
  return (await ok((await a(e)).post('/api/enterprises', body))).id;
}

async function send(e: CrossEnv, url: string, f: { payload: Buffer; headers: Record<string, string> }) {
  return ok((await a(e)).request({ method: 'POST', url, payload: f.payload, headers: f.headers }));
}

/** Plans uploaded, staff imported, stock and officer declared: A may apply. */
async function readyInA(e: CrossEnv): Promise<number> {
  const id = await enterpriseInA(e);
  await send(e, `/api/enterprises/${id}/documents?kind=prevention_plan`, multipartBody('方案.pdf', pdf()));
  await send(e, `/api/enterprises/${id}/documents?kind=emergency_plan`, multipartBody('预案.png', TINY_PNG));
  await send(e, `/api/enterprises/${id}/staff/import`, await staffFile());
  await ok((await a(e)).patch(`/api/enterprises/${id}`, { stockDays: 7, officerName: `${MARK}专员`, officerPhone: '13900001111' }));
  return id;
}

const allInPlace = { plan: true, ledger: true, site: true, stock: true, isolation_room: true, officer: true };

async function applicationInA(e: CrossEnv): Promise<number> {
  const id = await readyInA(e);
  return (await ok((await a(e)).post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace, note: `${MARK}申请` }))).id;
}

async function documentInA(e: CrossEnv): Promise<number> {
  const id = await enterpriseInA(e);
  return (await send(e, `/api/enterprises/${id}/documents?kind=prevention_plan`, multipartBody('方案.pdf', pdf()))).id;
}

async function ledgerInA(e: CrossEnv): Promise<number> {
  const id = await enterpriseInA(e);
  await ok((await a(e)).post(`/api/enterprises/${id}/ledgers`, { present: 5, temperatureAbnormal: 0, note: `${MARK}台账` }));
  return id;
}

const ledgerBody = { present: 3, temperatureAbnormal: 0, note: '越权台账' };

export const ENTERPRISE_CASES: Record<string, CrossCase> = {
  'GET /api/enterprises/policy': async () => [{ url: '/api/enterprises/policy', expect: 'no-leak', control: 'ok' }],
  'GET /api/enterprises': async (e) => {
    await enterpriseInA(e);
    return [
      { url: '/api/enterprises', expect: 'no-leak', control: 'marker' },
      { url: `/api/enterprises?q=${encodeURIComponent(MARK)}`, expect: 'no-leak', control: 'marker' },
      { url: `/api/enterprises?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    ];
  },
  'POST /api/enterprises': async (e) => [
    {
      url: '/api/enterprises',
      body: { creditCode: creditCode(), name: '越权企业', industry: '制鞋', headcount: 1, hasDormitory: false, hasCanteen: false, areaId: e.a.village.id },
      expect: 'denied',
    },
    // B's own area may not name A's user as the cadre in charge.
    {
      url: '/api/enterprises',
      body: {
        creditCode: creditCode(),
        name: '乙企业',
        industry: '制鞋',
        headcount: 1,
        hasDormitory: false,
        hasCanteen: false,
        areaId: e.b.village.id,
        cadreUserId: e.a.userId,
      },
      expect: 'denied',
      control: 'none',
    },
  ],
  'GET /api/enterprises/applications': async (e) => {
    await applicationInA(e);
    // A's county sees applications at the county's step only (none yet): the control proves the route answers.
    return [{ url: '/api/enterprises/applications', expect: 'no-leak', control: 'ok' }];
  },
  'POST /api/enterprises/applications/:id/decision': async (e) => [
    { url: `/api/enterprises/applications/${await applicationInA(e)}/decision`, body: { approve: true }, expect: 'denied', control: 'none' },
    { url: `/api/enterprises/applications/${await applicationInA(e)}/decision`, body: { approve: false, reason: '越权' }, expect: 'denied', control: 'none' },
  ],
  'GET /api/enterprises/documents/:id': async (e) => [
    { url: `/api/enterprises/documents/${await documentInA(e)}`, expect: 'denied', control: 'marker', readBody: async (raw) => raw.toString('utf8') },
  ],
  'GET /api/enterprises/:id': async (e) => [{ url: `/api/enterprises/${await ledgerInA(e)}`, expect: 'denied', control: 'marker' }],
  'PATCH /api/enterprises/:id': async (e) => [{ url: `/api/enterprises/${await enterpriseInA(e)}`, body: { stockDays: 9 }, expect: 'denied' }],
  'POST /api/enterprises/:id/documents': async (e) => {
    const f = multipartBody('方案.pdf', pdf());
    return [{ url: `/api/enterprises/${await enterpriseInA(e)}/documents?kind=emergency_plan`, body: f.payload, headers: f.headers, expect: 'denied' }];
  },
  'POST /api/enterprises/:id/applications': async (e) => [
    { url: `/api/enterprises/${await readyInA(e)}/applications`, body: { selfCheck: allInPlace }, expect: 'denied' },
  ],
  'POST /api/enterprises/:id/staff/import': async (e) => {
    const f = await staffFile();
    return [{ url: `/api/enterprises/${await enterpriseInA(e)}/staff/import`, body: f.payload, headers: f.headers, expect: 'denied' }];
  },
  // Names are masked in the list, so the marker does not survive: the control proves A reads it.
  'GET /api/enterprises/:id/staff': async (e) => [{ url: `/api/enterprises/${await readyInA(e)}/staff`, expect: 'denied', control: 'ok' }],
  'POST /api/enterprises/:id/ledgers': async (e) => [{ url: `/api/enterprises/${await enterpriseInA(e)}/ledgers`, body: ledgerBody, expect: 'denied' }],
  'GET /api/enterprises/:id/ledgers': async (e) => [{ url: `/api/enterprises/${await ledgerInA(e)}/ledgers`, expect: 'denied', control: 'marker' }],
  'POST /api/enterprises/:id/case-check': async (e) => [{ url: `/api/enterprises/${await readyInA(e)}/case-check`, expect: 'denied', control: 'ok' }],
};
