import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../testing/harness';
import type { AreaRow } from '../areas';
import { ok, screeningFixture, upload } from './test-fixture';

let t: TestApp;
let admin: Agent;
let cadre: Agent;
let worker: Agent;
let today: string;
let grid1: AreaRow;
let people: Record<string, number>;

beforeAll(async () => {
  ({ t, admin, cadre, worker, today, grid1, people } = await screeningFixture());
  // The list as the risk-area tests import it: Wuhan's Wuchang district high from 1 August, low from 8 August.
  const csv =
    '区划代码,地区名称,风险等级,开始日期,结束日期\n420106,,高风险,2022-08-01,2022-08-10\n420106001,,中风险区,2022-08-05,\n420100,,低风险,2022/8/1,2022-08-31';
  await ok(upload(admin, '名单.csv', Buffer.from(csv)), 201);
  await ok(upload(admin, '名单2.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,低,2022-08-08\n')), 201);
});
afterAll(() => t.close());

describe('arrivals', () => {
  it('looks the origin level up for the arrival date, never from the request, and proposes a measure from the arrival', async () => {
    const arrival = await ok(
      worker.post('/api/arrivals', {
        residentId: people['钱二'],
        originCode: '420106002',
        arrivedOn: '2022-08-03',
        transport: 'train',
        transportNo: 'G502',
        reason: '返乡',
      }),
      201,
    );
    expect(arrival).toMatchObject({
      originName: '湖北省武汉市武昌区杨园街道',
      originScope: 'other_province',
      originRiskLevel: 'high',
      arrivedOn: '2022-08-03',
    });
    const later = await ok(worker.post('/api/arrivals', { residentId: people['钱小二'], originCode: '420106002', arrivedOn: '2022-08-09' }), 201);
    expect(later.originRiskLevel).toBe('low');
    const local = await ok(cadre.post('/api/arrivals', { residentId: people['孙三'], originCode: '411627101', arrivedOn: today }), 201);
    expect(local).toMatchObject({ originScope: 'local', originRiskLevel: 'none' });
    expect(
      (await worker.post('/api/arrivals', { residentId: people['钱二'], originCode: '420106002', arrivedOn: '2022-08-03', originRiskLevel: 'low' })).statusCode,
    ).toBe(400);
    expect((await worker.post('/api/arrivals', { residentId: people['钱二'], originCode: '999999', arrivedOn: '2022-08-03' })).json().error.fields).toEqual({
      originCode: expect.any(String),
    });
    expect((await worker.post('/api/arrivals', { residentId: people['钱二'], originCode: '4201', arrivedOn: '2022-08-03' })).statusCode).toBe(400);
    const abroad = await ok(worker.post('/api/arrivals', { residentId: people['赵一'], abroad: true, originName: '新加坡', arrivedOn: today }), 201);
    expect(abroad).toMatchObject({ originScope: 'abroad', originCode: null });
    expect((await ok(cadre.get(`/api/arrivals?under=${grid1.id}`))).total).toBe(3);
    expect((await ok(worker.get('/api/arrivals'))).items.map((a: any) => a.residentName).sort()).toEqual(['赵一', '钱二', '钱小二']);

    const proposed = await ok(cadre.post(`/api/arrivals/${arrival.id}/propose`, { on: '2022-08-05' }), 201);
    expect(proposed.decision).toMatchObject({ set: { code: 'nhc-9' }, rule: { code: 'high-risk' } });
    expect(proposed.measure).toMatchObject({
      residentId: people['钱二'],
      arrivalId: arrival.id,
      kind: 'central_isolation',
      situation: { originRiskLevel: 'high', originScope: 'other_province', arrivedOn: '2022-08-03' },
    });
    expect((await worker.post(`/api/arrivals/${arrival.id}/propose`, {})).statusCode).toBe(403);
    await ok(cadre.post(`/api/measures/${proposed.measure.id}/cancel`, { reason: '测试' }));
  });
});
