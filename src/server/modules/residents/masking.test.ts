import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../../domain/auth/permissions';
import { ID_LOOKUPS_PER_WINDOW } from '../sampling/id-lookups';
import type { AreaRow } from '../areas';
import { residentIdNumber } from '../../testing/factories';
import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from '../../testing/harness';
import { readXlsx } from '../../testing/sheets';

/** An export of personal data states its purpose (issue 14, point 10). */
const EXPORT_PURPOSE = { purpose: '核对名单（测试）' };

/**
 * Masking that holds, tried the way an attacker would: someone holding every permission except
 * `residents.reveal` knows a person's masked number (411***********4876), their age and sex, and tries
 * to confirm guesses through every route that searches or looks people up. A guess is confirmed when
 * the answer to the true number differs from the answer to a wrong one of the same shape.
 */
let t: TestApp;
let admin: Agent;
let snoop: Agent;
let town: AreaRow;
let v1: AreaRow;
let v2: AreaRow;

interface Person {
  id: number;
  idNumber: string;
  phone: string;
}
const people: Person[] = [];
const volunteerIds: { id: number; idNumber: string; phone: string }[] = [];

/** A wrong number of the same shape: the same length, the digits changed. */
function decoyOf(text: string): string {
  return [...text].map((c, i) => (c === 'X' ? '7' : String((Number(c) + 3 + i) % 10))).join('');
}

beforeAll(async () => {
  t = await testApp();
  town = await makeArea(t.db, t.root, '毛庄镇', 'town');
  v1 = await makeArea(t.db, town, '王隆集村', 'village');
  v2 = await makeArea(t.db, town, '蒋店村', 'village');
  await makeUser(t.db, 'root_admin', ['admin'], t.root);
  // The attacker: everything but reveal (and the audit trail, which would show them their own probes).
  const perms = ALL_PERMISSIONS.filter((p) => p !== 'residents.reveal' && p !== 'audit.read');
  await t.db.query(`INSERT INTO roles (code, name_zh, name_en, permissions) VALUES ('snoop', '全权无揭示', 'All but reveal', $1)`, [perms]);
  await makeUser(t.db, 'snoop', ['snoop'], town);
  // A clerk who edits the registry without the health permission.
  await t.db.query(`INSERT INTO roles (code, name_zh, name_en, permissions) VALUES ('writer', '登记员', 'Clerk', $1)`, [
    ['residents.read', 'residents.write', 'residents.export'],
  ]);
  await makeUser(t.db, 'clerk', ['writer'], town);
  await makeUser(t.db, 'doc', ['doctor'], town);
  await makeUser(t.db, 'sampler', ['sampler'], town);
  await makeUser(t.db, 'secretary', ['branch_secretary'], town);
  admin = await login(t.app, 'root_admin');
  snoop = await login(t.app, 'snoop');
  // Addresses without digits, so that digits read as an address find nobody by chance.
  const h = (await admin.post('/api/households', { areaId: v1.id, address: '王隆集村 张家院' })).json().id;
  for (let i = 0; i < 8; i++) {
    const idNumber = residentIdNumber('411627', `19${50 + i}0${1 + i}1${i}`, `${40 + i}7`);
    const phone = `1391234${String(5670 + i * 7).padStart(4, '0')}`;
    const res = await admin.post('/api/residents', { householdId: h, name: `张${'一二三四五六七八'[i]}`, idNumber, phone, groups: ['chronic', 'alone'] });
    expect(res.statusCode, res.body).toBe(201);
    people.push({ id: res.json().id, idNumber, phone });
  }
  for (let i = 0; i < 3; i++) {
    const idNumber = residentIdNumber('411627', `19${70 + i}0${2 + i}2${i}`, `${60 + i}3`);
    const phone = `1362222${String(3000 + i * 11)}`;
    const res = await admin.post('/api/volunteers', { name: `李${'甲乙丙'[i]}`, areaId: v1.id, idNumber, phone, category: 'party_rural' });
    expect(res.statusCode, res.body).toBe(201);
    volunteerIds.push({ id: res.json().id, idNumber, phone });
  }
});
afterAll(() => t?.close());

/** What an answer tells about a guess: its status and which records (and how many) it found. */
async function answerOf(agent: Agent, url: string): Promise<string> {
  const res = url.includes('.xlsx') ? await agent.post(url, EXPORT_PURPOSE) : await agent.get(url);
  if (url.includes('.xlsx')) {
    if (res.statusCode !== 200) return String(res.statusCode);
    const sheets = await readXlsx(res.rawPayload);
    return `200:${Object.values(sheets)
      .map((rows) => rows.length)
      .join(',')}`;
  }
  const body = res.json();
  const items = (body.items ?? []) as { id: number }[];
  return `${res.statusCode}:${body.total ?? ''}:${items.map((i) => i.id).join(',')}`;
}

/** The search and lookup routes that take text (every `q` in the contracts that can reach a person). */
const ROUTES = [
  (q: string) => `/api/residents?q=${encodeURIComponent(q)}`,
  (q: string) => `/api/residents/lookup?q=${encodeURIComponent(q)}`,
  (q: string) => `/api/households?q=${encodeURIComponent(q)}`,
  (q: string) => `/api/volunteers?q=${encodeURIComponent(q)}`,
  (q: string) => `/api/enlistments?q=${encodeURIComponent(q)}`,
];
const EXPORTS = [
  (q: string) => `/api/residents/export.xlsx?q=${encodeURIComponent(q)}`,
  (q: string) => `/api/volunteers/export.xlsx?q=${encodeURIComponent(q)}`,
];

/** Every text an attacker would try for one person: the whole number, its tails, the phone and its tails, birth date + tail. */
function probesFor(idNumber: string, phone: string): string[] {
  const out = new Set<string>([idNumber, idNumber.toLowerCase(), `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14)}`, phone]);
  for (let n = 3; n <= 17; n++) out.add(idNumber.slice(-n));
  for (let n = 3; n <= 10; n++) out.add(phone.slice(-n));
  out.add(idNumber.slice(6, 14) + idNumber.slice(-4));
  return [...out];
}

async function recovered(targets: { id: number; idNumber: string; phone: string }[], exportsToo: boolean): Promise<string[]> {
  const found: string[] = [];
  for (const p of targets) {
    const probes = probesFor(p.idNumber, p.phone);
    for (const route of ROUTES) {
      for (const q of probes) {
        const [truth, wrong] = [await answerOf(snoop, route(q)), await answerOf(snoop, route(decoyOf(q)))];
        if (truth !== wrong || truth.split(':')[2]?.split(',').includes(String(p.id))) found.push(`${route(q)} → ${truth} vs ${wrong}`);
      }
    }
    if (!exportsToo) continue;
    for (const route of EXPORTS) {
      for (const q of [p.idNumber, p.idNumber.slice(-4), p.idNumber.slice(-6), p.phone.slice(-4)]) {
        const [truth, wrong] = [await answerOf(snoop, route(q)), await answerOf(snoop, route(decoyOf(q)))];
        if (truth !== wrong) found.push(`${route(q)} → ${truth} vs ${wrong}`);
      }
    }
  }
  return found;
}

describe('masking that holds', () => {
  it('recovers 0 full ID numbers or phones by search without the reveal permission, and the probes find nothing', async () => {
    const before = (await snoop.get(`/api/residents?under=${v1.id}`)).json();
    // The attacker does see the people (masked): a search that found them would be a confirmation.
    expect(before.total).toBe(people.length);
    expect(JSON.stringify(before)).not.toMatch(/19\d{2}-\d{2}-\d{2}/);
    const leaks = [...(await recovered(people, true)), ...(await recovered(volunteerIds, false))];
    expect(leaks).toEqual([]);
  }, 300_000);

  it('the same searches work for someone who may reveal', async () => {
    const p = people[3];
    for (const q of [p.idNumber, p.idNumber.slice(-6), p.phone.slice(-4)]) {
      const found = (await admin.get(`/api/residents?q=${q}`)).json();
      expect(found.items.map((i: { id: number }) => i.id)).toContain(p.id);
    }
    expect((await admin.get(`/api/volunteers?q=${volunteerIds[0].idNumber.slice(-6)}`)).json().total).toBe(1);
  });

  it('lists and pages show an age beside a masked number, never the birth date', async () => {
    const page = (await snoop.get(`/api/residents/${people[0].id}`)).json();
    expect(page.birthDate).toBeNull();
    expect(page.age).toBeGreaterThan(60);
    expect(page.idNumber).toBe(`411***********${people[0].idNumber.slice(-4)}`);
    const vol = (await snoop.get(`/api/volunteers/${volunteerIds[0].id}`)).json();
    expect(vol.birthDate).toBeNull();
  });

  it('a duplicate outside the scope is refused without naming the place, and audited', async () => {
    await makeUser(t.db, 'gw2', ['grid_worker'], v2);
    const gw2 = await login(t.app, 'gw2');
    const h = (await gw2.post('/api/households', { areaId: v2.id, address: '蒋店村 李家院' })).json().id;
    const res = await gw2.post('/api/residents', { householdId: h, name: '冒名', idNumber: people[1].idNumber });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ID_NUMBER_TAKEN_ELSEWHERE');
    expect(res.body).not.toMatch(/王|\*村/);
    const [row] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'id_taken_elsewhere' AND entity_id = $1 AND actor_name IS NOT NULL",
      [String(people[1].id)],
    );
    expect(row.n).toBe(1);
  });
});

describe('the desk finds people by a scanned ID card: one masked match, audited, rate-limited', () => {
  it('binds by ID number with the name masked, audits a miss, and stops a user past the limit', async () => {
    const sampler = await login(t.app, 'sampler');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const round = await admin.post('/api/sampling/rounds', {
      name: '第一轮',
      areaId: town.id,
      startsOn: '2025-01-01',
      endsOn: '2099-12-31',
      rosterDate: today,
    });
    expect(round.statusCode, round.body).toBe(201);
    const roundId = round.json().id;
    const pointId = (await admin.post(`/api/sampling/rounds/${roundId}/points`, { name: '广场', areaId: v1.id, desks: 2 })).json().id;
    expect((await admin.post(`/api/sampling/rounds/${roundId}/status`, { status: 'open' })).statusCode).toBe(200);
    const tube = (await sampler.post('/api/sampling/tubes', { roundId, pointId, desk: 1, barcode: 'MASK000001', capacity: 10 })).json();
    const bind = (idNumber: string) => sampler.post('/api/sampling/bindings', { clientId: randomUUID(), tubeId: tube.id, idNumber });

    const hit = await bind(people[2].idNumber);
    expect(hit.statusCode, hit.body).toBe(201);
    expect(hit.json().bindings).toMatchObject([{ residentId: people[2].id, name: '张*' }]);

    const miss = await bind(residentIdNumber('411627', '19600101', '999'));
    expect(miss.statusCode).toBe(422);
    const [row] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'id_lookup_miss'");
    expect(row.n).toBe(1);

    let last = miss;
    // The hit and the miss counted; the rest of the window's lookups are misses too.
    for (let i = 3; i <= ID_LOOKUPS_PER_WINDOW; i++) last = await bind(residentIdNumber('411627', '19600101', String(100 + i)));
    expect(last.statusCode).toBe(422);
    const stopped = await bind(people[4].idNumber);
    expect(stopped.statusCode).toBe(429);
  }, 120_000);
});

describe('health groups behind their own permission', () => {
  it('the doctor sees and filters them; the sampling staff and a branch secretary see the record without them', async () => {
    const doc = await login(t.app, 'doc');
    const p = (await doc.get(`/api/residents/${people[0].id}`)).json();
    expect(p.groups).toEqual(expect.arrayContaining(['chronic', 'alone']));
    expect((await doc.get('/api/residents?groups=chronic')).json().total).toBe(people.length);
    for (const who of ['sampler', 'secretary']) {
      const a = await login(t.app, who);
      const seen = (await a.get(`/api/residents/${people[0].id}`)).json();
      expect(seen.groups).toContain('alone');
      expect(seen.groups).not.toContain('chronic');
      const list = (await a.get(`/api/residents?under=${v1.id}`)).json();
      expect(JSON.stringify(list)).not.toContain('chronic');
      expect((await a.get('/api/residents?groups=chronic')).statusCode).toBe(403);
    }
  });

  it('an export by someone without it leaves them out, and the birth date beside a masked number', async () => {
    const clerk = await login(t.app, 'clerk');
    const res = await clerk.post(`/api/residents/export.xlsx?under=${v1.id}`, EXPORT_PURPOSE);
    expect(res.statusCode).toBe(200);
    const text = JSON.stringify(await readXlsx(res.rawPayload));
    expect(text).toContain('独居');
    expect(text).not.toContain('慢性病');
    expect(text).not.toMatch(/19\d{2}-\d{2}-\d{2}/);
    const full = JSON.stringify(await readXlsx((await admin.post(`/api/residents/export.xlsx?under=${v1.id}`, EXPORT_PURPOSE)).rawPayload));
    expect(full).toContain('慢性病');
  });

  it('an edit by someone without it keeps the hidden groups', async () => {
    const editor = await login(t.app, 'clerk');
    const res = await editor.patch(`/api/residents/${people[5].id}`, { groups: ['no_smartphone'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().groups).toEqual(['elderly60', 'no_smartphone']);
    const seen = (await admin.get(`/api/residents/${people[5].id}`)).json();
    expect(seen.groups).toEqual(expect.arrayContaining(['chronic', 'no_smartphone']));
    expect(seen.groups).not.toContain('alone');
  });
});
