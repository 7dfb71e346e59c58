import { expect } from 'vitest';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The world the volunteer tests share: a town with two villages, an administrator, the first village's
 * branch secretary and its branch. Each test file builds its own (one app per file).
 */

/** A valid 18-digit resident ID for an area code, birth date and sequence (GB 11643 check digit). */
function residentId(area: string, birth: string, seq: string): string {
  const body = area + birth + seq;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

let seq = 100;
export const nextId = (birth = '19700101') => residentId('411627', birth, String(++seq));
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const form = (idNumber: string, extra: Record<string, unknown> = {}) => ({
  name: '王志愿',
  idNumber,
  phone: '13912345678',
  category: 'party_retired',
  skills: ['driver', 'dialect'],
  availability: { days: ['sat', 'sun'], from: '08:00', to: '12:00' },
  emergencyContact: { name: '王家属', phone: '13800001111' },
  pledge: '疫情不退，我不退',
  ...extra,
});

export interface World {
  t: TestApp;
  admin: Agent;
  secretary: Agent;
  town: AreaRow;
  v1: AreaRow;
  v2: AreaRow;
  branch: { id: number; enlistToken: string };
}
let world: World;

export async function setUp(): Promise<World> {
  const t = await testApp();
  const town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  const v1 = await makeArea(t.db, town, '王隆集村', 'village');
  const v2 = await makeArea(t.db, town, '蒋店村', 'village');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  await makeUser(t.db, 'sec', ['branch_secretary'], v1);
  const admin = await login(t.app, 'root_admin');
  const secretary = await login(t.app, 'sec');
  const res = await secretary.post('/api/party/orgs', { kind: 'branch', name: '王隆集村党支部', areaId: v1.id });
  expect(res.statusCode, res.body).toBe(201);
  const branch = res.json();
  expect(branch.enlistToken).toMatch(/^[\w-]{16}$/);
  world = { t, admin, secretary, town, v1, v2, branch };
  return world;
}

export function publicPost(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return world.t.app.inject({ method: 'POST', url, payload: payload as any, headers });
}

export async function newVolunteer(name: string, area: AreaRow, category = 'party_rural') {
  const res = await world.admin.post('/api/volunteers', { name, areaId: area.id, idNumber: nextId(), phone: '13700001234', category });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
