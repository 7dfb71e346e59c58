import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { todayIn } from '../../platform/dates';
import { buildHousehold, buildResident, idNumberFor } from '../../testing/factories';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The place the checkpoints tests run in: 太康县 (with its division code, so an origin elsewhere is "outside"),
 * a town with a village and its grid, a second town (outside the cadre's scope), a registered resident with an ID
 * number, and users: command (county), cadre (town), a volunteer and a grid worker (village), a stranger (town 2).
 */
export interface CheckpointFixture {
  t: TestApp;
  command: Agent;
  cadre: Agent;
  volunteer: Agent;
  worker: Agent;
  today: string;
  town: AreaRow;
  village: AreaRow;
  grid: AreaRow;
  ids: { volunteer: number; worker: number; stranger: number; cadre: number };
  resident: { id: number; idNumber: string };
}

export async function checkpointFixture(overrides: Parameters<typeof testApp>[0] = {}): Promise<CheckpointFixture> {
  const t = await testApp({ ...(process.env.CP_DEBUG ? { LOG_LEVEL: 'error' } : {}), ...overrides });
  const today = todayIn(t.app.timeZone);
  await t.db.query("UPDATE areas SET division_code = '411627000000' WHERE id = $1", [t.root.id]);
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const village = await makeArea(t.db, town, '王隆集村', 'village');
  const grid = await makeArea(t.db, village, '一网格', 'grid');
  const town2 = await makeArea(t.db, t.root, '城关镇', 'town');
  await makeUser(t.db, 'command', ['command'], t.root);
  const cadreId = await makeUser(t.db, 'cadre', ['cadre'], town);
  const volunteerId = await makeUser(t.db, 'volunteer', ['volunteer'], village);
  const workerId = await makeUser(t.db, 'worker', ['grid_worker'], grid);
  const strangerId = await makeUser(t.db, 'stranger', ['volunteer'], town2);
  const [command, cadre, volunteer, worker] = await Promise.all(['command', 'cadre', 'volunteer', 'worker'].map((u) => login(t.app, u)));
  const hh = await buildHousehold(command, grid.id);
  const idNumber = idNumberFor(42);
  const residentId = await buildResident(command, { householdId: hh }, { name: '李返乡', idType: 'resident_id', idNumber, relation: 'head' });
  return {
    t,
    command,
    cadre,
    volunteer,
    worker,
    today,
    town,
    village,
    grid,
    ids: { volunteer: volunteerId, worker: workerId, stranger: strangerId, cadre: cadreId },
    resident: { id: residentId, idNumber },
  };
}

export async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

export function newPost(areaId: number, fields: Record<string, unknown> = {}) {
  return { areaId, name: '王隆集村东口', kind: 'village_entrance', opensOn: '2026-01-01', staffing: { volunteer: 1 }, ...fields };
}

export function crossing(postId: number, fields: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    postId,
    direction: 'in',
    people: [{ name: '王五', temperature: 36.5, codeColour: 'green' }],
    checks: ['scan', 'look'],
    ...fields,
  };
}
