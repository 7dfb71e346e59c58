import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InspectionsFixture, inspectionsFixture, ok, villageResults } from './test-fixture';
import { escalateOverdue } from './orders';

/** Rectification (整改): orders, deadlines by severity, the unit's report, re-inspection, escalation (督办) under a fake clock. */
let f: InspectionsFixture;
beforeAll(async () => {
  f = await inspectionsFixture();
});
afterAll(() => f.t.close());

const HOUR = 3_600_000;
const tasksOf = (kind: string, id: number) =>
  f.t.db.query<{ id: number; type: string; status: string; assignee_role: string | null; assignee_user_id: number | null; area_id: number }>(
    'SELECT id, type, status, assignee_role, assignee_user_id, area_id FROM tasks WHERE subject_kind = $1 AND subject_id = $2 ORDER BY id',
    [kind, id],
  );

async function inspectWithFailures(at: Date, failed: string[]) {
  const target = (await f.inspector.post('/api/inspections/targets', { kind: 'village', areaId: f.villages.甲一.id })).json().id;
  const fails: Record<string, number[]> = {};
  for (const code of failed) fails[code] = [await f.photo(f.inspector)];
  return ok(
    f.inspector.post('/api/inspections/inspections', { mode: 'unannounced', targetId: target, inspectedAt: at.toISOString(), results: villageResults(fails) }),
    201,
  );
}

describe('rectification orders', () => {
  it('each failed item makes an order with its severity’s deadline, in the unit’s inbox', async () => {
    const at = new Date(Date.now() - 2 * HOUR);
    const i = await inspectWithFailures(at, ['gathering', 'roster', 'publicity']);
    const by = Object.fromEntries(
      i.orders.map((o: { itemCode: string; deadlineAt: string }) => [o.itemCode, (Date.parse(o.deadlineAt) - at.getTime()) / HOUR]),
    );
    expect(by).toEqual({ gathering: 24, roster: 72, publicity: 168 });
    const mine = await ok(f.villageCadre.get('/api/tasks/mine?all=true'));
    const titles = mine.items.filter((t: { type: string }) => t.type === 'inspection_rectify').map((t: { title: string }) => t.title);
    expect(titles).toContain('督导整改：甲一村 · 无聚集性活动（红白喜事、聚餐、打牌）');
  });

  it('the inbox refuses to close a rectification task; only a re-inspection closes the order', async () => {
    const i = await inspectWithFailures(new Date(Date.now() - HOUR), ['disinfection']);
    const orderId = i.orders[0].id;
    const [task] = await tasksOf('inspection_rectification', orderId);
    const done = await f.villageCadre.post(`/api/tasks/${task.id}/done`, {});
    expect(done.statusCode).toBe(409);
    expect(done.json().error).toMatchObject({ code: 'TASK_NEEDS_REINSPECTION' });

    // Reporting needs a photo of the fix.
    const bare = await f.villageCadre.post(`/api/inspections/rectifications/${orderId}/report`, { note: '已整改', photoIds: [] });
    expect(bare.json().error.code).toBe('INSPECTIONS_REPORT_PHOTO');
    const reported = await ok(
      f.villageCadre.post(`/api/inspections/rectifications/${orderId}/report`, { note: '已消杀', photoIds: [await f.photo(f.villageCadre)] }),
    );
    expect(reported).toMatchObject({ status: 'reported', reportNote: '已消杀', reportedByName: 'insp_village 显示名' });
    expect(reported.reportPhotos).toHaveLength(1);
    expect(reported.failPhotos).toHaveLength(1);
    expect((await tasksOf('inspection_rectification', orderId)).map((t) => t.status)).toEqual(['done']);
    const [re] = await tasksOf('inspection_reinspection', orderId);
    expect(re).toMatchObject({ type: 'inspection_reinspect', status: 'open', assignee_user_id: f.inspector.userId });
    // The re-inspection task cannot be ticked off either.
    expect((await f.inspector.post(`/api/tasks/${re.id}/done`, {})).json().error.code).toBe('TASK_NEEDS_REINSPECTION');

    // Not fixed: a photo of what is still wrong, and the order goes back to the unit's inbox.
    expect((await f.inspector.post(`/api/inspections/rectifications/${orderId}/reinspect`, { passed: false })).json().error.code).toBe(
      'INSPECTIONS_PHOTO_REQUIRED',
    );
    const back = await ok(
      f.inspector.post(`/api/inspections/rectifications/${orderId}/reinspect`, { passed: false, note: '仍未消杀', photoIds: [await f.photo(f.inspector)] }),
    );
    expect(back).toMatchObject({ status: 'open', reinspections: 1, closedAt: null });
    expect((await tasksOf('inspection_rectification', orderId)).map((t) => t.status)).toEqual(['done', 'open']);

    await ok(f.villageCadre.post(`/api/inspections/rectifications/${orderId}/report`, { photoIds: [await f.photo(f.villageCadre)] }));
    const closed = await ok(f.inspector.post(`/api/inspections/rectifications/${orderId}/reinspect`, { passed: true, note: '已整改到位' }));
    expect(closed).toMatchObject({ status: 'closed', reinspections: 2, reinspectedByName: 'insp_inspector 显示名' });
    expect(closed.closedAt).not.toBeNull();
    expect(
      (await f.villageCadre.post(`/api/inspections/rectifications/${orderId}/report`, { photoIds: [await f.photo(f.villageCadre)] })).json().error.code,
    ).toBe('INSPECTIONS_ORDER_CLOSED');
    const trail = await f.t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'inspection_rectification' AND entity_id = $1 ORDER BY id`,
      [String(orderId)],
    );
    expect(trail.map((r) => r.action)).toEqual(['report', 'reinspect', 'report', 'reinspect']);
  });

  it('whoever reported the fix may not re-inspect it', async () => {
    const i = await inspectWithFailures(new Date(Date.now() - HOUR), ['publicity']);
    const orderId = i.orders[0].id;
    // The inspector (a cadre of the town) reports it as the unit too: the check would be their own word.
    await ok(f.inspector.post(`/api/inspections/rectifications/${orderId}/report`, { photoIds: [await f.photo(f.inspector)] }));
    const own = await f.inspector.post(`/api/inspections/rectifications/${orderId}/reinspect`, { passed: true });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('INSPECTIONS_SELF_REINSPECT');
    await ok(f.command.post(`/api/inspections/rectifications/${orderId}/reinspect`, { passed: true }));
  });

  it('a unit above the target is accepted; one beside it is refused', async () => {
    const target = (await f.inspector.post('/api/inspections/targets', { kind: 'village', areaId: f.villages.甲一.id })).json().id;
    const body = (areaId: number) => ({
      mode: 'unannounced',
      targetId: target,
      results: villageResults(),
      responsible: { areaId },
    });
    expect((await f.inspector.post('/api/inspections/inspections', body(f.villages.甲二.id))).json().error.code).toBe('INSPECTIONS_UNIT_OUTSIDE');
    await ok(f.inspector.post('/api/inspections/inspections', body(f.towns.甲.id)), 201);
  });
});

describe('escalation (督办) with a fake clock', () => {
  it('an order past its deadline goes once to the command center of the level above the unit; a closed one never', async () => {
    await f.t.db.query(`UPDATE inspection_rectifications SET escalated_at = now() WHERE escalated_at IS NULL`);
    const at = new Date('2026-11-02T01:00:00Z');
    const i = await inspectWithFailures(at, ['duty', 'roster']);
    const [critical, major] = i.orders;
    expect(critical.itemCode).toBe('duty');

    // 23 hours on: nothing is late.
    expect(await escalateOverdue(f.t.db, new Date(at.getTime() + 23 * HOUR))).toBe(0);
    // 25 hours on: the critical order (24 h) is late, the major (72 h) is not.
    expect(await escalateOverdue(f.t.db, new Date(at.getTime() + 25 * HOUR))).toBe(1);
    const [task] = await tasksOf('inspection_escalation', critical.id);
    expect(task).toMatchObject({ type: 'inspection_escalation', assignee_role: 'command', area_id: f.towns.甲.id, status: 'open' });
    // Once only.
    expect(await escalateOverdue(f.t.db, new Date(at.getTime() + 26 * HOUR))).toBe(0);

    // The major one is reported done in time but not re-inspected: still open work, escalated at 73 h.
    await ok(f.villageCadre.post(`/api/inspections/rectifications/${major.id}/report`, { photoIds: [await f.photo(f.villageCadre)] }));
    expect(await escalateOverdue(f.t.db, new Date(at.getTime() + 73 * HOUR))).toBe(1);
    const [row] = await f.t.db.query<{ escalated_to_area_id: number }>('SELECT escalated_to_area_id FROM inspection_rectifications WHERE id = $1', [major.id]);
    expect(row.escalated_to_area_id).toBe(f.towns.甲.id);
    const [audit] = await f.t.db.query<{ actor_name: string }>(
      `SELECT actor_name FROM audit_log WHERE entity = 'inspection_rectification' AND action = 'escalate' AND entity_id = $1`,
      [String(critical.id)],
    );
    expect(audit.actor_name).toBe('inspections.escalate');

    // Closing by re-inspection ends the escalation task too.
    await ok(f.command.post(`/api/inspections/rectifications/${critical.id}/reinspect`, { passed: true }));
    expect((await tasksOf('inspection_escalation', critical.id)).map((t) => t.status)).toEqual(['done']);
    const all = await ok(f.command.get('/api/inspections/rectifications'));
    expect(all.total).toBeGreaterThan(2);
    expect(all.items[0].overdue).toBe(true);
    const board = await ok(f.command.get('/api/inspections/rectifications?status=overdue'));
    expect(board.items.map((o: { id: number }) => o.id)).toContain(major.id);
    expect(board.items.map((o: { id: number }) => o.id)).not.toContain(critical.id);
  });
});
