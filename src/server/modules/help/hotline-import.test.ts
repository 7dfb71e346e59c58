import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../testing/harness';
import { multipartBody, xlsxBuffer } from '../../testing/sheets';
import { kindOfCategory } from './hotline-import';
import { type HelpFixture, MOTHER_PHONE, helpFixture, ok } from './test-fixture';

/**
 * The 12345 hotline's list imported as requests: a title row above the header, categories read as kinds, the caller
 * matched to the registry by phone, the same case twice in a file once, a re-import adding only what is new, and a
 * file with a bad row writing nothing.
 */
let f: HelpFixture;
beforeAll(async () => {
  f = await helpFixture();
}, 120_000);
afterAll(() => f.t.close());

const send = (agent: Agent, areaId: number, name: string, data: Buffer) => {
  const body = multipartBody(name, data);
  return agent.request({ method: 'POST', url: `/api/help/hotline-import?areaId=${areaId}`, payload: body.payload, headers: body.headers });
};
const csv = (rows: string[]) => Buffer.from(['2022年3月28日 12345 热线转办工单', '工单号,来电人,来电号码,地址,诉求类别,诉求内容', ...rows].join('\n'));

describe('the 12345 hotline list', () => {
  it('reads a category or the text as a kind of request', () => {
    expect(kindOfCategory('医药求助')).toBe('medicine');
    expect(kindOfCategory('生活物资')).toBe('daily_goods');
    expect(kindOfCategory('血液透析')).toBe('dialysis_chemo');
    expect(kindOfCategory('噪音扰民')).toBe('other');
  });

  it('imports each case once, matched to the registry, and a second import adds only the new', async () => {
    const first = csv([
      `HL20220328001,李梅,${MOTHER_PHONE},,医药,孩子过敏需要氯雷他定`,
      'HL20220328002,王大爷,13800001234,王隆集村 2 组 5 号,生活物资,家里没有米了',
      'HL20220328002,王大爷,13800001234,王隆集村 2 组 5 号,生活物资,家里没有米了',
    ]);
    const r = await ok(send(f.cadre, f.village.id, '工单.csv', first), 201);
    expect(r).toEqual({ rows: 2, created: 2, merged: 0, already: 0 });
    const rows = await f.t.db.query<{ external_ref: string; channel: string; kind: string; resident_id: number | null }>(
      `SELECT external_ref, channel, kind, resident_id FROM help_requests WHERE channel = 'hotline' ORDER BY external_ref`,
    );
    expect(rows).toEqual([
      { external_ref: 'HL20220328001', channel: 'hotline', kind: 'medicine', resident_id: f.mother },
      { external_ref: 'HL20220328002', channel: 'hotline', kind: 'daily_goods', resident_id: null },
    ]);
    // The next day's list repeats case 002 and adds 003, as an xlsx.
    const second = await xlsxBuffer({
      工单: [
        ['工单编号', '姓名', '联系电话', '诉求内容'],
        ['HL20220328002', '王大爷', '13800001234', '家里没有米了'],
        ['HL20220329003', '赵阿姨', '13900005555', '需要降压药'],
      ],
    });
    expect(await ok(send(f.cadre, f.village.id, '工单.xlsx', second), 201)).toEqual({ rows: 2, created: 1, merged: 0, already: 1 });
    const [n] = await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM help_requests WHERE channel = 'hotline'`);
    expect(n.n).toBe(3);
  });

  it('a row without a way to call back, or with a bad phone, writes nothing and names its row', async () => {
    const res = await send(f.cadre, f.village.id, '坏.csv', csv(['HL1,甲,13800009999,,物资,要米', 'HL2,乙,,,物资,要面', 'HL3,丙,12345,,物资,要油']));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('HOTLINE_ROWS');
    expect(Object.keys(body.error.fields)).toEqual(['row 4', 'row 5']);
    const [n] = await f.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM help_requests WHERE external_ref = 'HL1'`);
    expect(n.n).toBe(0);
    const noHeader = await send(f.cadre, f.village.id, '无表头.csv', Buffer.from('甲,乙\n1,2\n'));
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error.code).toBe('HOTLINE_HEADERS');
  });

  it("another village's cadre may not import at this village", async () => {
    const res = await send(f.cadre2, f.village.id, '工单.csv', csv(['HL9,甲,13800008888,,物资,要米']));
    expect(res.statusCode).toBe(400);
  });
});
