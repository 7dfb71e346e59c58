import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type VaccinationFixture, vaccinationFixture } from './test-fixture';

/**
 * The vaccination outreach's line of the daily report (疫苗接种动员): doses given on the day, the calls and visits
 * made during it and those that ended agreed or refused — in the person's village, rolled up to the town and county.
 */
let f: VaccinationFixture;
beforeAll(async () => {
  f = await vaccinationFixture();
});
afterAll(() => f.t.close());

const line = (figures: Record<string, number>) => ({
  doses: figures['vaccination.doses'],
  contacts: figures['vaccination.contacts'],
  agreed: figures['vaccination.agreed'],
  refused: figures['vaccination.refused'],
});

describe('the daily report’s vaccination line', () => {
  it('counts the day’s doses and contacts with their outcomes, per village, rolled up', async () => {
    const empty = { doses: 0, contacts: 0, agreed: 0, refused: 0 };
    expect(line((await ok(f.command.get(`/api/daily-reports?areaId=${f.villages.甲一.id}`))).figures)).toEqual(empty);
    const contact = (id: number, body: object) => ok(f.command.post(`/api/vaccination/people/${id}/contacts`, body));
    await contact(f.people.old85, { kind: 'call', outcome: 'no_answer' });
    await contact(f.people.old85, { kind: 'visit', outcome: 'agreed' });
    await contact(f.people.old65, { kind: 'call', outcome: 'refused', reason: 'side_effects' });
    await contact(f.people.in甲二, { kind: 'call', outcome: 'agreed' });
    const dose = (id: number, givenOn: string) =>
      ok(f.command.post(`/api/vaccination/people/${id}/doses`, { givenOn, product: '新冠灭活疫苗', batch: 'B1' }), 201);
    await dose(f.people.old85, f.today);
    // A dose given a month ago is that day's figure, not today's.
    const earlier = new Date(Date.parse(`${f.today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    await dose(f.people.in甲二, earlier);

    const village = await ok(f.command.get(`/api/daily-reports?areaId=${f.villages.甲一.id}`));
    expect(line(village.figures)).toEqual({ doses: 1, contacts: 3, agreed: 1, refused: 1 });
    // The town of 甲一 and 甲二: the next-to-last id of the village's path.
    const townId = Number(f.villages.甲一.path.split('/').filter(Boolean).at(-2));
    const town = await ok(f.command.get(`/api/daily-reports?areaId=${townId}`));
    expect(line(town.figures)).toEqual({ doses: 1, contacts: 4, agreed: 2, refused: 1 });
    const past = await ok(f.command.get(`/api/daily-reports?areaId=${f.villages.甲二.id}&day=${earlier}`));
    expect(line(past.figures)).toEqual({ doses: 1, contacts: 0, agreed: 0, refused: 0 });
    expect(line((await ok(f.command.get(`/api/daily-reports?areaId=${f.villages.乙一.id}`))).figures)).toEqual(empty);
  });
});
