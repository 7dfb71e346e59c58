import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../testing/harness';
import { xlsxBuffer } from '../../testing/sheets';
import { ok, screeningFixture, upload } from './test-fixture';

let t: TestApp;
let admin: Agent;
let townAdmin: Agent;
let cadre: Agent;
let worker: Agent;

beforeAll(async () => {
  ({ t, admin, townAdmin, cadre, worker } = await screeningFixture());
});
afterAll(() => t.close());

describe('the risk-area list', () => {
  it('imports csv (UTF-8) and keeps history: a later import adds rows, the level of a day is looked up by date and longest code', async () => {
    const csv = [
      '区划代码,地区名称,风险等级,开始日期,结束日期',
      '420106,,高风险,2022-08-01,2022-08-10',
      '420106001,,中风险区,2022-08-05,',
      '420100,,低风险,2022/8/1,2022-08-31',
    ].join('\n');
    const res = await ok(upload(admin, '名单.csv', Buffer.from(csv)), 201);
    expect(res).toMatchObject({ imported: 3, levels: { high: 1, medium: 1, low: 1 } });
    const level = async (code: string, on: string) => (await ok(worker.get(`/api/risk-areas/level?code=${code}&on=${on}`))).level;
    expect(await level('420106001001', '2022-08-06')).toBe('medium'); // the town's row is the longest code
    expect(await level('420106002', '2022-08-06')).toBe('high');
    expect(await level('420106002', '2022-08-20')).toBe('low'); // the county's row ended; the city's still covers it
    expect(await level('420106', '2022-07-31')).toBe('none');
    expect(await level('411627', '2022-08-06')).toBe('none');
    // A later list lowers the county from 8 August: the earlier row stays (history), the newer one decides from then on.
    await ok(upload(admin, '名单2.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,低,2022-08-08\n')), 201);
    expect(await level('420106002', '2022-08-03')).toBe('high');
    expect(await level('420106002', '2022-08-09')).toBe('low');
    const listed = await ok(cadre.get('/api/risk-areas?on=2022-08-09'));
    expect(listed.items.map((r: any) => `${r.divisionCode}:${r.level}`).sort()).toEqual(['420106001:medium', '420106:high', '420106:low', '4201:low']);
    expect(listed.items.find((r: any) => r.divisionCode === '420106001').name).toBe('湖北省武汉市武昌区积玉桥街道');
    expect((await ok(cadre.get('/api/risk-areas'))).total).toBe(4);
  });

  it('reads GBK csv and xlsx with a title row above the headers', async () => {
    const gbk = iconv.encode('地区代码,等级,起,止\r\n110105,封控区,2022-11-01,2022-11-20\r\n', 'gbk');
    expect(await ok(upload(admin, 'gbk.csv', gbk), 201)).toMatchObject({ imported: 1, levels: { lockdown: 1 } });
    const xlsx = await xlsxBuffer({
      风险地区: [
        ['2022 年 11 月风险区域名单'],
        [],
        ['名称', '区划代码', '风险等级', '开始日期', '结束日期'],
        ['', '310115', '管控区', new Date(Date.UTC(2022, 10, 2)), null],
      ],
    });
    expect(await ok(upload(admin, 'list.xlsx', xlsx), 201)).toMatchObject({ imported: 1, levels: { control: 1 } });
    expect((await ok(worker.get('/api/risk-areas/level?code=310115000000&on=2022-11-05'))).level).toBe('control');
    // A place of this deployment named without a code (an estate declared at risk) is kept with its area.
    expect(await ok(upload(admin, 'estate.csv', Buffer.from('地区名称,风险等级,开始日期\n王隆集村,封控区,2022-12-01\n')), 201)).toMatchObject({ imported: 1 });
    const [estate] = (await ok(cadre.get('/api/risk-areas?on=2022-12-02&level=lockdown'))).items;
    expect(estate).toMatchObject({ name: '王隆集村', divisionCode: null, areaId: expect.any(Number) });
  });

  it('refuses broken files and bad rows with the row numbers, in zh and en, never a 500, and writes nothing', async () => {
    const before = (await ok(cadre.get('/api/risk-areas'))).total;
    const bad = [
      '代码,名称,风险等级,开始日期,结束日期',
      '420106,,极高,2022-08-01,',
      '12345,,高,2022-08-01,',
      ',,高,2022-08-01,',
      '420106,,高,,',
      '420106,,高,2022-08-10,2022-08-01',
      '999999,,高,2022-08-01,',
      ',不存在的小区,中,2022-08-01,',
    ].join('\n');
    const zh = await upload(admin, 'bad.csv', Buffer.from(bad));
    expect(zh.statusCode).toBe(422);
    const err = zh.json().error;
    expect(err.code).toBe('RISK_IMPORT_ROWS');
    expect(err.message).toContain('7 行有误');
    expect(Object.keys(err.fields)).toEqual(['row 2', 'row 3', 'row 4', 'row 5', 'row 6', 'row 7', 'row 8']);
    expect(err.fields['row 2']).toContain('极高');
    expect(err.fields['row 8']).toContain('不存在的小区');
    const en = (await upload(admin, 'bad.csv', Buffer.from(bad), 'en')).json().error;
    expect(en.fields['row 3']).toBe('division code "12345" must be 2, 4, 6, 9 or 12 digits');
    expect(en.fields['row 5']).toBe('the start date is empty');

    const xlsxBytes = await xlsxBuffer({
      s: [
        ['code', 'level', 'from'],
        ['420106', 'high', '2022-01-01'],
      ],
    });
    for (const [name, data, code] of [
      ['empty.csv', Buffer.alloc(0), 'IMPORT_EMPTY'],
      ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]), 'IMPORT_NOT_SPREADSHEET'],
      ['cut.xlsx', xlsxBytes.subarray(0, Math.floor(xlsxBytes.length / 2)), 'IMPORT_BROKEN'],
      ['headers.csv', Buffer.from('甲,乙\n1,2\n'), 'RISK_IMPORT_HEADERS'],
      ['only-headers.csv', Buffer.from('区划代码,风险等级,开始日期\n'), 'IMPORT_NO_DATA'],
    ] as const) {
      const res = await upload(admin, name, data);
      expect(res.statusCode, `${name}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, name).toBeLessThan(500);
      expect(res.json().error.code, name).toBe(code);
    }
    const notMultipart = await admin.post('/api/risk-areas/import', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().error.code).toBe('IMPORT_NO_FILE');
    // A form with a field but no file part: the route itself names the missing file.
    const boundary = '----wanggeNoFile';
    const noFile = await admin.request({
      method: 'POST',
      url: '/api/risk-areas/import',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(noFile.statusCode, noFile.body).toBe(400);
    expect(noFile.json().error.code).toBe('IMPORT_NO_FILE');
    // Only a root-scoped user with riskareas.manage imports.
    const town = await upload(townAdmin, 'ok.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,高,2022-08-01\n'));
    expect(town.statusCode).toBe(403);
    expect(town.json().error.code).toBe('RISK_IMPORT_ROOT');
    expect((await upload(worker, 'ok.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,高,2022-08-01\n'))).statusCode).toBe(403);
    expect((await ok(cadre.get('/api/risk-areas'))).total).toBe(before);
  });
});
