import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../../testing/factories';
import { multipartBody } from '../../testing/sheets';
import { type EnterprisesFixture, enterprisesFixture, ok, readyEnterprise } from './test-fixture';

/**
 * The enterprises' line of the daily report (复工复产): the day's health ledgers, staff present, abnormal
 * temperatures and returnees flagged, in the enterprise's village and rolled up; a second send of the same day
 * replaces the first and is not counted twice.
 */
let f: EnterprisesFixture;
beforeAll(async () => {
  f = await enterprisesFixture();
});
afterAll(() => f.t.close());

const line = (figures: Record<string, number>) => ({
  ledgers: figures['enterprises.ledgers'],
  present: figures['enterprises.present'],
  abnormal: figures['enterprises.abnormal'],
  flagged: figures['enterprises.flagged'],
});
const staff = (from: number, n: number) => Array.from({ length: n }, (_, i) => [`员工${from + i}号`, idNumberFor(from + i), '13800001234', '车间']);

describe('the daily report’s enterprises line', () => {
  it('sums the day’s ledgers of the village’s enterprises and rolls them up to the town and the county', async () => {
    const empty = { ledgers: 0, present: 0, abnormal: 0, flagged: 0 };
    expect(line((await ok(f.admin.get(`/api/daily-reports?areaId=${f.villages.甲一.id}`))).figures)).toEqual(empty);
    const risk = multipartBody('风险地区.csv', Buffer.from('区划代码,风险等级,开始日期\n420106,高,2022-08-01\n'));
    await ok(f.admin.request({ method: 'POST', url: '/api/risk-areas/import', payload: risk.payload, headers: risk.headers }), 201);

    const one = await readyEnterprise(f, staff(500, 3));
    const two = await readyEnterprise(f, staff(600, 2));
    const people = (await ok(f.villageCadre.get(`/api/enterprises/${one}/staff`))).items;
    const day = (await ok(f.admin.get(`/api/daily-reports?areaId=${f.villages.甲一.id}`))).day as string;
    await ok(f.worker.post(`/api/enterprises/${one}/ledgers`, { present: 5, temperatureAbnormal: 0 }), 201);
    // The same day sent again replaces it: counted once, with the second figures.
    await ok(
      f.worker.post(`/api/enterprises/${one}/ledgers`, {
        present: 3,
        temperatureAbnormal: 1,
        returnees: [{ staffId: people[0].id, originCode: '420106', returnedOn: day }],
      }),
      200,
    );
    await ok(f.worker.post(`/api/enterprises/${two}/ledgers`, { present: 2, temperatureAbnormal: 0 }), 201);

    const want = { ledgers: 2, present: 5, abnormal: 1, flagged: 1 };
    const village = await ok(f.admin.get(`/api/daily-reports?areaId=${f.villages.甲一.id}`));
    expect(line(village.figures)).toEqual(want);
    const town = await ok(f.town.get(`/api/daily-reports?areaId=${f.towns.甲.id}`));
    expect(line(town.figures)).toEqual(want);
    expect(line(town.rows.find((r: { areaId: number }) => r.areaId === f.villages.甲一.id).figures)).toEqual(want);
    expect(line((await ok(f.admin.get(`/api/daily-reports?areaId=${f.t.root.id}`))).figures)).toEqual(want);
    // Another town's report has none of it.
    expect(line((await ok(f.admin.get(`/api/daily-reports?areaId=${f.towns.乙.id}`))).figures)).toEqual(empty);
  });
});
