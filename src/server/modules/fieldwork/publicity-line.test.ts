import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FieldworkFixture, fieldworkFixture, ok } from './test-fixture';

/**
 * Publicity's line of the daily report (宣传): items placed on the day counted by their number, and households a
 * campaign first reached that day (a second visit to the same household is not counted again), per village and
 * rolled up to the town and the county.
 */
let f: FieldworkFixture;
beforeAll(async () => {
  f = await fieldworkFixture();
});
afterAll(() => f.t.close());

const line = (figures: Record<string, number>) => ({ items: figures['publicity.items'], households: figures['publicity.households'] });
const report = async (areaId: number) => ok(f.command.get(`/api/daily-reports?areaId=${areaId}`));

describe('the daily report’s publicity line', () => {
  it('counts the day’s items and the households reached, per village, and rolls them up', async () => {
    expect(line((await report(f.villages.甲一.id)).figures)).toEqual({ items: 0, households: 0 });
    const item = async (areaId: number, kind: string, count: number, placedOn = f.today) =>
      ok(f.command.post('/api/fieldwork/publicity/items', { kind, areaId, count, placedOn, photoIds: [await f.photo(f.command)] }), 201);
    await item(f.villages.甲一.id, 'banner', 3);
    await item(f.villages.甲一.id, 'loudspeaker', 1);
    await item(f.villages.甲二.id, 'poster', 100);
    // Placed yesterday: another day's line.
    const yesterday = new Date(Date.parse(`${f.today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await item(f.villages.甲一.id, 'leaflet', 50, yesterday);

    const c = await ok(
      f.cadre.post('/api/fieldwork/campaigns', { name: '五包五讲五到户', areaId: f.villages.甲一.id, startsOn: f.today, endsOn: f.today, template: 'wubao' }),
      201,
    );
    const codes = c.items.map((i: { code: string }) => i.code);
    await ok(f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a1, ticked: codes.slice(0, 4) }));
    await ok(f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a1, ticked: codes.slice(4) }));
    await ok(f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a2, ticked: [codes[0]] }));

    const village = await report(f.villages.甲一.id);
    expect(line(village.figures)).toEqual({ items: 4, households: 2 });
    const town = await report(f.towns.甲.id);
    expect(line(town.figures)).toEqual({ items: 104, households: 2 });
    const byVillage = Object.fromEntries(town.rows.map((r: { areaId: number; figures: Record<string, number> }) => [r.areaId, line(r.figures)]));
    expect(byVillage).toEqual({ [f.villages.甲一.id]: { items: 4, households: 2 }, [f.villages.甲二.id]: { items: 100, households: 0 } });
    expect(line((await report(f.t.root.id)).figures)).toEqual({ items: 104, households: 2 });
    expect(line((await ok(f.command.get(`/api/daily-reports?areaId=${f.villages.甲一.id}&day=${yesterday}`))).figures)).toEqual({ items: 50, households: 0 });
    // Another town's cadre reads none of it.
    expect([400, 404]).toContain((await f.other.get(`/api/daily-reports?areaId=${f.villages.甲一.id}`)).statusCode);
  });
});
