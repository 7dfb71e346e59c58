import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResident, idNumberFor } from '../../testing/factories';
import { multipartBody } from '../../testing/sheets';
import { type EnterprisesFixture, TINY_PDF, allInPlace, enterpriseBody, enterprisesFixture, ok, readyEnterprise, staffSheet, upload } from './test-fixture';

/** The register, plans, the resumption's two-step approval, the staff list and the daily ledger (issue 18 point 5). */
let f: EnterprisesFixture;
beforeAll(async () => {
  f = await enterprisesFixture();
});
afterAll(() => f.t.close());

const staff = (from: number, n: number) => Array.from({ length: n }, (_, i) => [`员工${from + i}号`, idNumberFor(from + i), '13800001234', '车间']);

describe('register', () => {
  it('a wrong check character is refused with why; a good code registers the enterprise as an inspection target', async () => {
    const body = enterpriseBody(f.villages.甲一.id);
    const wrongCheck = body.creditCode.slice(0, 17) + (body.creditCode[17] === '0' ? '1' : '0');
    const bad = await f.villageCadre.post('/api/enterprises', { ...body, creditCode: wrongCheck });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ENTERPRISES_CREDIT_CODE');
    expect(bad.json().error.fields.creditCode).toContain(`应为“${body.creditCode[17]}”`);
    const en = await f.villageCadre.request({
      method: 'POST',
      url: '/api/enterprises',
      payload: { ...body, creditCode: 'ABC' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.fields.creditCode).toBe('must be 18 characters, not 3');

    const made = await ok(f.villageCadre.post('/api/enterprises', { ...body, creditCode: body.creditCode.toLowerCase() }), 201);
    expect(made).toMatchObject({ creditCode: body.creditCode, status: 'registered', areaName: '甲一村', staffCount: 0, ledgerToday: false });
    expect(made.inspectionTargetId).toBeGreaterThan(0);
    const targets = await ok(f.villageCadre.get('/api/inspections/targets?kind=enterprise'));
    expect(targets.items.map((t: { id: number }) => t.id)).toContain(made.inspectionTargetId);

    const again = await f.villageCadre.post('/api/enterprises', { ...enterpriseBody(f.villages.甲一.id), creditCode: body.creditCode });
    expect(again.statusCode).toBe(409);
  });

  it('the cadre in charge must hold the enterprise’s area; another town sees nothing of it', async () => {
    const outside = await f.admin.post('/api/enterprises', enterpriseBody(f.villages.乙一.id, { cadreUserId: f.villageCadreId }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('ENTERPRISES_CADRE_OUTSIDE');
    const e = await ok(f.villageCadre.post('/api/enterprises', enterpriseBody(f.villages.甲一.id, { cadreUserId: f.villageCadreId })), 201);
    expect(e.cadreName).toBe('ent_village 显示名');
    expect((await f.otherTown.get(`/api/enterprises/${e.id}`)).statusCode).toBe(404);
    const list = await ok(f.otherTown.get('/api/enterprises'));
    expect(list.items.map((x: { id: number }) => x.id)).not.toContain(e.id);
  });
});

describe('plans', () => {
  it('a PDF, a .docx or a photo is kept and read back; anything else is refused by its bytes, whatever its name', async () => {
    const e = await ok(f.villageCadre.post('/api/enterprises', enterpriseBody(f.villages.甲一.id)), 201);
    const doc = await ok(upload(f.villageCadre, `/api/enterprises/${e.id}/documents?kind=prevention_plan`, '方案.pdf', TINY_PDF), 201);
    expect(doc).toMatchObject({ kind: 'prevention_plan', fileKind: 'pdf', fileName: '方案.pdf', size: TINY_PDF.length });
    const back = await f.villageCadre.get(`/api/enterprises/documents/${doc.id}`);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.rawPayload.equals(TINY_PDF)).toBe(true);
    expect((await f.otherTown.get(`/api/enterprises/documents/${doc.id}`)).statusCode).toBe(404);

    const fake = await upload(f.villageCadre, `/api/enterprises/${e.id}/documents?kind=emergency_plan`, '预案.pdf', Buffer.from('<html>not a plan</html>'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('ENTERPRISES_DOCUMENT_KIND');
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(f.villageCadre, `/api/enterprises/${e.id}/documents?kind=emergency_plan`, '预案.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    const none = await f.villageCadre.post(`/api/enterprises/${e.id}/documents?kind=emergency_plan`, {});
    expect(none.statusCode).toBe(400);
  });
});

describe('resumption', () => {
  it('refused with why until the six are in place; then town → county, a refusal at each step with its reason', async () => {
    const e = await ok(f.villageCadre.post('/api/enterprises', enterpriseBody(f.villages.甲一.id)), 201);
    const early = await f.villageCadre.post(`/api/enterprises/${e.id}/applications`, { selfCheck: allInPlace });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('ENTERPRISES_SELF_CHECK');
    // Ticked but not proved: no plans, no staff, no stock, no officer.
    expect(Object.keys(early.json().error.fields).sort()).toEqual(['selfCheck.ledger', 'selfCheck.officer', 'selfCheck.plan', 'selfCheck.stock']);

    const id = await readyEnterprise(f, staff(100, 3));
    const unticked = await f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: { ...allInPlace, isolation_room: false } });
    expect(unticked.json().error.fields).toEqual({ 'selfCheck.isolation_room': '设置临时隔离室' });

    // First application: the town refuses (a reason is required).
    const a1 = await ok(f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace }), 201);
    expect(a1.status).toBe('town_review');
    expect((await ok(f.villageCadre.get(`/api/enterprises/${id}`))).status).toBe('applying');
    expect((await f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace })).statusCode).toBe(409);
    // The county cannot take the town's step, nor a village cadre; another town does not see it.
    expect((await f.county.post(`/api/enterprises/applications/${a1.id}/decision`, { approve: true })).json().error.code).toBe('ENTERPRISES_NOT_YOUR_STEP');
    expect((await f.villageCadre.post(`/api/enterprises/applications/${a1.id}/decision`, { approve: true })).statusCode).toBe(403);
    expect((await f.otherTown.post(`/api/enterprises/applications/${a1.id}/decision`, { approve: true })).statusCode).toBe(404);
    const noReason = await f.town.post(`/api/enterprises/applications/${a1.id}/decision`, { approve: false });
    expect(noReason.json().error.code).toBe('ENTERPRISES_REASON_REQUIRED');
    const pendingTown = await ok(f.town.get('/api/enterprises/applications'));
    expect(pendingTown.items.map((x: { id: number }) => x.id)).toContain(a1.id);
    const r1 = await ok(f.town.post(`/api/enterprises/applications/${a1.id}/decision`, { approve: false, reason: '隔离室未设在独立区域' }));
    expect(r1).toMatchObject({ status: 'refused', townReason: '隔离室未设在独立区域', townDecidedByName: 'ent_town 显示名' });
    expect((await ok(f.villageCadre.get(`/api/enterprises/${id}`))).status).toBe('registered');
    expect((await f.town.post(`/api/enterprises/applications/${a1.id}/decision`, { approve: true })).statusCode).toBe(409);

    // Second: the town approves, the county refuses.
    const a2 = await ok(f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace }), 201);
    expect((await ok(f.town.post(`/api/enterprises/applications/${a2.id}/decision`, { approve: true }))).status).toBe('county_review');
    expect((await f.town.post(`/api/enterprises/applications/${a2.id}/decision`, { approve: true })).json().error.code).toBe('ENTERPRISES_NOT_YOUR_STEP');
    expect((await ok(f.county.get('/api/enterprises/applications'))).items.map((x: { id: number }) => x.id)).toContain(a2.id);
    const r2 = await ok(f.county.post(`/api/enterprises/applications/${a2.id}/decision`, { approve: false, reason: '应急预案缺少联络人' }));
    expect(r2).toMatchObject({ status: 'refused', countyReason: '应急预案缺少联络人' });

    // Third: both approve; the enterprise is at work.
    const a3 = await ok(f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace }), 201);
    await ok(f.town.post(`/api/enterprises/applications/${a3.id}/decision`, { approve: true }));
    expect((await ok(f.county.post(`/api/enterprises/applications/${a3.id}/decision`, { approve: true }))).status).toBe('approved');
    const detail = await ok(f.villageCadre.get(`/api/enterprises/${id}`));
    expect(detail.status).toBe('resumed');
    expect(detail.applications.map((a: { status: string }) => a.status)).toEqual(['approved', 'refused', 'refused']);

    // Each step is in the trail.
    const trail = await f.t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'enterprise_application' AND entity_id = ANY($1::text[]) ORDER BY id`,
      [[a1.id, a2.id, a3.id].map(String)],
    );
    expect(trail.map((r) => r.action)).toEqual(['apply', 'refuse', 'apply', 'approve', 'refuse', 'apply', 'approve', 'approve']);
  });
});

describe('staff and ledger', () => {
  it('the staff list is all or nothing, with each wrong row named; lists mask names and ID numbers', async () => {
    const e = await ok(f.villageCadre.post('/api/enterprises', enterpriseBody(f.villages.甲一.id)), 201);
    const bad = await upload(
      f.villageCadre,
      `/api/enterprises/${e.id}/staff/import`,
      '名单.xlsx',
      await staffSheet([
        ['张三', idNumberFor(200), '', ''],
        ['李四', '411627198001010000', '', ''],
        ['王五', idNumberFor(200), '', ''],
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('ENTERPRISES_STAFF_ROWS');
    expect(Object.keys(bad.json().error.fields)).toEqual(['row 3', 'row 4']);
    expect((await ok(f.villageCadre.get(`/api/enterprises/${e.id}/staff`))).total).toBe(0);
    const noHeader = multipartBody('名单.csv', Buffer.from('甲,乙\n1,2\n'));
    const nh = await f.villageCadre.request({
      method: 'POST',
      url: `/api/enterprises/${e.id}/staff/import`,
      payload: noHeader.payload,
      headers: noHeader.headers,
    });
    expect(nh.json().error.code).toBe('ENTERPRISES_STAFF_HEADERS');

    await ok(
      upload(f.villageCadre, `/api/enterprises/${e.id}/staff/import`, '名单.xlsx', await staffSheet([['张三丰', idNumberFor(201), '13800001234', '仓库']])),
    );
    const list = await ok(f.villageCadre.get(`/api/enterprises/${e.id}/staff`));
    expect(list.items).toEqual([
      { id: expect.any(Number), name: '张*丰', idNumber: expect.stringMatching(/^\d{6}\*+\d{3}[\dX]$|\*/), phone: '138****1234', post: '仓库' },
    ]);
    expect(list.items[0].idNumber).not.toBe(idNumberFor(201));
  });

  it('the day’s ledger flags a returnee from a listed risk area; a second send the same day replaces it', async () => {
    const risk = multipartBody('风险地区.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,高,2022-08-01\n'));
    await ok(f.admin.request({ method: 'POST', url: '/api/risk-areas/import', payload: risk.payload, headers: risk.headers }), 201);
    const id = await readyEnterprise(f, staff(300, 3));
    const people = (await ok(f.villageCadre.get(`/api/enterprises/${id}/staff`))).items;
    const day = new Date().toISOString().slice(0, 10);
    const body = {
      present: 3,
      temperatureAbnormal: 0,
      returnees: [
        { staffId: people[0].id, originCode: '420106', returnedOn: day },
        { staffId: people[1].id, originCode: '110101', returnedOn: day },
      ],
    };
    const l = await ok(f.worker.post(`/api/enterprises/${id}/ledgers`, body), 201);
    expect(l.flagged).toBe(1);
    expect(l.returnees).toMatchObject([
      { staffId: people[0].id, originCode: '420106', level: 'high', flagged: true },
      { staffId: people[1].id, originCode: '110101', level: 'none', flagged: false },
    ]);
    expect(l.returnees[0].name).toContain('*');
    const again = await ok(f.worker.post(`/api/enterprises/${id}/ledgers`, { ...body, present: 2, returnees: [] }), 200);
    expect(again).toMatchObject({ id: l.id, present: 2, flagged: 0 });
    expect((await ok(f.villageCadre.get(`/api/enterprises/${id}`))).ledgerToday).toBe(true);

    const counts = await f.worker.post(`/api/enterprises/${id}/ledgers`, { present: 1, temperatureAbnormal: 2 });
    expect(counts.json().error.code).toBe('ENTERPRISES_LEDGER_COUNTS');
    const future = await f.worker.post(`/api/enterprises/${id}/ledgers`, { day: '2099-01-01', present: 1, temperatureAbnormal: 0 });
    expect(future.json().error.code).toBe('ENTERPRISES_LEDGER_FUTURE');
    const stranger = await f.worker.post(`/api/enterprises/${id}/ledgers`, {
      present: 1,
      temperatureAbnormal: 0,
      returnees: [
        { staffId: 999_999, originCode: '420106', returnedOn: day },
        { staffId: people[0].id, originCode: '999999', returnedOn: day },
      ],
    });
    expect(stranger.json().error.fields).toMatchObject({ 'returnees.0.staffId': expect.any(String), 'returnees.1.originCode': expect.any(String) });
    expect((await f.otherTown.post(`/api/enterprises/${id}/ledgers`, body)).statusCode).toBe(404);
  });
});

describe('suspension', () => {
  it('a case among the staff suspends a resumed enterprise; it resumes again only through a new approval', async () => {
    const caseId = idNumberFor(401);
    const id = await readyEnterprise(f, [...staff(402, 2), ['病例员工', caseId, '', '']]);
    const a = await ok(f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace }), 201);
    await ok(f.town.post(`/api/enterprises/applications/${a.id}/decision`, { approve: true }));
    await ok(f.county.post(`/api/enterprises/applications/${a.id}/decision`, { approve: true }));
    expect(await ok(f.villageCadre.post(`/api/enterprises/${id}/case-check`))).toEqual({ cases: 0, suspended: false });

    // The staff member lives in another town: the match is by ID number, wherever the case is.
    const resident = await buildResident(f.admin, { areaId: f.villages.乙一.id }, { name: '病例员工', idType: 'resident_id', idNumber: caseId });
    const day = new Date().toISOString().slice(0, 10);
    await ok(f.admin.post('/api/tracing/cases', { residentId: resident, classification: 'confirmed', reportedOn: day, foundBy: 'other' }), 201);
    expect(await ok(f.villageCadre.post(`/api/enterprises/${id}/case-check`))).toEqual({ cases: 1, suspended: true });
    const e = await ok(f.villageCadre.get(`/api/enterprises/${id}`));
    expect(e).toMatchObject({ status: 'suspended', suspendedReason: 'staff_case' });
    expect(e.suspendedAt).not.toBeNull();
    const trail = await f.t.db.query<{ after: { cases: number } }>(
      `SELECT after FROM audit_log WHERE entity = 'enterprise' AND action = 'suspend' AND entity_id = $1`,
      [String(id)],
    );
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail[0].after)).not.toContain(caseId);
    // Checked again: already suspended, nothing changes.
    expect((await ok(f.villageCadre.post(`/api/enterprises/${id}/case-check`))).suspended).toBe(false);

    // The overview counts it.
    const o = await ok(f.county.get(`/api/overview?areaId=${f.towns.甲.id}`));
    expect(o.enterprises.suspended).toBeGreaterThanOrEqual(1);

    // A new list without the person, a new application, approved: resumed, the suspension's note gone.
    await ok(upload(f.villageCadre, `/api/enterprises/${id}/staff/import`, '名单.xlsx', await staffSheet(staff(402, 2))));
    const again = await ok(f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace }), 201);
    await ok(f.town.post(`/api/enterprises/applications/${again.id}/decision`, { approve: true }));
    await ok(f.county.post(`/api/enterprises/applications/${again.id}/decision`, { approve: true }));
    expect(await ok(f.villageCadre.get(`/api/enterprises/${id}`))).toMatchObject({ status: 'resumed', suspendedAt: null, suspendedReason: null });
  });

  it('a suspended enterprise refused again returns to suspended; a staff import with a case suspends at once', async () => {
    const caseId = idNumberFor(501);
    const resident = await buildResident(f.admin, { areaId: f.villages.甲一.id }, { name: '另一病例', idType: 'resident_id', idNumber: caseId });
    const day = new Date().toISOString().slice(0, 10);
    await ok(f.admin.post('/api/tracing/cases', { residentId: resident, classification: 'suspected', reportedOn: day, foundBy: 'other' }), 201);
    const id = await readyEnterprise(f, staff(502, 2));
    const a = await ok(f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace }), 201);
    const imported = await ok(
      upload(f.villageCadre, `/api/enterprises/${id}/staff/import`, '名单.xlsx', await staffSheet([...staff(502, 2), ['另一病例', caseId, '', '']])),
    );
    expect(imported).toEqual({ imported: 3, suspended: true });
    // The open application ended with the reason.
    const detail = await ok(f.villageCadre.get(`/api/enterprises/${id}`));
    expect(detail.status).toBe('suspended');
    expect(detail.applications.find((x: { id: number }) => x.id === a.id)).toMatchObject({ status: 'refused', townReason: '员工中发现病例，企业已停工' });
    const b = await ok(f.villageCadre.post(`/api/enterprises/${id}/applications`, { selfCheck: allInPlace }), 201);
    await ok(f.town.post(`/api/enterprises/applications/${b.id}/decision`, { approve: false, reason: '病例尚未解除隔离' }));
    expect((await ok(f.villageCadre.get(`/api/enterprises/${id}`))).status).toBe('suspended');
  });
});
