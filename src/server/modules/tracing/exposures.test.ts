import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../../domain/policy/rules';
import { type Agent, login, makeUser } from '../../testing/harness';
import { type TracingFixture, ok, tracingFixture } from './test-fixture';
import { sweepVisits } from './venues';

/**
 * Exposure suggestions and venue codes (issue 16, point 4): the people the system saw beside a case — its household
 * and building from the registry, the same sampling desk in the same hour, the same post near the same time, the
 * same venue — ranked one per person, masked outside the viewer's scope, and added as contacts in one call.
 */
let f: TracingFixture;
let gridCadre: Agent;
let caseId: number;
let venue: { id: number; token: string };
let postId: number;
let pointId: number;
const H = 3_600_000;

/** A crossing as the checkpoints module stores it (its own API is tested there): one person, at a time. */
async function crossed(person: { residentId?: number; name: string; phone?: string }, at: Date) {
  const [c] = await f.t.db.query<{ id: number; at: Date }>(
    `INSERT INTO checkpoint_crossings (client_id, post_id, area_path, at, day, hour, direction, vehicle, people, decision, policy_decision, policy_rule)
     VALUES ($1, $2, $3, $4::timestamptz, ($4::timestamptz)::date, 0, 'in', false, 1, 'let_through', 'let_through', 'default') RETURNING id, at`,
    [randomUUID(), postId, f.village.path, at],
  );
  await f.t.db.query(
    `INSERT INTO checkpoint_crossing_people (crossing_id, crossing_at, area_path, name, phone, temperature, feverish, resident_id)
     VALUES ($1, $6, $2, $3, $4, 36.5, false, $5)`,
    [c.id, f.village.path, person.name, person.phone ?? null, person.residentId ?? null, c.at],
  );
}

beforeAll(async () => {
  f = await tracingFixture();
  await makeUser(f.t.db, 'cadre_g1', ['cadre'], f.grid1);
  gridCadre = await login(f.t.app, 'cadre_g1');
  const p = f.people;
  // A household in the same building as 赵's (same address, another unit), with one person.
  const hh = (await ok(f.root.post('/api/households', { areaId: f.grid1.id, address: '王隆集村 1 组 1 号', unit: '2' }), 201)).id;
  p.李一 = (await ok(f.root.post('/api/residents', { householdId: hh, name: '李一', idType: 'none', movedInOn: '2024-01-01' }), 201)).id;
  await f.t.db.query(`UPDATE residents SET phone = '13800000' || lpad(id::text, 3, '0') WHERE id = ANY($1::int[])`, [[p.孙三, p.钱三]]);

  caseId = (
    await ok(f.cadre.post('/api/tracing/cases', { residentId: p.赵一, classification: 'confirmed', reportedOn: f.today, foundBy: 'fever_clinic' }), 201)
  ).id;

  // The sampling desk: 赵一 and 钱一 bound in the same hour; 钱二 five hours earlier (another hour).
  const round = await ok(
    f.root.post('/api/sampling/rounds', { name: '全员轮', areaId: f.town.id, startsOn: f.today, endsOn: f.today, rosterDate: f.today }),
    201,
  );
  const point = await ok(f.root.post(`/api/sampling/rounds/${round.id}/points`, { name: '村广场', areaId: f.village.id, desks: 1 }), 201);
  await ok(f.root.post(`/api/sampling/rounds/${round.id}/status`, { status: 'open' }));
  pointId = point.id;
  const tube = await ok(f.sampler.post('/api/sampling/tubes', { roundId: round.id, pointId: point.id, desk: 1, barcode: 'EXPO00000001', capacity: 10 }), 201);
  for (const r of [p.赵一, p.钱一, p.钱二]) await ok(f.sampler.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: tube.id, residentId: r }), 201);
  await f.t.db.query(`UPDATE sampling_bindings SET bound_at = bound_at - interval '5 hours' WHERE resident_id = $1`, [p.钱二]);

  // The post: the case crossed an hour ago; 孙一 ten minutes later, a stranger twenty; 孙二 three hours later.
  postId = (
    await ok(
      f.cadre.post('/api/checkpoints/posts', {
        areaId: f.village.id,
        name: '东口',
        kind: 'village_entrance',
        opensOn: '2026-01-01',
        staffing: { volunteer: 1 },
      }),
      201,
    )
  ).id;
  const t0 = Date.now() - 4 * H;
  await crossed({ residentId: p.赵一, name: '赵一' }, new Date(t0));
  await crossed({ residentId: p.孙一, name: '孙一' }, new Date(t0 + 10 * 60_000));
  await crossed({ name: '过路人', phone: '13911112222' }, new Date(t0 + 20 * 60_000));
  await crossed({ residentId: p.孙二, name: '孙二' }, new Date(t0 + 3 * H));

  // The venue: 孙三 scans its code (matched by phone), a visitor not in the registry too; the trajectory names it.
  venue = await ok(f.cadre.post('/api/tracing/venues', { areaId: f.village.id, name: '合众轩烩面馆' }), 201);
  await ok(
    f.t.app.inject({
      method: 'POST',
      url: `/api/tracing/scan/${venue.token}`,
      payload: { name: '孙三', phone: `13800000${String(p.孙三).padStart(3, '0')}` },
    }) as never,
    201,
  );
  await ok(f.t.app.inject({ method: 'POST', url: `/api/tracing/scan/${venue.token}`, payload: { name: '外乡客', phone: '13700001111' } }) as never, 201);
  const now = Date.now();
  await ok(
    f.cadre.post(`/api/tracing/cases/${caseId}/trajectory`, {
      rows: [{ kind: 'place', startsAt: new Date(now - 30 * 60_000).toISOString(), endsAt: new Date(now + 30 * 60_000).toISOString(), venueId: venue.id }],
    }),
    201,
  );
});
afterAll(() => f.t.close());

describe('exposure suggestions', () => {
  it('finds the household, the building, the desk in the same hour, the post near the time and the venue; one per person, ranked, with why', async () => {
    const res = await ok(f.cadre.get(`/api/tracing/cases/${caseId}/exposures`));
    const by = new Map(res.items.map((s: any) => [s.name, s]));
    const p = f.people;
    expect(res.items[0].reasons[0].source).toBe('household');
    for (const name of ['赵二', '赵三']) expect(by.get(name)).toMatchObject({ level: 'close', exposureKind: 'household', certainty: 'high', addable: true });
    expect((by.get('李一') as any).reasons[0]).toMatchObject({ source: 'building', place: '王隆集村 1 组 1 号' });
    expect((by.get('钱一') as any).reasons[0]).toMatchObject({ source: 'sampling', place: '村广场', overlapMinutes: 60 });
    expect((by.get('孙一') as any).reasons[0]).toMatchObject({ source: 'checkpoint', place: '东口' });
    expect((by.get('孙三') as any).reasons[0]).toMatchObject({ source: 'venue', place: '合众轩烩面馆' });
    expect(by.get('孙三')).toMatchObject({ residentId: p.孙三, level: 'close', exposureKind: 'venue' });
    // Not in the registry: shown masked, to be called, not added.
    expect(by.get('过*人')).toMatchObject({ residentId: null, addable: false, phone: '139****2222' });
    expect(by.get('外*客')).toMatchObject({ residentId: null, addable: false });
    // Out of the window (another hour at the desk, three hours after at the post), and the case itself: absent.
    for (const name of ['钱二', '孙二', '赵一']) expect(by.has(name)).toBe(false);
    // One suggestion per person.
    expect(new Set(res.items.map((s: any) => s.name)).size).toBe(res.items.length);
    expect(res.items.map((s: any) => s.score)).toEqual([...res.items.map((s: any) => s.score)].sort((a: number, b: number) => b - a));
  });

  it('masks names outside the viewer’s scope, which cannot be added from here', async () => {
    const res = await ok(gridCadre.get(`/api/tracing/cases/${caseId}/exposures`));
    const sun = res.items.find((s: any) => s.residentId === f.people.孙一);
    expect(sun).toMatchObject({ name: '孙*', inScope: false, addable: false });
    expect(res.items.find((s: any) => s.residentId === f.people.赵二)).toMatchObject({ name: '赵二', addable: true });
  });

  it('adds the chosen suggestions as contacts through the contacts path, and leaves them out afterwards', async () => {
    const res = await ok(f.cadre.get(`/api/tracing/cases/${caseId}/exposures`));
    const chosen = res.items.filter((s: any) => s.addable && s.reasons[0].source === 'household');
    const added = await ok(
      f.cadre.post(`/api/tracing/cases/${caseId}/contacts`, {
        contacts: chosen.map((s: any) => ({
          residentId: s.residentId,
          level: s.level,
          lastExposureOn: s.lastExposureOn,
          exposureKind: s.exposureKind,
          certainty: s.certainty,
        })),
      }),
    );
    expect(added.items).toHaveLength(2);
    const after = await ok(f.cadre.get(`/api/tracing/cases/${caseId}/exposures`));
    expect(after.items.some((s: any) => s.name === '赵二')).toBe(false);
  });

  it('is scoped: a case of another area is not found; a worker without tracing is refused', async () => {
    const other = await ok(
      f.cadre.post('/api/tracing/cases', { residentId: f.people.孙四, classification: 'confirmed', reportedOn: f.today, foundBy: 'other' }),
      201,
    );
    expect((await gridCadre.get(`/api/tracing/cases/${other.id}/exposures`)).statusCode).toBe(404);
    expect((await f.worker1.get(`/api/tracing/cases/${caseId}/exposures`)).statusCode).toBe(403);
  });

  it('refuses a trajectory row naming a venue, point or post that does not exist', async () => {
    const bad = await f.cadre.post(`/api/tracing/cases/${caseId}/trajectory`, {
      rows: [{ kind: 'place', startsAt: new Date().toISOString(), venueId: 999999, postId: 999999 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['rows.0.postId', 'rows.0.venueId']);
  });
});

describe('known sampling points (the trajectory form’s picker)', () => {
  it('offers the points in scope with their round; a row may then name one; a worker without tracing is refused', async () => {
    const listed = await ok(f.cadre.get('/api/tracing/known-points'));
    expect(listed.items).toEqual([{ id: pointId, name: '村广场', roundId: expect.any(Number), roundName: '全员轮', startsOn: f.today }]);
    // The grid cadre's scope is a grid below the point's village: the point is not theirs to name.
    expect((await ok(gridCadre.get('/api/tracing/known-points'))).items).toEqual([]);
    expect((await f.worker1.get('/api/tracing/known-points')).statusCode).toBe(403);
    const at = new Date(Date.now() - 2 * H).toISOString();
    await ok(f.cadre.post(`/api/tracing/cases/${caseId}/trajectory`, { rows: [{ kind: 'place', startsAt: at, samplingPointId: pointId }] }), 201);
    const c = await ok(f.cadre.get(`/api/tracing/cases/${caseId}`));
    expect(c.trajectory.some((r: { samplingPointId: number | null }) => r.samplingPointId === pointId)).toBe(true);
  });
});

describe('venue codes', () => {
  const scan = (token: string, payload: object, ip = '10.0.0.9') =>
    f.t.app.inject({ method: 'POST', url: `/api/tracing/scan/${token}`, payload, remoteAddress: ip, headers: { 'accept-language': 'zh-CN' } });

  it('registers venues per area, shows the public form without an account, and lists visits masked', async () => {
    const form = await ok(f.t.app.inject({ method: 'GET', url: `/api/tracing/scan/${venue.token}` }) as never);
    expect(form).toMatchObject({ venueName: '合众轩烩面馆', keptDays: 28 });
    const visits = await ok(f.cadre.get(`/api/tracing/venues/${venue.id}/visits`));
    expect(visits.items.map((v: any) => v.name).sort()).toEqual(['外*客', '孙*'].sort());
    expect(visits.items.every((v: any) => /\*/.test(v.phone))).toBe(true);
    expect(visits.items.find((v: any) => v.name === '孙*').matched).toBe(true);
    expect((await ok(gridCadre.get('/api/tracing/venues'))).items).toHaveLength(0);
    expect((await gridCadre.get(`/api/tracing/venues/${venue.id}/visits`)).statusCode).toBe(404);
  });

  it('validates the phone and ID number, refuses an unknown or stopped code, and throttles an address', async () => {
    const bad = await scan(venue.token, { name: '某人', phone: '12', idNumber: '41000019900101123X' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['idNumber', 'phone']);
    expect((await scan('x'.repeat(32), { name: '某人', phone: '13800001234' })).statusCode).toBe(404);
    const stopped = await ok(f.cadre.post('/api/tracing/venues', { areaId: f.village.id, name: '停用的店' }), 201);
    await ok(f.cadre.patch(`/api/tracing/venues/${stopped.id}`, { active: false }));
    expect((await scan(stopped.token, { name: '某人', phone: '13800001234' })).statusCode).toBe(404);
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await scan(venue.token, { name: '刷', phone: '1' }, '10.0.0.77')).statusCode;
    expect(last).toBe(429);
  });

  it('keeps a visit only for the policy’s days: the sweep deletes older ones (fake clock)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const [{ n: before }] = await f.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tracing_venue_visits');
      expect(before).toBeGreaterThan(0);
      vi.setSystemTime(new Date(`${addDays(f.today, 27)}T12:00:00Z`));
      expect((await sweepVisits(f.t.db)).deleted).toBe(0);
      vi.setSystemTime(new Date(`${addDays(f.today, 30)}T12:00:00Z`));
      expect(await sweepVisits(f.t.db)).toEqual({ deleted: before, days: 28, partitions: [] });
    } finally {
      vi.useRealTimers();
    }
  });
});
