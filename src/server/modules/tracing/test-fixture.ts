import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The place the tracing tests run in: a town with a village of two grids, households and people, a root
 * administrator (who edits policy), the town's command center and a village cadre (who trace), a grid worker
 * of each grid (who find contacts through their inbox) and a sampler.
 */
export interface TracingFixture {
  t: TestApp;
  root: Agent;
  command: Agent;
  cadre: Agent;
  worker1: Agent;
  worker2: Agent;
  sampler: Agent;
  today: string;
  town: AreaRow;
  village: AreaRow;
  grid1: AreaRow;
  grid2: AreaRow;
  people: Record<string, number>;
}

export const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

export async function tracingFixture(): Promise<TracingFixture> {
  const t = await testApp();
  const today = todayIn(t.app.timeZone);
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  const grid1 = await makeArea(t.db, village, '一网格', 'grid');
  const grid2 = await makeArea(t.db, village, '二网格', 'grid');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  await makeUser(t.db, 'command', ['command'], town);
  await makeUser(t.db, 'cadre', ['cadre'], village);
  await makeUser(t.db, 'worker1', ['grid_worker'], grid1);
  await makeUser(t.db, 'worker2', ['grid_worker'], grid2);
  await makeUser(t.db, 'sampler', ['sampler'], town);
  const [root, command, cadre, worker1, worker2, sampler] = await Promise.all(
    ['root_admin', 'command', 'cadre', 'worker1', 'worker2', 'sampler'].map((u) => login(t.app, u)),
  );
  const people: Record<string, number> = {};
  const household = async (areaId: number, address: string) => (await ok(root.post('/api/households', { areaId, address }), 201)).id as number;
  const h1 = await household(grid1.id, '王隆集村 1 组 1 号');
  const h2 = await household(grid1.id, '王隆集村 1 组 2 号');
  const h3 = await household(grid2.id, '王隆集村 2 组 9 号');
  for (const [hh, names] of [
    [h1, ['赵一', '赵二', '赵三']],
    [h2, ['钱一', '钱二', '钱三']],
    [h3, ['孙一', '孙二', '孙三', '孙四']],
  ] as const) {
    for (const name of names) {
      people[name] = (await ok(root.post('/api/residents', { householdId: hh, name, idType: 'none', movedInOn: '2024-01-01' }), 201)).id;
    }
  }
  return { t, root, command, cadre, worker1, worker2, sampler, today, town, village, grid1, grid2, people };
}

let tubes = 0;

/** A positive pool of two people, then one of them retested positive in a tube of their own: the round's id. */
export async function positivePoolRetest(f: TracingFixture, held: number, other: number): Promise<number> {
  const round = await ok(
    f.root.post('/api/sampling/rounds', { name: '混管轮', areaId: f.town.id, startsOn: f.today, endsOn: f.today, rosterDate: f.today }),
    201,
  );
  const point = await ok(f.root.post(`/api/sampling/rounds/${round.id}/points`, { name: '村广场', areaId: f.village.id, desks: 2 }), 201);
  await ok(f.root.post(`/api/sampling/rounds/${round.id}/status`, { status: 'open' }));
  const tube = async (capacity: number, desk: number, people: number[], result: 'positive') => {
    const barcode = `POOL${String(++tubes).padStart(8, '0')}`;
    const t = await ok(f.sampler.post('/api/sampling/tubes', { roundId: round.id, pointId: point.id, desk, barcode, capacity }), 201);
    for (const residentId of people) await ok(f.sampler.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: t.id, residentId }), 201);
    await ok(f.root.post('/api/sampling/results', { results: [{ barcode, result, testedAt: `${f.today}T08:00:00+08:00`, lab: '县疾控' }] }));
  };
  await tube(5, 1, [held, other], 'positive');
  await tube(1, 2, [held], 'positive');
  return round.id;
}
/** A positive (or negative) single-tube result of a person in an open round: the sampling result's id. */
export async function singleTubeResult(f: TracingFixture, residentId: number, result: 'positive' | 'negative'): Promise<number> {
  const round = await ok(
    f.root.post('/api/sampling/rounds', { name: `复核轮${residentId}`, areaId: f.town.id, startsOn: f.today, endsOn: f.today, rosterDate: f.today }),
    201,
  );
  const point = await ok(f.root.post(`/api/sampling/rounds/${round.id}/points`, { name: '村委会', areaId: f.village.id, desks: 1 }), 201);
  await ok(f.root.post(`/api/sampling/rounds/${round.id}/status`, { status: 'open' }));
  const barcode = `TR${String(residentId).padStart(6, '0')}${result === 'positive' ? 'P' : 'N'}${String(++tubes).padStart(4, '0')}`;
  const tube = await ok(f.sampler.post('/api/sampling/tubes', { roundId: round.id, pointId: point.id, desk: 1, barcode, capacity: 1 }), 201);
  await ok(f.sampler.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: tube.id, residentId }), 201);
  await ok(f.root.post('/api/sampling/results', { results: [{ barcode, result, testedAt: `${f.today}T08:00:00+08:00`, lab: '县疾控' }] }));
  const [row] = await f.t.db.query<{ id: number }>('SELECT id FROM sampling_results WHERE tube_id = $1', [tube.id]);
  return row.id;
}
