import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, login } from '../../testing/harness';
import { buildApp } from '../../app';
import { testConfig } from '../../config';
import { freshDb } from '../../testing/harness';
import { bootstrap } from './bootstrap';

let t: Pick<TestApp, 'app' | 'db'>;
let message: string | null;

beforeAll(async () => {
  const db = await freshDb();
  const config = testConfig({ DEMO_SEED: true, DEMO_RESIDENTS: 20_000 });
  message = await bootstrap(db, config);
  const app = await buildApp({ config, db });
  await app.ready();
  t = { app, db };
}, 120_000);
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('the demo county', () => {
  it('arrives with residents, branches, volunteers and a secretary with applications to decide', async () => {
    expect(message).toContain('secretary');
    const command = await login(t.app, 'command', 'Wangge@2026');
    const list = (await command.get('/api/residents?pageSize=1')).json();
    expect(list.total).toBeGreaterThan(1000);
    const secretary = await login(t.app, 'secretary', 'Wangge@2026');
    const figures = (await secretary.get('/api/volunteers/figures')).json();
    expect(figures.totals.volunteers).toBeGreaterThan(0);
    expect(figures.totals.onDuty).toBeGreaterThan(0);
    const queue = (await secretary.get('/api/enlistments?status=pending')).json();
    expect(queue.items.length).toBeGreaterThan(0);
    // The secretary's scope is the village: the county's other branches are not theirs to see.
    const countyFigures = (await command.get('/api/volunteers/figures')).json();
    expect(countyFigures.totals.branches).toBeGreaterThan(figures.totals.branches);
  });

  it('arrives with returnees under measures on the doctor\'s list and a campaign in the grid worker\'s inbox', async () => {
    expect(message).toContain('campaign');
    // Today's and tomorrow's follow-ups (today's may be over late in the local day, and are then not written).
    const doctor = await login(t.app, 'doctor', 'Wangge@2026');
    const followUps = (await doctor.get('/api/follow-ups?pageSize=50')).json();
    expect(followUps.total).toBeGreaterThanOrEqual(8);
    const cadre = await login(t.app, 'cadre', 'Wangge@2026');
    const measures = (await cadre.get('/api/measures?state=active')).json();
    expect(measures.total).toBe(4);
    expect(measures.items[0].ruleVersion).toMatch(/@/);
    const arrivals = (await cadre.get('/api/arrivals')).json();
    expect(arrivals.items.every((a: any) => a.originRiskLevel === 'high')).toBe(true);
    const grid = await login(t.app, 'grid', 'Wangge@2026');
    const tasks = (await grid.get('/api/tasks/mine')).json().items;
    expect(tasks.some((x: any) => x.type === 'visit')).toBe(true);
  });
});
