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

  it("arrives with returnees under measures on the doctor's list and a campaign in the grid worker's inbox", async () => {
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

  it('arrives with an open testing round: a tube open at the desk, a pool positive and its people held, coverage under way', async () => {
    expect(message).toContain('Mass testing');
    const sampler = await login(t.app, 'sampler', 'Wangge@2026');
    const rounds = (await sampler.get('/api/sampling/rounds?status=open')).json().items;
    expect(rounds).toHaveLength(1);
    const roundId = rounds[0].id;
    const open = (await sampler.get(`/api/sampling/tubes?roundId=${roundId}&status=open`)).json().items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ desk: 1, bound: 6, capacity: 10 });
    const command = await login(t.app, 'command', 'Wangge@2026');
    const held = (await command.get(`/api/sampling/rounds/${roundId}/positives?status=held`)).json().items;
    expect(held).toHaveLength(10);
    const coverage = (await command.get(`/api/sampling/rounds/${roundId}/coverage`)).json();
    expect(coverage.total.sampled).toBe(56);
    expect(coverage.total.exempt).toBeGreaterThanOrEqual(1);
    expect(coverage.total.missing).toBeGreaterThan(100);
    const grid = await login(t.app, 'grid', 'Wangge@2026');
    const tasks = (await grid.get('/api/tasks/mine')).json().items;
    expect(tasks.filter((x: any) => x.type === 'sampling_retest').length).toBeGreaterThan(0);
    const points = (await command.get(`/api/sampling/rounds/${roundId}/points`)).json().items;
    const fixed = points.find((p: any) => p.kind === 'fixed');
    const plan = (await command.get(`/api/sampling/rounds/${roundId}/points/${fixed.id}/slots`)).json();
    expect(plan.plan.slots.length).toBeGreaterThan(0);
    // The county's overview shows the village's round, its held people on the red list, and the measures.
    const overview = (await command.get('/api/overview')).json();
    expect(overview.sampling).toMatchObject({ roundId, done: 56, held: 10 });
    expect(overview.children.filter((c: any) => c.sampling?.done === 56)).toHaveLength(1);
    expect(overview.attention.filter((a: any) => a.kind === 'positive_held')).toHaveLength(10);
    expect(overview.figures['measures.total']).toBeGreaterThanOrEqual(4);
  });
});
