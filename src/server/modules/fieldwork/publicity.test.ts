import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FieldworkFixture, fieldworkFixture, ok } from './test-fixture';

/** Publicity (宣传, issue 18 point 2): items placed per village with a photo, counts per village, campaigns' coverage. */
let f: FieldworkFixture;
beforeAll(async () => {
  f = await fieldworkFixture();
});
afterAll(() => f.t.close());

const item = async (areaId: number, kind: string, count: number, agent = f.command) =>
  ok(agent.post('/api/fieldwork/publicity/items', { kind, areaId, count, placedOn: f.today, place: '村口', photoIds: [await f.photo(agent)] }), 201);

describe('publicity items', () => {
  it('counts per village and kind, each reader seeing only their villages', async () => {
    await item(f.villages.甲一.id, 'banner', 3);
    await item(f.villages.甲一.id, 'banner', 2, f.cadre);
    await item(f.villages.甲一.id, 'loudspeaker', 1, f.cadre);
    await item(f.villages.甲二.id, 'poster', 100);
    await item(f.villages.乙一.id, 'van', 1);
    const county = await ok(f.command.get('/api/fieldwork/publicity/counts'));
    expect(county.kinds).toContain('wechat');
    const byName = Object.fromEntries(
      county.rows.map((r: { areaName: string; counts: object; total: number }) => [r.areaName, { ...r.counts, total: r.total }]),
    );
    expect(byName).toEqual({
      甲一村: { banner: 5, loudspeaker: 1, total: 6 },
      甲二村: { poster: 100, total: 100 },
      乙一村: { van: 1, total: 1 },
    });
    expect(county.total).toEqual({ banner: 5, loudspeaker: 1, poster: 100, van: 1 });
    const town = await ok(f.command.get(`/api/fieldwork/publicity/counts?under=${f.towns.甲.id}`));
    expect(town.rows.map((r: { areaName: string }) => r.areaName)).toEqual(['甲一村', '甲二村']);
    const cadre = await ok(f.cadre.get('/api/fieldwork/publicity/counts'));
    expect(cadre.rows).toHaveLength(1);
    const other = await ok(f.other.get('/api/fieldwork/publicity/counts'));
    expect(other.total).toEqual({ van: 1 });
    const list = await ok(f.cadre.get('/api/fieldwork/publicity/items'));
    expect(list.total).toBe(3);
    expect(list.items[0].photos).toHaveLength(1);
  });

  it('refuses an unknown kind, an area that is not a village, a day in the future, no photo and a silly count', async () => {
    const body = { kind: 'banner', areaId: f.villages.甲一.id, count: 1, placedOn: f.today, photoIds: [] as number[] };
    const noPhoto = await f.cadre.post('/api/fieldwork/publicity/items', body);
    expect(noPhoto.json().error).toMatchObject({ code: 'FIELDWORK_PUBLICITY_PHOTO', fields: { photoIds: '必填' } });
    const photoIds = [await f.photo(f.cadre)];
    const kind = await f.cadre.post('/api/fieldwork/publicity/items', { ...body, photoIds, kind: 'skywriting' });
    expect(kind.json().error.code).toBe('FIELDWORK_KIND_UNKNOWN');
    const grid = await f.cadre.post('/api/fieldwork/publicity/items', { ...body, photoIds, areaId: f.grid.id });
    expect(grid.json().error).toMatchObject({ code: 'FIELDWORK_NOT_VILLAGE', fields: { areaId: '不是村或社区' } });
    const tomorrow = new Date(Date.parse(f.today) + 86_400_000).toISOString().slice(0, 10);
    const future = await f.cadre.post('/api/fieldwork/publicity/items', { ...body, photoIds, placedOn: tomorrow });
    expect(future.json().error).toMatchObject({ code: 'FIELDWORK_FUTURE', fields: { placedOn: '不能晚于今天' } });
    for (const count of [0, -3, 1.5]) expect((await f.cadre.post('/api/fieldwork/publicity/items', { ...body, photoIds, count })).statusCode).toBe(400);
    expect((await ok(f.cadre.get('/api/fieldwork/publicity/items'))).total).toBe(3);
  });
});

describe('campaigns (五包五讲五到户)', () => {
  it('a household is ticked item by item over visits; coverage counts households complete per village', async () => {
    const c = await ok(
      f.cadre.post('/api/fieldwork/campaigns', { name: '五包五讲五到户', areaId: f.villages.甲一.id, startsOn: f.today, endsOn: f.today, template: 'wubao' }),
      201,
    );
    expect(c.items).toHaveLength(10);
    expect(c.coverage).toEqual({ households: 2, visited: 0, complete: 0, pct: 0 });
    const codes = c.items.map((i: { code: string }) => i.code);
    const first = await ok(f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a1, ticked: codes.slice(0, 4) }));
    expect(first).toMatchObject({ complete: false, visits: 1, ticked: codes.slice(0, 4) });
    expect(first.address).not.toContain('1 号');
    // The second visit adds the rest (one repeated): complete.
    const second = await ok(f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a1, ticked: codes.slice(3) }));
    expect(second).toMatchObject({ complete: true, visits: 2, ticked: codes });
    await ok(f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a2, ticked: [codes[0]] }));
    const detail = await ok(f.cadre.get(`/api/fieldwork/campaigns/${c.id}`));
    expect(detail.coverage).toEqual({ households: 2, visited: 2, complete: 1, pct: 50 });
    expect(detail.byVillage).toEqual([{ areaId: f.villages.甲一.id, areaName: '甲一村', households: 2, visited: 2, complete: 1, pct: 50 }]);
    expect((await ok(f.cadre.get(`/api/fieldwork/campaigns/${c.id}/households`))).total).toBe(2);
    // The overview's panel carries the coverage of the campaigns running today.
    const o = await ok(f.command.get(`/api/overview?areaId=${f.villages.甲一.id}`));
    expect(o.fieldwork).toMatchObject({ campaigns: 1, campaignCoveragePct: 50, publicityPlaced: 6 });

    const unknown = await f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a2, ticked: ['dance'] });
    expect(unknown.json().error.code).toBe('FIELDWORK_ITEM_UNKNOWN');
    // A household outside the campaign's area (or the worker's reach), and a campaign of another town.
    const outside = await f.cadre.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.b, ticked: [codes[0]] });
    expect(outside.json().error.fields).toEqual({ householdId: '不存在或无权访问' });
    expect((await f.other.get(`/api/fieldwork/campaigns/${c.id}`)).statusCode).toBe(404);
    expect((await f.other.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.other, ticked: [codes[0]] })).statusCode).toBe(404);
  });

  it('a county campaign is seen and worked from a village, its coverage counted per village', async () => {
    const c = await ok(
      f.command.post('/api/fieldwork/campaigns', {
        name: '防疫知识入户',
        areaId: f.t.root.id,
        startsOn: f.today,
        endsOn: f.today,
        items: [
          { code: 'leaflet', text: '发放明白纸' },
          { code: 'talk', text: '讲解防护知识' },
        ],
      }),
      201,
    );
    await ok(f.worker.post(`/api/fieldwork/campaigns/${c.id}/households`, { householdId: f.households.a1, ticked: ['leaflet', 'talk'] }));
    const county = await ok(f.command.get(`/api/fieldwork/campaigns/${c.id}`));
    expect(county.coverage).toEqual({ households: 4, visited: 1, complete: 1, pct: 25 });
    expect(county.byVillage.map((v: { areaName: string; complete: number }) => [v.areaName, v.complete])).toEqual([
      ['甲一村', 1],
      ['甲二村', 0],
      ['乙一村', 0],
    ]);
    const worker = await ok(f.worker.get(`/api/fieldwork/campaigns/${c.id}`));
    expect(worker.coverage).toEqual({ households: 2, visited: 1, complete: 1, pct: 50 });
    expect(worker.byVillage).toHaveLength(1);
    const empty = await f.cadre.post('/api/fieldwork/campaigns', { name: '空', areaId: f.villages.甲一.id, startsOn: f.today, endsOn: f.today });
    expect(empty.json().error.code).toBe('FIELDWORK_CHECKLIST_EMPTY');
  });
});
