import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The place the zones tests run in: a town with a community holding an estate of two buildings (three people in
 * two households, living there since 2020) and a second village elsewhere; the root administrator, the town's
 * command center, the estate's grid worker, a captain (volunteer) of building 1, a cadre of the other village
 * and a sampler.
 */
export interface ZonesFixture {
  t: TestApp;
  root: Agent;
  command: Agent;
  worker: Agent;
  captain: Agent;
  otherCadre: Agent;
  sampler: Agent;
  town: AreaRow;
  estate: AreaRow;
  building1: AreaRow;
  building2: AreaRow;
  otherVillage: AreaRow;
  households: number[];
  people: number[];
}

export const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

export async function zonesFixture(): Promise<ZonesFixture> {
  const t = await testApp();
  const town = await makeArea(t.db, t.root, '城关镇', 'town');
  const community = await makeArea(t.db, town, '东关社区', 'community');
  const estate = await makeArea(t.db, community, '幸福小区', 'estate');
  const building1 = await makeArea(t.db, estate, '1号楼', 'building');
  const building2 = await makeArea(t.db, estate, '2号楼', 'building');
  const otherVillage = await makeArea(t.db, town, '西关村', 'village');
  await makeUser(t.db, 'z_root', ['admin'], t.root);
  await makeUser(t.db, 'z_command', ['command'], town);
  await makeUser(t.db, 'z_worker', ['grid_worker'], estate);
  await makeUser(t.db, 'z_captain', ['volunteer'], building1);
  await makeUser(t.db, 'z_other', ['cadre'], otherVillage);
  await makeUser(t.db, 'z_sampler', ['sampler'], town);
  const [root, command, worker, captain, otherCadre, sampler] = await Promise.all(
    ['z_root', 'z_command', 'z_worker', 'z_captain', 'z_other', 'z_sampler'].map((u) => login(t.app, u)),
  );
  const households: number[] = [];
  const people: number[] = [];
  for (const [area, address, names] of [
    [building1, '幸福小区1号楼101', ['周一', '周二']],
    [building2, '幸福小区2号楼202', ['吴一']],
  ] as const) {
    const hh = (await ok(root.post('/api/households', { areaId: area.id, address }), 201)).id as number;
    households.push(hh);
    for (const name of names) {
      people.push((await ok(root.post('/api/residents', { householdId: hh, name, idType: 'none', movedInOn: '2020-01-01' }), 201)).id);
    }
  }
  return { t, root, command, worker, captain, otherCadre, sampler, town, estate, building1, building2, otherVillage, households, people };
}

let tubes = 0;

/** A round over the town starting on `day`, open, with a point: its id and a way to sample people in single tubes. */
export async function roundOn(f: ZonesFixture, day: string) {
  const round = await ok(f.root.post('/api/sampling/rounds', { name: `${day} 全员核酸`, areaId: f.town.id, startsOn: day, endsOn: day, rosterDate: day }), 201);
  const point = await ok(f.root.post(`/api/sampling/rounds/${round.id}/points`, { name: '小区门口', areaId: f.estate.id, desks: 1 }), 201);
  await ok(f.root.post(`/api/sampling/rounds/${round.id}/status`, { status: 'open' }));
  const barcodes: string[] = [];
  return {
    id: round.id as number,
    async sample(residentId: number) {
      const barcode = `ZONE${String(++tubes).padStart(8, '0')}`;
      const tube = await ok(f.sampler.post('/api/sampling/tubes', { roundId: round.id, pointId: point.id, desk: 1, barcode, capacity: 1 }), 201);
      await ok(f.sampler.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: tube.id, residentId }), 201);
      barcodes.push(barcode);
    },
    async results(result: 'negative' | 'positive') {
      const results = barcodes.splice(0).map((barcode) => ({ barcode, result, testedAt: `${day}T08:00:00+08:00`, lab: '县疾控' }));
      await ok(f.root.post('/api/sampling/results', { results }));
    },
  };
}

/** After the fake clock jumps days ahead the sessions have expired (idle 2 h): sign everyone in again. */
export async function signInAgain(f: ZonesFixture) {
  const names = { root: 'z_root', command: 'z_command', worker: 'z_worker', captain: 'z_captain', otherCadre: 'z_other', sampler: 'z_sampler' } as const;
  for (const [key, username] of Object.entries(names)) f[key as keyof typeof names] = await login(f.t.app, username);
}
