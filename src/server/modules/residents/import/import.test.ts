import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../../testing/harness';
import { multipartBody, readXlsx, residentIdFor, settleImport, xlsxBuffer } from '../../../testing/sheets';
import type { AreaRow } from '../../areas';

/** An export of personal data states its purpose (issue 14, point 10). */
const EXPORT_PURPOSE = { purpose: '核对名单（测试）' };

let t: TestApp;
let admin: Agent;
let cadre: Agent;
let town: AreaRow;
let v1: AreaRow;
let v2: AreaRow;

beforeAll(async () => {
  t = await testApp({ IMPORT_MAX_MB: 2 });
  town = await makeArea(t.db, t.root, '毛庄镇', 'town', '411627100000');
  v1 = await makeArea(t.db, town, '王隆集村', 'village', '411627100201');
  v2 = await makeArea(t.db, town, '蒋店村', 'village', '411627100202');
  await makeUser(t.db, 'imp_admin', ['admin'], t.root);
  await makeUser(t.db, 'imp_cadre', ['cadre'], v1);
  admin = await login(t.app, 'imp_admin');
  cadre = await login(t.app, 'imp_cadre');
});
afterAll(() => t.close());

async function upload(agent: Agent, name: string, data: Buffer, query = '') {
  const body = multipartBody(name, data);
  return agent.request({ method: 'POST', url: `/api/residents/imports${query}`, payload: body.payload, headers: body.headers });
}

/** Upload, validate with the suggested mapping, and (optionally) commit. */
async function runImport(agent: Agent, name: string, data: Buffer, opts: { query?: string; mode?: 'all-or-nothing' | 'valid-only' } = {}) {
  const up = await upload(agent, name, data, opts.query);
  expect(up.statusCode, up.body).toBe(201);
  const { id, suggestedMapping } = up.json();
  const v = await agent.post(`/api/residents/imports/${id}/validate`, { mapping: suggestedMapping });
  expect(v.statusCode, v.body).toBe(200);
  const validated = await settleImport(agent, id);
  if (!opts.mode) return { id, validated, done: null };
  const c = await agent.post(`/api/residents/imports/${id}/commit`, { mode: opts.mode });
  expect(c.statusCode, c.body).toBe(200);
  return { id, validated, done: await settleImport(agent, id) };
}

const HEAD = ['姓名', '身份证号', '联系电话', '现住址', '与户主关系', '特殊人群'];

describe('resident import', () => {
  it('hands out a template with Chinese headers and a guide', async () => {
    const res = await admin.get('/api/residents/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await readXlsx(res.rawPayload);
    expect(book['居民台账'][0]).toEqual(expect.arrayContaining(['姓名', '身份证号', '联系电话', '现住址', '所属网格']));
    expect(Object.keys(book)).toContain('填写说明');
  });

  it('reads a GBK CSV with a title row, maps its headers, and re-importing it changes nothing', async () => {
    const id1 = residentIdFor('411627', '19440102', '012');
    const id2 = residentIdFor('411627', '19520304', '022').replace('X', 'x');
    const csv =
      '王隆集村居民台账\r\n' +
      '姓名,公民身份号码,手机号,住址,与户主关系,重点人群\r\n' +
      `刘桂兰,${id1},13912345678,王隆集村三组5号,户主,独居、残疾\r\n` +
      `"赵,建国",${id2},,王隆集村三组5号,配偶,\r\n`;
    const file = iconv.encode(csv, 'gbk');
    const up = await upload(admin, '台账.csv', file, `?areaId=${v1.id}`);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ format: 'csv', encoding: 'gbk', headerRow: 2 });
    expect(up.json().suggestedMapping).toMatchObject({ 姓名: 'name', 公民身份号码: 'idNumber', 手机号: 'phone', 住址: 'address', 重点人群: 'groups' });

    const first = await runImport(admin, '台账.csv', file, { query: `?areaId=${v1.id}`, mode: 'all-or-nothing' });
    expect(first.validated).toMatchObject({ status: 'validated', counts: { ok: 2, errors: 0 } });
    expect(first.done).toMatchObject({ status: 'done', counts: { created: 2, updated: 0, unchanged: 0 } });

    const found = (await admin.get(`/api/residents?q=${encodeURIComponent('刘桂兰')}`)).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ areaName: '王隆集村', householdAddress: '王隆集村三组5号', relation: 'head', sex: 'F', birthDate: null });
    expect(found.items[0].age).toBeGreaterThanOrEqual(80);
    expect(found.items[0].groups).toEqual(expect.arrayContaining(['alone', 'disabled', 'elderly60', 'elderly80']));
    const hh = (await admin.get(`/api/households/${found.items[0].householdId}`)).json();
    expect(hh.members.map((m: { name: string }) => m.name).sort()).toEqual(['刘桂兰', '赵,建国'].sort());
    expect(hh.headName).toBe('刘桂兰');

    const again = await runImport(admin, '台账.csv', file, { query: `?areaId=${v1.id}`, mode: 'all-or-nothing' });
    expect(again.done).toMatchObject({ status: 'done', counts: { created: 0, updated: 0, unchanged: 2 } });
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents WHERE name IN ('刘桂兰', '赵,建国')`);
    expect(n).toBe(2);
    const [{ h }] = await t.db.query<{ h: number }>(`SELECT count(*)::int AS h FROM households WHERE address = '王隆集村三组5号'`);
    expect(h).toBe(1);

    // One audit row per import with its counts (and one for its validation).
    const [ev] = await t.db.query<{ after: { created: number; unchanged: number } }>(
      `SELECT after FROM audit_log WHERE entity = 'resident_import' AND entity_id = $1 AND action = 'import'`,
      [String(again.id)],
    );
    expect(ev.after).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('updates by ID number only what the file says; a blank cell never erases', async () => {
    const id = residentIdFor('411627', '19700101', '033');
    await runImport(admin, 'a.xlsx', await xlsxBuffer({ s: [HEAD, ['孙立', id, '13700001111', '王隆集村一组1号', '户主', '']] }), {
      query: `?areaId=${v1.id}`,
      mode: 'all-or-nothing',
    });
    const second = await runImport(
      admin,
      'b.xlsx',
      await xlsxBuffer({
        s: [
          ['姓名', '身份证号', '联系电话'],
          ['孙立', id, '13700002222'],
        ],
      }),
      {
        query: `?areaId=${v1.id}`,
        mode: 'all-or-nothing',
      },
    );
    expect(second.done.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [r] = await t.db.query<{ phone: string; household_id: number; relation: string }>(
      `SELECT phone, household_id, relation FROM residents WHERE id_number = $1`,
      [id],
    );
    expect(r).toMatchObject({ phone: '13700002222', relation: 'head' });
    expect(r.household_id).not.toBeNull();
    // The change is in the record's own history, naming the import.
    const [{ id: rid }] = await t.db.query<{ id: number }>('SELECT id FROM residents WHERE id_number = $1', [id]);
    const detail = (await admin.get(`/api/residents/${rid}`)).json();
    const change = detail.history.find((x: { action: string }) => x.action === 'import');
    expect(change.changes).toContain('phone');
  });

  it('10,000 rows with 3 bad ones report exactly those 3, by row and column; errors.xlsx carries them', async () => {
    const rows: unknown[][] = [HEAD];
    for (let i = 0; i < 10_000; i++) {
      const birth = `19${40 + Math.floor(i / 1000)}0${1 + (i % 9)}1${i % 10}`;
      rows.push([`测试${i}`, residentIdFor('411627', birth, String(i % 1000).padStart(3, '0')), '', `蒋店村${i % 400}号`, i % 3 ? '子女' : '户主', '']);
    }
    // Row numbers as Excel shows them: header is row 1, data row i is row i + 2.
    (rows[101] as string[])[1] = '411627194001011234'; // wrong check digit (row 102)
    (rows[5002] as string[])[0] = ''; // no name (row 5003)
    (rows[9999] as string[])[2] = '12345'; // not a phone (row 10000)
    // Same ID number as another row would be a 4th error: keep the file otherwise clean.
    const data = await xlsxBuffer({ 台账: rows });
    const res = await runImport(admin, '万人.xlsx', data, { query: `?areaId=${v2.id}` });
    expect(res.validated.status).toBe('validated');
    expect(res.validated.counts).toMatchObject({ ok: 9_997, errors: 3 });
    const errs = res.validated.errors.map((e: { row: number; column: string }) => [e.row, e.column]);
    expect(errs).toEqual([
      [102, '身份证号'],
      [5003, '姓名'],
      [10000, '联系电话'],
    ]);
    // An export of raw rows: a POST with a purpose (no GET any more), audited, ID numbers and phones masked.
    expect((await admin.get(`/api/residents/imports/${res.id}/errors.xlsx`)).statusCode).toBe(404);
    expect((await admin.post(`/api/residents/imports/${res.id}/errors.xlsx`, {})).statusCode).toBe(400);
    const report = await admin.post(`/api/residents/imports/${res.id}/errors.xlsx`, { purpose: '修正导入错误' });
    expect(report.statusCode).toBe(200);
    const sheet = Object.values(await readXlsx(report.rawPayload))[0].filter((r) => r.some((c) => c));
    expect(sheet).toHaveLength(5);
    expect(sheet.slice(0, 4).map((r) => r[0])).toEqual(['原行号', '102', '5003', '10000']);
    expect(sheet[1][sheet[1].length - 1]).toContain('校验位');
    expect(sheet[4][0]).toContain('用途：修正导入错误');
    const text = JSON.stringify(sheet);
    expect(text).not.toContain('411627194001011234');
    expect(sheet[1][2]).toMatch(/^411\*+1234$/);
    expect(text).not.toMatch(/\d{18}/);
    const [ev] = await t.db.query<{ after: { rows: number; purpose: string } }>(
      `SELECT after FROM audit_log WHERE entity = 'resident_import' AND action = 'export' AND entity_id = $1`,
      [String(res.id)],
    );
    expect(ev.after).toEqual({ rows: 3, purpose: '修正导入错误' });

    const whole = await admin.post(`/api/residents/imports/${res.id}/commit`, { mode: 'all-or-nothing' });
    expect(whole.statusCode).toBe(409);
    expect(whole.json().error.code).toBe('IMPORT_HAS_ERRORS');
    const part = await admin.post(`/api/residents/imports/${res.id}/commit`, { mode: 'valid-only' });
    expect(part.statusCode).toBe(200);
    const done = await settleImport(admin, res.id);
    expect(done).toMatchObject({ status: 'done', counts: { created: 9_997, errors: 3 } });
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM residents WHERE area_id = $1`, [v2.id]);
    expect(n).toBe(9_997);
    const again = await admin.post(`/api/residents/imports/${res.id}/commit`, { mode: 'valid-only' });
    expect(again.json().error.code).toBe('IMPORT_FINISHED');
  });

  it("refuses an ID number registered outside the importer's area without naming the place, and audits the validation", async () => {
    const id = residentIdFor('411627', '19660606', '044');
    await runImport(admin, 'x.xlsx', await xlsxBuffer({ s: [HEAD, ['钱多', id, '', '蒋店村9号', '户主', '']] }), {
      query: `?areaId=${v2.id}`,
      mode: 'valid-only',
    });
    const res = await runImport(cadre, 'y.xlsx', await xlsxBuffer({ s: [HEAD, ['钱多', id, '', '王隆集村2号', '户主', '']] }));
    expect(res.validated.counts).toMatchObject({ ok: 0, errors: 1 });
    expect(res.validated.errors[0].reason).toContain('管辖范围以外');
    expect(res.validated.errors[0].reason).not.toMatch(/蒋/);
    const trail = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'resident_import' AND action = 'validate'");
    expect(trail[0].n).toBeGreaterThan(0);
  });

  it('dates: Excel serials, text dates and an 18-digit ID stored as a number', async () => {
    const res = await runImport(
      admin,
      'd.xlsx',
      await xlsxBuffer({
        s: [
          ['姓名', '证件类型', '身份证号', '出生日期', '性别'],
          ['甲', '护照', 'E12345678', 29222, '男'],
          ['乙', '护照', 'E12345679', '1980年1月2日', '女'],
          ['丙', '', 411627198001020011, '', ''],
          ['丁', '护照', 'E12345670', '1980-02-30', '男'],
        ],
      }),
      { query: `?areaId=${v1.id}`, mode: 'valid-only' },
    );
    expect(res.validated.counts).toMatchObject({ ok: 2, errors: 2 });
    const reasons = res.validated.errors.map((e: { row: number; column: string; reason: string }) => `${e.row}:${e.column}`);
    expect(reasons).toEqual(['4:身份证号', '5:出生日期']);
    expect(res.validated.errors[0].reason).toContain('文本');
    const rows = await t.db.query<{ name: string; b: string }>(
      `SELECT name, to_char(birth_date, 'YYYY-MM-DD') AS b FROM residents WHERE name IN ('甲', '乙') ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: '乙', b: '1980-01-02' },
      { name: '甲', b: '1980-01-02' },
    ]);
  });

  it('turns away files it cannot read, each with its own message, and keeps nothing', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['empty.xlsx', Buffer.alloc(0), 'IMPORT_EMPTY'],
      ['photo.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'IMPORT_NOT_SPREADSHEET'],
      [
        'secret.xlsx',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from('EncryptionInfo', 'utf16le')]),
        'IMPORT_ENCRYPTED',
      ],
      ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), 'IMPORT_OLD_XLS'],
      ['cut.xlsx', (await xlsxBuffer({ s: [HEAD, ['某', '', '', '', '', '']] })).subarray(0, 300), 'IMPORT_BROKEN'],
      ['blank.xlsx', await xlsxBuffer({ s: [] }), 'IMPORT_NO_DATA'],
      ['big.csv', Buffer.alloc(3 * 1048576, 0x41), 'IMPORT_TOO_LARGE'],
    ];
    for (const [name, data, code] of cases) {
      const res = await upload(admin, name, data);
      expect([res.statusCode, res.json().error?.code], `${name} ${res.body}`).toEqual([code === 'IMPORT_TOO_LARGE' ? 413 : 400, code]);
      expect(res.json().error.message).toBeTruthy();
    }
    const noFile = await admin.post('/api/residents/imports', { file: 'x' });
    expect([noFile.statusCode, noFile.json().error.code]).toEqual([400, 'IMPORT_NO_FILE']);
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM resident_imports WHERE file_name = ANY($1::text[])`, [
      cases.map((c) => c[0]),
    ]);
    expect(n).toBe(0);
  });

  it('lets a sheet be chosen and checks the mapping', async () => {
    const data = await xlsxBuffer({ 说明: [['请填写第二个工作表']], 名单: [['某某村'], ['名字', '电话'], ['周一', '13800000001']] });
    const up = (await upload(admin, 'two.xlsx', data, `?areaId=${v1.id}`)).json();
    expect(up).toMatchObject({ sheet: '名单', sheetNames: ['说明', '名单'], headerRow: 2, headers: ['名字', '电话'] });
    const bad = await admin.post(`/api/residents/imports/${up.id}/validate`, { mapping: { 电话: 'phone' } });
    expect(bad.json().error.code).toBe('IMPORT_NAME_NOT_MAPPED');
    const twice = await admin.post(`/api/residents/imports/${up.id}/validate`, { mapping: { 名字: 'name', 电话: 'name' } });
    expect(twice.json().error.code).toBe('IMPORT_FIELD_TWICE');
    const unknown = await admin.post(`/api/residents/imports/${up.id}/validate`, { mapping: { 名字: 'name', 地址: 'address' } });
    expect(unknown.json().error.code).toBe('IMPORT_UNKNOWN_HEADER');
    const noSheet = await admin.post(`/api/residents/imports/${up.id}/validate`, { mapping: { 名字: 'name' }, sheet: '没有' });
    expect(noSheet.json().error.code).toBe('IMPORT_NO_SHEET');
    // Switching to the other sheet reads its own headers and suggests a mapping for them.
    const other = await admin.post(`/api/residents/imports/${up.id}/sheet`, { sheet: '说明' });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ sheet: '说明', headers: ['请填写第二个工作表'], suggestedMapping: { 请填写第二个工作表: null } });
    const back = (await admin.post(`/api/residents/imports/${up.id}/sheet`, { sheet: '名单' })).json();
    expect(back).toMatchObject({ sheet: '名单', headerRow: 2, suggestedMapping: { 名字: 'name', 电话: 'phone' } });
    const notYet = await admin.post(`/api/residents/imports/${up.id}/commit`, { mode: 'valid-only' });
    expect(notYet.json().error.code).toBe('IMPORT_NOT_VALIDATED');
  });
});

describe('resident export', () => {
  it('exports the filtered list masked, neutralises formulas, audits the count; revealing needs the permission', async () => {
    await admin.post('/api/residents', { areaId: v1.id, name: '=HYPERLINK("x")', idType: 'none', notes: '@SUM(A1)' });
    const res = await admin.post(`/api/residents/export.xlsx?under=${v1.id}`, EXPORT_PURPOSE);
    expect(res.statusCode, res.body).toBe(200);
    const rows = Object.values(await readXlsx(res.rawPayload))[0];
    const header = rows[0];
    expect(header.slice(0, 3)).toEqual(['姓名', '证件类型', '身份证号']);
    const formula = rows.find((r) => r[0].includes('HYPERLINK'))!;
    expect(formula[0]).toBe(`'=HYPERLINK("x")`);
    expect(formula[header.indexOf('备注')]).toBe(`'@SUM(A1)`);
    const liu = rows.find((r) => r[0] === '刘桂兰')!;
    expect(liu[2]).toMatch(/^411\*{11}\d{3}[\dX]$/);
    expect(liu[6]).toBe('139****5678');
    const [ev] = await t.db.query<{ after: { rows: number; revealed: boolean } }>(
      `SELECT after FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1`,
    );
    // The header above the people, the stamp (who, when, request, purpose) under them.
    expect(rows[rows.length - 1][0]).toContain('用途：核对名单（测试）');
    expect(ev.after).toMatchObject({ rows: rows.length - 2, revealed: false, purpose: '核对名单（测试）' });

    const full = await admin.post(`/api/residents/export.xlsx?under=${v1.id}&reveal=true`, EXPORT_PURPOSE);
    const fullRows = Object.values(await readXlsx(full.rawPayload))[0];
    expect(fullRows.find((r) => r[0] === '刘桂兰')![2]).toMatch(/^411627\d{11}[\dX]$/);

    await makeUser(t.db, 'exp_grid', ['grid_worker'], v1);
    const gw = await login(t.app, 'exp_grid');
    expect((await gw.post('/api/residents/export.xlsx', EXPORT_PURPOSE)).statusCode).toBe(403);
  });
});
