import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResident } from '../../testing/factories';
import { bornYearsAgo, ok, type VaccinationFixture, vaccinationFixture } from './test-fixture';

/** Vehicles, sessions, ride bookings and a village's day plan over the API (issue 18 point 3). */
let f: VaccinationFixture;
beforeAll(async () => {
  f = await vaccinationFixture();
});
afterAll(() => f.t.close());

describe('a village’s ride plan', () => {
  let session: number;
  it('vehicles and sessions belong to a village in reach; bad hours are refused with why', async () => {
    const town = await f.command.post('/api/vaccination/vehicles', { areaId: f.villages.甲一.id - 1, name: '镇车', seats: 4 });
    expect(town.statusCode).toBe(400);
    await ok(f.cadre.post('/api/vaccination/vehicles', { areaId: f.villages.甲一.id, name: '村委面包车', seats: 3, driver: '王师傅' }), 201);
    await ok(f.cadre.post('/api/vaccination/vehicles', { areaId: f.villages.甲一.id, name: '无障碍车', seats: 2, wheelchairSpaces: 1 }), 201);
    const twice = await f.cadre.post('/api/vaccination/vehicles', { areaId: f.villages.甲一.id, name: '无障碍车', seats: 2 });
    expect(twice.statusCode).toBe(409);
    const other = await f.otherTown.post('/api/vaccination/vehicles', { areaId: f.villages.甲一.id, name: '越权车', seats: 2 });
    expect(other.json().error.fields).toEqual({ areaId: '不存在或无权访问' });
    const backwards = await f.cadre.post('/api/vaccination/sessions', {
      areaId: f.villages.甲一.id,
      day: f.today,
      site: '卫生院',
      startsAt: '11:00',
      endsAt: '09:00',
    });
    expect(backwards.json().error).toMatchObject({ code: 'VACCINATION_SESSION_HOURS', fields: { endsAt: '不能早于开始时间' } });
    session = (
      await ok(
        f.cadre.post('/api/vaccination/sessions', { areaId: f.villages.甲一.id, day: f.today, site: '乡卫生院接种点', startsAt: '08:00', endsAt: '12:00' }),
        201,
      )
    ).id;
  });

  it('books riders of the village only, with windows inside the session', async () => {
    const outside = await f.cadre.post(`/api/vaccination/sessions/${session}/riders`, { residentId: f.people.in甲二, from: '08:00', to: '09:00' });
    expect(outside.json().error.fields).toEqual({ residentId: '不存在或无权访问' });
    const late = await f.cadre.post(`/api/vaccination/sessions/${session}/riders`, { residentId: f.people.old85, from: '11:00', to: '13:00' });
    expect(late.json().error.code).toBe('VACCINATION_RIDE_AFTER_SESSION');
    expect(
      (await f.otherTown.post(`/api/vaccination/sessions/${session}/riders`, { residentId: f.people.in乙一, from: '08:00', to: '09:00' })).statusCode,
    ).toBe(404);
    await ok(f.cadre.post(`/api/vaccination/sessions/${session}/riders`, { residentId: f.people.old85, wheelchair: true, from: '08:00', to: '09:00' }), 201);
    expect((await f.cadre.post(`/api/vaccination/sessions/${session}/riders`, { residentId: f.people.old85, from: '08:00', to: '09:00' })).statusCode).toBe(
      409,
    );
    for (let i = 0; i < 4; i++) {
      const id = await buildResident(f.command, { areaId: f.villages.甲一.id }, { name: `乘车老人${i}`, birthDate: bornYearsAgo(f.today, 70 + i) });
      await ok(f.cadre.post(`/api/vaccination/sessions/${session}/riders`, { residentId: id, from: '08:00', to: '08:30' }), 201);
    }
  });

  it('groups them into trips within seats and wheelchair spaces, and shows who could not be placed', async () => {
    const plan = await ok(f.cadre.get(`/api/vaccination/ride-plan?villageId=${f.villages.甲一.id}&day=${f.today}`));
    expect(plan.village.name).toBe('甲一村');
    expect(plan.sessions[0]).toMatchObject({ site: '乡卫生院接种点', riders: 5 });
    for (const trip of plan.trips) {
      expect(trip.riders.length).toBeLessThanOrEqual(trip.seats);
      expect(trip.riders.filter((r: { wheelchair: boolean }) => r.wheelchair).length).toBeLessThanOrEqual(trip.wheelchairSpaces);
    }
    const wheelchair = plan.trips.find((t: { riders: { wheelchair: boolean }[] }) => t.riders.some((r) => r.wheelchair));
    expect(wheelchair.vehicleName).toBe('无障碍车');
    expect(plan.trips.flatMap((t: { riders: unknown[] }) => t.riders)).toHaveLength(5);
    expect(plan.unplaced).toEqual([]);
    // Addresses are cut to the first part, like every list of people.
    expect(wheelchair.riders.find((r: { wheelchair: boolean }) => r.wheelchair).address).toMatch(/\*\*\*$/);
    const card = await ok(f.cadre.get(`/api/vaccination/people/${f.people.old85}`));
    expect(card.rides[0]).toMatchObject({ sessionId: session, wheelchair: true, from: '08:00', to: '09:00' });
  });

  it('another town sees neither the plan nor the sessions', async () => {
    expect((await f.otherTown.get(`/api/vaccination/ride-plan?villageId=${f.villages.甲一.id}&day=${f.today}`)).statusCode).toBe(400);
    expect((await ok(f.otherTown.get('/api/vaccination/sessions'))).items).toEqual([]);
    expect((await ok(f.otherTown.get('/api/vaccination/vehicles'))).items).toEqual([]);
  });
});
