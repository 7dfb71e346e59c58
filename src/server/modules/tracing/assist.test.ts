import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, login, makeUser } from '../../testing/harness';
import { multipartBody, readXlsx, xlsxBuffer } from '../../testing/sheets';
import { type TracingFixture, ok, tracingFixture } from './test-fixture';

/**
 * Assist requests (协查, issue 16 point 3) as spreadsheets: the sheet out with only what finding the person needs and
 * the purpose stamped; the filled sheet back, applied once (the same file again counts duplicates), an answer that
 * contradicts a recorded one refused, broken files a 400 that says why, another area's answers applied to nothing.
 */
let f: TracingFixture;
let gridCadre: Agent;
let ids: Record<string, number>;
const PURPOSE = { purpose: '发往太康县协查' };

beforeAll(async () => {
  f = await tracingFixture();
  await makeUser(f.t.db, 'cadre_g2', ['cadre'], f.grid2);
  gridCadre = await login(f.t.app, 'cadre_g2');
  const p = f.people;
  const caseId = (await ok(f.cadre.post('/api/tracing/cases', { residentId: p.赵一, classification: 'confirmed', reportedOn: f.today, foundBy: 'other' }), 201))
    .id;
  const added = await ok(
    f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
      contacts: ['赵二', '钱一', '钱二', '孙二'].map((n) => ({
        residentId: p[n],
        level: 'close',
        lastExposureOn: f.today,
        exposureKind: 'meal',
        certainty: 'high',
      })),
    }),
  );
  ids = Object.fromEntries(added.items.map((x: any) => [Object.keys(p).find((n) => p[n] === x.contact.residentId), x.contact.id]));
  await ok(f.cadre.post(`/api/tracing/contacts/${ids.赵二}/placement`, { state: 'placed' }));
  await f.t.db.query(`UPDATE residents SET phone = '13912345678', id_number = '110101199003071234' WHERE id = $1`, [p.孙二]);
});
afterAll(() => f.t.close());

const send = (agent: Agent, name: string, data: Buffer) => {
  const body = multipartBody(name, data);
  return agent.request({ method: 'POST', url: '/api/tracing/assist-requests/answers', payload: body.payload, headers: body.headers });
};
/** The exported sheet filled in: `answers` maps a name to [result, note]; extra rows appended as given. */
function filled(sheet: string[][], answers: Record<string, [string, string?]>, extra: string[][] = []) {
  return xlsxBuffer({
    协查: [
      ...sheet.map((r) => {
        const a = answers[r[1]];
        return a ? [...r.slice(0, 7), a[0], a[1] ?? ''] : r;
      }),
      ...extra,
    ],
  });
}
let sheet: string[][];
const rowOf = (name: string) => sheet.findIndex((r) => r[1] === name) + 1;
const refOf = (name: string) => sheet.find((r) => r[1] === name)![0];

describe('assist requests (协查) as spreadsheets', () => {
  it('exports the open requests as a stamped sheet with only what finding the person needs; each marked exported and audited', async () => {
    const made = await ok(
      f.cadre.post('/api/tracing/contacts/bulk', { action: 'assist', contactIds: [ids.孙二, ids.钱一, ids.钱二, ids.赵二], targetRegion: '太康县' }),
    );
    expect(made).toEqual({ updated: 3, skipped: [{ contactId: ids.赵二, reason: 'already_placed' }] });
    expect((await f.cadre.post('/api/tracing/assist-requests/export.xlsx', {})).statusCode).toBe(400);
    const res = await f.cadre.post('/api/tracing/assist-requests/export.xlsx', PURPOSE);
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('协查函-');
    sheet = (await readXlsx(res.rawPayload)).协查;
    expect(sheet[1]).toEqual(['协查编号', '姓名', '联系电话', '身份证号', '接触类别', '最后接触日期', '接触方式', '协查结果', '结果说明']);
    const 孙二 = sheet.find((r) => r[1] === '孙二')!;
    expect(孙二.slice(0, 7)).toEqual([
      expect.stringMatching(/^XC-[A-Z0-9]{10}$/),
      '孙二',
      '13912345678',
      '110101199003071234',
      '密切接触者',
      f.today,
      '共同就餐',
    ]);
    expect(sheet.filter((r) => /^XC-/.test(r[0]))).toHaveLength(3);
    // Nothing of the case or of the address here (the title names the asking office only); the purpose and the exporter are stamped under the rows.
    expect(JSON.stringify(sheet)).not.toContain('赵一');
    expect(JSON.stringify(sheet)).not.toContain('9 号');
    expect(sheet.at(-1)![0]).toContain('用途：发往太康县协查');
    const listed = await ok(f.cadre.get('/api/tracing/assist-requests'));
    expect(listed.items.map((x: any) => x.state)).toEqual(['exported', 'exported', 'exported']);
    const audited = await f.t.db.query(`SELECT id FROM audit_log WHERE entity = 'tracing_assist_request' AND action = 'export'`);
    expect(audited).toHaveLength(3);
  });

  it('applies the filled sheet once: the same file again is counted as duplicates; a stranger’s reference is listed back', async () => {
    const file = await filled(sheet, { 孙二: ['已落实管控', '已落实集中隔离'], 钱一: ['未找到'], 钱二: ['已找到'] }, [
      ['XC-ABCDEFGHJK', '某人', '', '', '', '', '', '已找到', ''],
    ]);
    // Another area's cadre: none of these references is theirs.
    expect(await ok(send(gridCadre, '回复.xlsx', file))).toMatchObject({ applied: 0, unknown: expect.arrayContaining(['XC-ABCDEFGHJK']) });
    const first = await ok(send(f.cadre, '回复.xlsx', file));
    expect(first).toEqual({ rows: 4, applied: 3, duplicates: 0, unanswered: 0, refused: [], unknown: ['XC-ABCDEFGHJK'] });
    const again = await ok(send(f.cadre, '回复.xlsx', file));
    expect(again).toEqual({ rows: 4, applied: 0, duplicates: 3, unanswered: 0, refused: [], unknown: ['XC-ABCDEFGHJK'] });
    const rows = await f.t.db.query<{ ref: string; state: string; answer_note: string | null }>('SELECT ref, state, answer_note FROM tracing_assist_requests');
    const byRef = Object.fromEntries(rows.map((r) => [r.ref, [r.state, r.answer_note]]));
    expect([byRef[refOf('孙二')], byRef[refOf('钱一')], byRef[refOf('钱二')]]).toEqual([
      ['placed', '已落实集中隔离'],
      ['not_found', null],
      ['found', null],
    ]);
    const answers = await f.t.db.query(`SELECT id FROM audit_log WHERE entity = 'tracing_assist_request' AND action = 'answer'`);
    expect(answers).toHaveLength(3);
  });

  it('an answer contradicting a recorded one is refused and listed; a person found may later be reported placed', async () => {
    const file = await filled(sheet, { 孙二: ['未找到'], 钱一: ['已找到'], 钱二: ['已落实管控'] });
    const res = await ok(send(f.cadre, '第二次回复.xlsx', file));
    expect(res).toMatchObject({ applied: 1, duplicates: 0 });
    expect(res.refused).toEqual([
      { row: rowOf('孙二'), ref: refOf('孙二'), reason: 'already_placed' },
      { row: rowOf('钱一'), ref: refOf('钱一'), reason: 'already_not_found' },
    ]);
    const [row] = await f.t.db.query<{ state: string }>('SELECT state FROM tracing_assist_requests WHERE ref = $1', [refOf('孙二')]);
    expect(row.state).toBe('placed');
    const [q2] = await f.t.db.query<{ state: string }>('SELECT state FROM tracing_assist_requests WHERE ref = $1', [refOf('钱二')]);
    expect(q2.state).toBe('placed');
  });

  it('a broken file, a sheet without the columns, or an unreadable result is a 400 that says why, and nothing is applied', async () => {
    const before = await f.t.db.query('SELECT id, state, answered_at FROM tracing_assist_requests ORDER BY id');
    const notSheet = await send(f.cadre, '回复.xlsx', Buffer.from('PK\u0003\u0004 this is no workbook'));
    expect(notSheet.statusCode).toBe(400);
    expect(notSheet.json().error.code).toMatch(/^IMPORT_/);
    const noHeader = await send(
      f.cadre,
      '回复.xlsx',
      await xlsxBuffer({
        表: [
          ['编码', '姓名'],
          ['XC-ABCDEFGHJK', '某人'],
        ],
      }),
    );
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error).toMatchObject({ code: 'TRACING_ASSIST_HEADERS' });
    const badRow = await send(f.cadre, '回复.xlsx', await filled(sheet, { 孙二: ['可能找到了'], 钱一: ['已找到'] }));
    expect(badRow.statusCode).toBe(400);
    const err = badRow.json().error;
    expect(err.code).toBe('TRACING_ASSIST_ROWS');
    expect(err.fields[`row ${sheet.findIndex((r) => r[1] === '孙二') + 1}`]).toContain('可能找到了');
    const empty = await f.cadre.request({ method: 'POST', url: '/api/tracing/assist-requests/answers', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(await f.t.db.query('SELECT id, state, answered_at FROM tracing_assist_requests ORDER BY id')).toEqual(before);
  });
});
