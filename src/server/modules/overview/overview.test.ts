import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHousehold, buildResident } from '../../testing/factories';
import { type Agent, type TestApp, TEST_PASSWORD, login, makeArea, makeUser, testApp } from '../../testing/harness';
import type { AreaRow } from '../areas';

/**
 * The command center's overview on a small county: its figures come from the daily report's roll-up and
 * the modules' panels; the red list names what needs action; a user sees no area above their own; and a
 * write anywhere reaches an open screen through the change stream.
 */
let t: TestApp;
let county: AreaRow;
let town: AreaRow;
let village: AreaRow;
let grid: AreaRow;
let command: Agent;
let cadre: Agent;
let residentId: number;

beforeAll(async () => {
  t = await testApp();
  county = await makeArea(t.db, t.root, '太康县', 'county');
  town = await makeArea(t.db, county, '毛庄镇', 'town');
  village = await makeArea(t.db, town, '王隆集村', 'village');
  grid = await makeArea(t.db, village, '一网格', 'grid');
  await makeArea(t.db, town, '李庄村', 'village');
  await makeUser(t.db, 'command', ['command'], county);
  await makeUser(t.db, 'cadre', ['cadre'], village);
  command = await login(t.app, 'command');
  cadre = await login(t.app, 'cadre');
  const household = await buildHousehold(cadre, grid.id);
  residentId = await buildResident(cadre, { householdId: household }, { name: '王小红' });
});
afterAll(() => t.close());

async function openFeverAlert() {
  const [{ id }] = await t.db.query<{ id: number }>(
    `INSERT INTO measures (resident_id, area_id, area_path, kind, state, starts_on, ends_on, follow_up_times)
     VALUES ($1, $2, $3, 'home_isolation', 'active', current_date - 1, current_date + 6, ARRAY['08:00']) RETURNING id`,
    [residentId, grid.id, grid.path],
  );
  await t.db.query(`INSERT INTO fever_alerts (measure_id, resident_id, area_id, area_path, temperature) VALUES ($1, $2, $3, $4, 38.6)`, [
    id,
    residentId,
    grid.id,
    grid.path,
  ]);
}

describe('the overview', () => {
  it('starts empty and honest: zero figures, no round, no campaign, the towns listed', async () => {
    const res = await command.get('/api/overview');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.area).toMatchObject({ id: county.id, name: '太康县' });
    expect(o.figures['measures.total']).toBe(0);
    expect(o.sampling).toBeNull();
    expect(o.screening).toBeNull();
    expect(o.children.map((c: any) => c.name)).toEqual(['毛庄镇']);
    expect(o.trend).toHaveLength(14);
    expect(o.attention).toEqual([]);
  });

  it('counts a measure and an open fever alert where they are, and puts the alert first on the red list, masked', async () => {
    await openFeverAlert();
    const past = new Date(Date.now() - 3600_000).toISOString();
    expect((await cadre.post('/api/tasks', { areaId: grid.id, title: '上门核实', assigneeRole: 'grid_worker', dueAt: past })).statusCode).toBe(201);
    const o = (await command.get('/api/overview')).json();
    expect(o.figures['measures.home_isolation']).toBe(1);
    expect(o.figures['alerts.open']).toBe(1);
    expect(o.tasks).toEqual({ open: 1, overdue: 1 });
    expect(o.children[0]).toMatchObject({ areaId: town.id, tasks: { open: 1, overdue: 1 } });
    expect(o.children[0].figures['measures.total']).toBe(1);
    expect(o.attention.map((a: any) => a.kind)).toEqual(['fever_alert', 'overdue_task']);
    expect(o.attention[0].title).toContain('王*红');
    expect(o.attention[0].title).not.toContain('王小红');
    expect(o.attention[0]).toMatchObject({ areaName: '一网格', link: '/monitoring/alerts' });
    expect((await command.get('/api/overview', { 'accept-language': 'en' })).json().attention[0].title).toMatch(/^Fever alert/);
  });

  it('drills down to a village, whose grids have no report of their own', async () => {
    const o = (await command.get(`/api/overview?areaId=${village.id}`)).json();
    expect(o.trail.map((a: any) => a.name)).toEqual(['太康县', '毛庄镇', '王隆集村']);
    expect(o.figures['measures.total']).toBe(1);
    expect(o.children).toEqual([expect.objectContaining({ areaId: grid.id, figures: null, tasks: { open: 1, overdue: 1 } })]);
    const g = (await command.get(`/api/overview?areaId=${grid.id}`)).json();
    expect(g.figures).toBeNull();
    expect(g.attention[0].kind).toBe('fever_alert');
  });

  it('shows a village user nothing above their village', async () => {
    expect((await cadre.get(`/api/overview?areaId=${county.id}`)).statusCode).toBe(404);
    expect((await cadre.get('/api/overview')).json().area.id).toBe(village.id);
    expect((await cadre.get('/api/overview?day=2026-02-30')).statusCode).toBe(400);
  });
});

describe('the change stream', () => {
  it('says ready at once, then tells an open screen within seconds that figures changed', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const signIn = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'command', password: TEST_PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const res = await fetch(`${base}/api/overview/changes?seconds=20`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: string, ms: number) => {
      const deadline = Date.now() + ms;
      while (!text.includes(needle)) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (!chunk || chunk.done) return text.includes(needle);
        text += new TextDecoder().decode(chunk.value);
      }
      return true;
    };
    expect(await readUntil('event: ready', 5000)).toBe(true);
    const written = Date.now();
    await t.db.query(`UPDATE fever_alerts SET status = 'resolved', resolution = 'false_alarm', resolved_at = now() WHERE status = 'open'`);
    // Seconds on a quiet machine; the bound leaves room for a CI machine running other suites beside this one.
    expect(await readUntil('event: change', 12_000)).toBe(true);
    expect(Date.now() - written).toBeLessThan(12_000);
    await reader.cancel();
    expect((await command.get('/api/overview')).json().figures['alerts.open']).toBe(0);
  });
});
