import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeUser, testApp } from '../../testing/harness';
import { multipartBody } from '../../testing/sheets';
import { emptyStringsBomb, workbookWithStrings } from '../../testing/zip-bomb';
import { oneHeavyImport } from './heavy-import';
import { sheetReaderLimits } from './threaded-reader';

/**
 * A small spreadsheet must not take the server down: a zip bomb is refused from its directory, a sheet that
 * passes those checks and still fills memory ends only its worker thread, and one person runs one heavy import at
 * a time — each refusal a clear 4xx in both languages, the server's memory staying bounded.
 */
let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await testApp();
  await makeUser(t.db, 'bounds_admin', ['admin'], t.root);
  admin = await login(t.app, 'bounds_admin');
});
afterAll(() => t.close());

const MB = 1024 * 1024;

describe('spreadsheet bounds', () => {
  it('refuses a zip bomb (100 million shared strings) at every importer, the memory staying under 1 GB', async () => {
    const bomb = await emptyStringsBomb();
    expect(bomb.length).toBeLessThan(8 * MB);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      for (const url of ['/api/residents/imports', '/api/sampling/results/import', '/api/risk-areas/import']) {
        const body = multipartBody('名单.xlsx', bomb);
        const res = await admin.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(413);
        expect(res.json().error.code).toBe('IMPORT_UNPACKS_TOO_BIG');
        expect(res.json().error.message).toContain('解压后过大');
      }
      const en = multipartBody('list.xlsx', bomb);
      const res = await admin.request({
        method: 'POST',
        url: '/api/residents/imports',
        payload: en.payload,
        headers: { ...en.headers, 'accept-language': 'en' },
      });
      expect(res.json().error.message).toContain('too large once unpacked');
    } finally {
      clearInterval(sampler);
    }
    console.info(`peak RSS around the zip-bomb uploads: ${Math.round(peak / MB)} MB`);
    expect(peak).toBeLessThan(1024 * MB);
  }, 120_000);

  it('a sheet that passes the zip checks but fills the reader heap ends only its worker, answered 413', async () => {
    // 400,000 distinct strings of 40 characters: under every directory bound and the shared-strings cap, yet more
    // than the 40 MB heap this test gives the reader (kept small so the worker's end comes quickly).
    const strings = function* () {
      for (let i = 0; i < 400_000; i += 10_000) {
        let s = '';
        for (let j = i; j < i + 10_000; j++) s += `<si><t>${`居民${j.toString(36)}号`.padEnd(40, '住')}</t></si>`;
        yield Buffer.from(s);
      }
    };
    const file = await workbookWithStrings(strings);
    const saved = sheetReaderLimits.heapMb;
    sheetReaderLimits.heapMb = 40;
    try {
      // The same heap reads an ordinary sheet: it is the file, not the limit, that ends the worker below.
      const small = await workbookWithStrings(function* () {
        yield Buffer.from('<si><t>姓名</t></si>');
      });
      const ok = multipartBody('名单.xlsx', small);
      const fine = await admin.request({ method: 'POST', url: '/api/residents/imports', payload: ok.payload, headers: ok.headers });
      expect(fine.statusCode, fine.body).toBe(201);
      const body = multipartBody('名单.xlsx', file);
      const res = await admin.request({ method: 'POST', url: '/api/residents/imports', payload: body.payload, headers: body.headers });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.code).toBe('IMPORT_UNPACKS_TOO_BIG');
    } finally {
      sheetReaderLimits.heapMb = saved;
    }
    // The server goes on answering.
    expect((await admin.get('/api/health')).statusCode).toBe(200);
  }, 120_000);

  it('one heavy import per person: a second, while the first runs, is answered 409 in both languages', async () => {
    let release = () => {};
    const first = oneHeavyImport(-1, () => new Promise<void>((r) => (release = r)));
    await expect(oneHeavyImport(-1, async () => 'second')).rejects.toMatchObject({ code: 'IMPORT_ONE_AT_A_TIME' });
    expect(await oneHeavyImport(-2, async () => 'another person')).toBe('another person');
    release();
    await first;
    expect(await oneHeavyImport(-1, async () => 'after')).toBe('after');

    // Through the API: an import of this person is being committed; validating another one waits for it.
    const csv = Buffer.from('姓名,联系电话\n张三,13800000001\n');
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const body = multipartBody('名单.csv', csv);
      const up = await admin.request({ method: 'POST', url: '/api/residents/imports', payload: body.payload, headers: body.headers });
      expect(up.statusCode, up.body).toBe(201);
      ids.push(up.json().id);
    }
    await t.db.query("UPDATE resident_imports SET status = 'committing', started_by = $2 WHERE id = $1", [ids[0], admin.userId]);
    const zh = await admin.post(`/api/residents/imports/${ids[1]}/validate`, { mapping: { 姓名: 'name', 联系电话: 'phone' } });
    expect(zh.statusCode, zh.body).toBe(409);
    expect(zh.json().error).toMatchObject({ code: 'IMPORT_ONE_AT_A_TIME' });
    expect(zh.json().error.message).toContain('正在导入');
    const en = await admin.request({
      method: 'POST',
      url: `/api/residents/imports/${ids[1]}/validate`,
      payload: { mapping: { 姓名: 'name', 联系电话: 'phone' } },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toContain('still running');
    await t.db.query("UPDATE resident_imports SET status = 'failed' WHERE id = $1", [ids[0]]);
  }, 60_000);
});
