import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { todayIn } from '../../platform/dates';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The place the supplies tests run in: a town with two villages, the town's command center (runs the town's
 * store and donations), a cadre of each village and a grid worker (a store keeper who issues). Items: masks,
 * rice, an allergy medicine. Stores: the town's, village 1's and village 2's.
 */
export interface SuppliesFixture {
  t: TestApp;
  root: Agent;
  command: Agent;
  cadre1: Agent;
  cadre2: Agent;
  keeper: Agent;
  today: string;
  town: AreaRow;
  village1: AreaRow;
  village2: AreaRow;
  items: { masks: number; rice: number; medicine: number };
  stores: { town: number; village1: number; village2: number };
}

export const ok = async (r: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const x = await r;
  expect(x.statusCode, x.body).toBe(status);
  return x.json();
};

export async function suppliesFixture(): Promise<SuppliesFixture> {
  const t = await testApp();
  const today = todayIn(t.app.timeZone);
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village1 = await makeArea(t.db, town, '王隆集村', 'village');
  const village2 = await makeArea(t.db, town, '李庄村', 'village');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  await makeUser(t.db, 'command', ['command'], town);
  await makeUser(t.db, 'cadre1', ['cadre'], village1);
  await makeUser(t.db, 'cadre2', ['cadre'], village2);
  await makeUser(t.db, 'keeper', ['grid_worker'], village1);
  const [root, command, cadre1, cadre2, keeper] = await Promise.all(['root_admin', 'command', 'cadre1', 'cadre2', 'keeper'].map((u) => login(t.app, u)));
  const item = async (name: string, category: string, unit: string, packSize: number) =>
    (await ok(command.post('/api/supplies/items', { name, category, unit, packSize }), 201)).id as number;
  const items = {
    masks: await item('医用口罩', 'protective', '只', 50),
    rice: await item('大米', 'living', '袋', 1),
    medicine: await item('抗过敏药', 'medicine', '盒', 1),
  };
  const store = async (name: string, level: string, areaId: number) =>
    (await ok(command.post('/api/supplies/stores', { name, level, areaId }), 201)).id as number;
  const stores = {
    town: await store('镇物资仓库', 'town', town.id),
    village1: await store('王隆集村物资点', 'village', village1.id),
    village2: await store('李庄村物资点', 'village', village2.id),
  };
  return { t, root, command, cadre1, cadre2, keeper, today, town, village1, village2, items, stores };
}

/** Receives lines into a store as a purchase. */
export async function receive(agent: Agent, storeId: number, lines: object[], occurredOn: string) {
  return ok(agent.post(`/api/supplies/stores/${storeId}/receipts`, { clientId: randomUUID(), source: 'purchase', occurredOn, lines }), 201);
}

export async function onHand(f: SuppliesFixture, storeId: number, itemId: number): Promise<number> {
  const [{ n }] = await f.t.db.query<{ n: number }>('SELECT COALESCE(sum(qty), 0)::int AS n FROM supply_stock WHERE store_id = $1 AND item_id = $2', [
    storeId,
    itemId,
  ]);
  return n;
}
