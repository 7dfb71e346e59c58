import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excelJs } from '../../../platform/exceljs';
import { oneExportAtATime } from '../../../platform/export-stamp';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../../testing/harness';
import { readXlsx } from '../../../testing/sheets';

/**
 * Exports of personal data (issue 14, point 10): a POST with a stated purpose; the file carries who, when, the
 * request id and the purpose in its properties and in a footer line; the purpose is audited; one at a time.
 */
let t: TestApp;
let admin: Agent;
let villageId: number;
beforeAll(async () => {
  t = await testApp();
  const v = await makeArea(t.db, t.root, '王庄村', 'village');
  villageId = v.id;
  await makeUser(t.db, 'exp_admin', ['admin'], t.root);
  admin = await login(t.app, 'exp_admin');
  const h = (await admin.post('/api/households', { areaId: v.id, address: '王庄村 1 号' })).json().id;
  expect((await admin.post('/api/residents', { householdId: h, name: '导出对象', idType: 'none', movedInOn: '2024-01-01' })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('an export of personal data', () => {
  it('needs a purpose of a few characters, in a POST', async () => {
    for (const body of [{}, { purpose: '' }, { purpose: '  核对 ' }, { purpose: 'x'.repeat(201) }]) {
      const res = await admin.post(`/api/residents/export.xlsx?under=${villageId}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    // The old GET is no longer a route.
    const get = await admin.get(`/api/residents/export.xlsx?under=${villageId}`);
    expect(get.statusCode).toBeGreaterThanOrEqual(400);
    expect(get.statusCode).toBeLessThan(500);
    expect((await admin.post('/api/volunteers/export.xlsx', {})).statusCode).toBe(400);
  });

  it('carries who, when, the request id and the purpose inside the file, and the purpose is audited', async () => {
    const purpose = '核对王庄村返乡人员名单';
    const res = await admin.post(`/api/residents/export.xlsx?under=${villageId}&reveal=true`, { purpose });
    expect(res.statusCode, res.body).toBe(200);
    const requestId = String(res.headers['x-request-id']);
    const wb = new (excelJs().Workbook)();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.creator).toBe('exp_admin 显示名（exp_admin）');
    expect(wb.subject).toBe(purpose);
    expect(wb.description).toContain(requestId);
    expect(wb.description).toContain(purpose);
    const rows = (await readXlsx(res.rawPayload))['居民台账'];
    const footer = JSON.stringify(rows[rows.length - 1]);
    for (const part of ['导出人：exp_admin 显示名（exp_admin）', `请求编号：${requestId}`, `用途：${purpose}`, '导出时间：']) expect(footer).toContain(part);
    expect(JSON.stringify(rows)).toContain('导出对象');
    const [row] = await t.db.query<{ after: { purpose: string; revealed: boolean }; request_id: string }>(
      `SELECT after, request_id FROM audit_log WHERE entity = 'resident' AND action = 'export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(row).toMatchObject({ request_id: requestId, after: { purpose, revealed: true } });

    const vol = await admin.post('/api/volunteers/export.xlsx', { purpose: '志愿者排班核对' });
    expect(vol.statusCode, vol.body).toBe(200);
    const volRows = (await readXlsx(vol.rawPayload))['志愿者名册'];
    expect(JSON.stringify(volRows[volRows.length - 1])).toContain('用途：志愿者排班核对');
  });

  it('one at a time per person: a second is refused while the first is being written', async () => {
    let finish: () => void = () => {};
    const first = await oneExportAtATime(991, async () => ({ write: (_out: unknown) => new Promise<void>((r) => (finish = r)) }));
    const writing = first.write(new PassThrough());
    await expect(oneExportAtATime(991, async () => ({ write: async () => {} }))).rejects.toMatchObject({ code: 'EXPORT_ONE_AT_A_TIME' });
    // Someone else is not held up.
    await oneExportAtATime(992, async () => ({ write: async () => {} }));
    finish();
    await writing;
    await expect(oneExportAtATime(991, async () => ({ write: async () => {} }))).resolves.toBeTruthy();
    // A refused preparation frees the slot too.
    await expect(
      oneExportAtATime(993, async () => {
        throw new Error('too many rows');
      }),
    ).rejects.toThrow();
    await expect(oneExportAtATime(993, async () => ({ write: async () => {} }))).resolves.toBeTruthy();
  });
});
