import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScreeningFixture, ok, screeningFixture } from './test-fixture';
import { plainVisitWriter } from './visit-writer';

/**
 * Visits from many phones at once (visit-writer.ts): the plain ones written by one statement per batch, yet each
 * recorded once, a resend racing its first send answered from it, and every visit audited as its own request by its
 * own visitor; in a batch mixing every outcome, each answered its own.
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
    const { items: itemsBefore, batches: batchesBefore } = { ...plainVisitWriter(f.t.db).stats };
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

    const stats = plainVisitWriter(f.t.db).stats;
    expect(stats.items - itemsBefore).toBe(sends.length);
    expect(stats.batches - batchesBefore).toBeLessThan(sends.length);
  });

  it('a batch mixing outcomes answers each its own: out of scope, a stranger with the fever, a fever alert, two visits of one household', async () => {
    const [{ parent_id: villageId }] = await f.t.db.query<{ parent_id: number }>('SELECT parent_id FROM areas WHERE id = $1', [f.grid1.id]);
    const village = (
      await ok(f.admin.post('/api/screening/campaigns', { name: '全村走访', areaId: villageId, startsOn: f.today, endsOn: f.today, lookbackDays: 14 }), 201)
    ).id as number;
    const visit = (householdId: number, extra: Record<string, unknown> = {}) => ({
      clientId: randomUUID(),
      campaignId: village,
      householdId,
      outcome: 'visited',
      ...extra,
    });
    const plain = visit(f.hh.h1, { temperature: 36.4, symptoms: ['fatigue'], needs: ['medicine'], note: '老人独居' });
    const sends = [
      { who: f.worker, b: plain },
      // h3 lies in the second grid, outside the grid worker's.
      { who: f.worker, b: visit(f.hh.h3) },
      // 孙三 lives in h3, not h2.
      { who: f.worker, b: visit(f.hh.h2, { temperature: 36.6, feverResidentId: f.people['孙三'] }) },
      { who: f.admin, b: visit(f.hh.h2, { temperature: 38.6, feverResidentId: f.people['钱二'] }) },
      { who: f.admin, b: visit(f.hh.h3, { outcome: 'refused' }) },
      { who: f.admin, b: visit(f.hh.h3) },
    ];
    const answers = await Promise.all(sends.map(({ who, b }) => who.post('/api/screening/visits', b)));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 404, 400, 201, 201, 201]);
    expect(Object.keys(answers[2].json().error.fields)).toEqual(['feverResidentId']);
    const written = answers[0].json();
    expect(written).toMatchObject({
      householdId: f.hh.h1,
      outcome: 'visited',
      temperature: 36.4,
      symptoms: ['fatigue'],
      needs: ['medicine'],
      note: '老人独居',
    });
    expect(written).toMatchObject({ areaName: '一网格', rosterConfirmed: false, alertId: null, revisitTaskId: null });
    // The fever found at the door raised its alert (written in full), to the command center among others.
    const alertId = answers[3].json().alertId as number;
    expect(alertId).toBeGreaterThan(0);
    const [alert] = await f.t.db.query<{ resident_id: number }>('SELECT resident_id FROM fever_alerts WHERE id = $1', [alertId]);
    expect(alert.resident_id).toBe(f.people['钱二']);

    const targets = await f.t.db.query<{ household_id: number; attempts: number; last_outcome: string; visited: boolean }>(
      'SELECT household_id, attempts, last_outcome, visited_at IS NOT NULL AS visited FROM screening_targets WHERE campaign_id = $1 AND household_id = ANY($2::int[]) ORDER BY household_id',
      [village, [f.hh.h1, f.hh.h2, f.hh.h3]],
    );
    expect(targets.map((r) => [r.household_id, r.attempts, r.visited])).toEqual([
      [f.hh.h1, 1, true],
      [f.hh.h2, 1, true],
      [f.hh.h3, 2, true],
    ]);
    const [{ open }] = await f.t.db.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM tasks k JOIN screening_targets s ON k.subject_kind = 'screening_target' AND k.subject_id = s.id
        WHERE s.campaign_id = $1 AND s.household_id = ANY($2::int[]) AND k.status IN ('open', 'in_progress')`,
      [village, [f.hh.h1, f.hh.h2, f.hh.h3]],
    );
    expect(open).toBe(0);
    const [audit] = await f.t.db.query<{ after: Record<string, unknown>; actor_id: number }>(
      `SELECT after, actor_id FROM audit_log WHERE entity = 'screening_visit' AND entity_id = $1`,
      [String(written.id)],
    );
    expect(audit.after).toMatchObject({ clientId: plain.clientId, householdId: f.hh.h1, outcome: 'visited', temperature: 36.4, needs: ['medicine'] });

    // The same phone id again: its record; for another household: refused; once the campaign is closed, a new visit is refused.
    const again = await ok(f.worker.post('/api/screening/visits', plain), 200);
    expect(again.id).toBe(written.id);
    const reused = await f.worker.post('/api/screening/visits', { ...plain, householdId: f.hh.h2 });
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, 'VISIT_ID_REUSED']);
    await f.t.db.query(`UPDATE screening_campaigns SET status = 'closed' WHERE id = $1`, [village]);
    const closed = await f.worker.post('/api/screening/visits', visit(f.hh.h2));
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'CAMPAIGN_CLOSED']);
    expect((await ok(f.worker.post('/api/screening/visits', plain), 200)).id).toBe(written.id);
  });
});
