import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScreeningFixture, ok, screeningFixture } from './test-fixture';
import { visitWriter } from './visit-writer';

/**
 * Visits from many phones at once (visit-writer.ts): written in shared transactions, yet each recorded once, a
 * resend racing its first send answered from it, and every visit audited as its own request by its own visitor.
 */
let f: ScreeningFixture;
let campaignId: number;
const households: number[] = [];

beforeAll(async () => {
  f = await screeningFixture();
  for (let i = 0; i < 30; i++) households.push((await ok(f.cadre.post('/api/households', { areaId: f.grid1.id, address: `一网格 ${i + 10} 号` }), 201)).id);
  campaignId = (
    await ok(f.admin.post('/api/screening/campaigns', { name: '高峰走访', areaId: f.grid1.id, startsOn: f.today, endsOn: f.today, lookbackDays: 14 }), 201)
  ).id;
}, 300_000);
afterAll(() => f?.t.close());

describe('visits at a rush', () => {
  it('30 phones at once, a share resent at once: each recorded once, audited as its own request, in fewer transactions', async () => {
    const bodies = households.map((householdId) => ({ clientId: randomUUID(), campaignId, householdId, outcome: 'visited', temperature: 36.5 }));
    const sends = [
      ...bodies.map((b, i) => ({ b, who: i % 2 ? f.admin : f.worker })),
      ...bodies.filter((_, i) => i % 4 === 0).map((b) => ({ b, who: f.worker })),
    ];
    const { items: itemsBefore, batches: batchesBefore } = { ...visitWriter(f.t.db).stats };
    const answers = await Promise.all(sends.map(({ b, who }) => who.post('/api/screening/visits', b)));
    expect(answers.map((a) => a.statusCode).filter((c) => c !== 200 && c !== 201)).toEqual([]);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(30);
    for (const [k, a] of answers.slice(30).entries()) expect(a.json().id).toBe(answers[k * 4].json().id);

    const ids = bodies.map((b) => b.clientId);
    const rows = await f.t.db.query<{ id: number; visited_by: number }>('SELECT id, visited_by FROM screening_visits WHERE client_id::text = ANY($1::text[])', [
      ids,
    ]);
    expect(rows).toHaveLength(30);
    const audited = await f.t.db.query<{ entity_id: string; actor_id: number; request_id: string }>(
      `SELECT entity_id, actor_id, request_id FROM audit_log WHERE entity = 'screening_visit' AND action = 'visit' AND entity_id = ANY($1::text[])`,
      [rows.map((r) => String(r.id))],
    );
    expect(audited).toHaveLength(30);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const a of audited) expect(a.actor_id).toBe(byId.get(a.entity_id)!.visited_by);
    expect(new Set(audited.map((a) => a.request_id)).size).toBe(30);
    expect(new Set(audited.map((a) => a.actor_id)).size).toBe(2);
    // Each household's visit task closed once, by its visit.
    const [open] = await f.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks k JOIN screening_targets s ON k.subject_kind = 'screening_target' AND k.subject_id = s.id
        WHERE s.campaign_id = $1 AND s.household_id = ANY($2::int[]) AND k.status IN ('open', 'in_progress')`,
      [campaignId, households],
    );
    expect(open.n).toBe(0);

    const stats = visitWriter(f.t.db).stats;
    expect(stats.items - itemsBefore).toBe(sends.length);
    expect(stats.batches - batchesBefore).toBeLessThan(sends.length);
  });
});
