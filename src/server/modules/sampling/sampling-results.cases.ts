import { describe, expect, it } from 'vitest';
import { login } from '../../testing/harness';
import { RETEST_HOURS } from '../../../domain/sampling/rules';
import { multipartBody, readXlsx } from '../../testing/sheets';
import { ID, P, admin, bind, desk, g1, g2, idNumber, openTube, pointId, roundId, t, town, village, village2 } from './sampling-world';

/** The story's second part: lab results and trace-back, exemptions, coverage (the hand-computed fixture), home sampling. */
export function resultCases() {
  describe('lab results and trace-back', () => {
    it('applies results once, lists unknown tubes and conflicts, and traces a positive pool back', async () => {
      const testedAt = '2026-11-01T10:00:00+08:00';
      const res = await admin.post('/api/sampling/results', {
        results: [
          { barcode: 'SX00000002', result: 'positive', testedAt, lab: '县疾控' },
          { barcode: 'SX00000003', result: 'negative', testedAt, lab: '县疾控' },
          { barcode: 'UNKNOWN001', result: 'negative', testedAt, lab: '县疾控' },
          { barcode: '??', result: 'negative', testedAt, lab: '县疾控' },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        received: 4,
        applied: 2,
        already: 0,
        unknown: ['UNKNOWN001'],
        invalidRows: [{ row: 4, problem: 'barcode' }],
        positives: { tubes: 1, flagged: 4, tasks: 5 },
      });
      const again = await admin.post('/api/sampling/results', {
        results: [
          { barcode: 'SX00000002', result: 'positive', testedAt, lab: '县疾控' },
          { barcode: 'SX00000003', result: 'positive', testedAt, lab: '县疾控' },
        ],
      });
      expect(again.json()).toMatchObject({
        applied: 0,
        already: 1,
        conflicts: [{ barcode: 'SX00000003', stored: 'negative', received: 'positive' }],
        positives: { flagged: 0, tasks: 0 },
      });

      const board = (await admin.get(`/api/sampling/rounds/${roundId}/positives`)).json().items;
      expect(board).toHaveLength(4);
      expect(board.every((f: { status: string; tubeBarcode: string }) => f.status === 'held' && f.tubeBarcode === 'SX00000002')).toBe(true);
      expect(board.find((f: { residentId: number }) => f.residentId === P.A).gridWorkers).toEqual(['gw1 显示名']);
      const tasks = await t.db.query<{ type: string; assignee_role: string; subject_kind: string; status: string }>(
        "SELECT type, assignee_role, subject_kind, status FROM tasks WHERE type = 'sampling_retest' ORDER BY id",
      );
      expect(tasks.filter((x) => x.assignee_role === 'grid_worker')).toHaveLength(4);
      expect(tasks.filter((x) => x.assignee_role === 'command')).toHaveLength(1);
      // The tube's task for the command counts its people; each person's names them; both urgent, due within the retest window.
      const titled = await t.db.query<{ title_key: string; title_params: Record<string, unknown>; priority: string; hours: number }>(
        `SELECT title_key, title_params, priority, extract(epoch FROM due_at - created_at) / 3600 AS hours FROM tasks
          WHERE type = 'sampling_retest' ORDER BY title_key, title_params->>'name'`,
      );
      expect(titled.map((x) => x.title_key)).toEqual(['positiveTube', 'retestPerson', 'retestPerson', 'retestPerson', 'retestPerson']);
      expect(titled[0].title_params).toEqual({ barcode: 'SX00000002', count: 4 });
      expect(titled[1].title_params).toMatchObject({ barcode: 'SX00000002', name: expect.stringContaining('居民') });
      expect(titled.every((x) => x.priority === 'urgent' && Math.abs(Number(x.hours) - RETEST_HOURS) < 0.1)).toBe(true);
      const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity = 'sampling_flag' AND action = 'flag'");
      expect(n).toBe(4);
      // The grid worker of 一网格 sees A's retest in the inbox.
      const gw = await login(t.app, 'gw1');
      const mine = (await gw.get('/api/tasks/mine')).json().items;
      expect(mine.some((x: { title: string }) => x.title.includes('居民A'))).toBe(true);
      // Its card names the person through the flag, with where they live and a masked number at most.
      const retest = mine.find((x: { type: string; person: { residentId: number } | null }) => x.type === 'sampling_retest' && x.person?.residentId === P.A);
      expect(retest.person).toMatchObject({ residentId: P.A, name: expect.stringContaining('居民A'), canCall: expect.any(Boolean) });
      expect(retest.person.phone ?? '').not.toMatch(/^\d{11}$/);
    });

    it('a single-tube retest closes the loop: negative → cleared, its task done', async () => {
      const single = await openTube('RETEST0001', 1, 3);
      const res = await bind(single.id, { residentId: P.A });
      expect(res.json()).toMatchObject({ full: true, bindings: [{ seq: 1 }] });
      expect(res.json().bindings[0].duplicate).not.toBeNull();
      await desk.post(`/api/sampling/tubes/${single.id}/close`, {});
      const out = await admin.post('/api/sampling/results', {
        results: [{ barcode: 'RETEST0001', result: 'negative', testedAt: '2026-11-02T09:00:00+08:00', lab: '县疾控' }],
      });
      expect(out.json().positives).toMatchObject({ closed: 1, flagged: 0 });
      const board = (await admin.get(`/api/sampling/rounds/${roundId}/positives?status=cleared`)).json().items;
      expect(board.map((f: { residentId: number }) => f.residentId)).toEqual([P.A]);
      const [task] = await t.db.query<{ status: string }>(
        "SELECT t.status FROM tasks t JOIN sampling_flags f ON f.id = t.subject_id AND t.subject_kind = 'sampling_flag' WHERE f.resident_id = $1",
        [P.A],
      );
      expect(task.status).toBe('done');
    });

    it('imports a csv lab file the same way (idempotent, unknown listed)', async () => {
      const csv =
        '检测结果汇总\n管码,检测结果,检测时间,检测机构\nPOOL5TUBE1,阴性,2026-11-01 11:00,县疾控\nNOSUCHTUBE,阴性,2026-11-01 11:00,县疾控\nHOUSEHOLD1,?,2026-11-01 11:00,县疾控\n';
      const send = () => {
        const file = multipartBody('结果.csv', Buffer.from(csv));
        return admin.request({ method: 'POST', url: '/api/sampling/results/import', payload: file.payload, headers: file.headers });
      };
      const first = await send();
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ received: 3, applied: 1, unknown: ['NOSUCHTUBE'], invalidRows: [{ row: 5, problem: 'result' }] });
      const [tube] = await t.db.query(
        "SELECT s.result, s.tested_at FROM sampling_results s JOIN sampling_tubes t ON t.id = s.tube_id WHERE t.barcode = 'POOL5TUBE1'",
      );
      expect(tube.result).toBe('negative');
      expect(new Date(tube.tested_at).toISOString()).toBe('2026-11-01T03:00:00.000Z');
      expect((await send()).json()).toMatchObject({ applied: 0, already: 1 });
    });

    it('says which of a lab file’s forms it cannot take: blank lines, no barcode column, or a header and nothing else', async () => {
      const send = (csv: string) => {
        const file = multipartBody('结果.csv', Buffer.from(csv));
        return admin.request({ method: 'POST', url: '/api/sampling/results/import', payload: file.payload, headers: file.headers });
      };
      const blank = await send('\n\n  \n');
      expect(blank.statusCode, blank.body).toBe(400);
      expect(blank.json().error.code).toBe('IMPORT_NO_DATA');
      const noBarcode = await send('姓名,检测结果\n张三,阴性\n');
      expect(noBarcode.statusCode, noBarcode.body).toBe(400);
      expect(noBarcode.json().error.code).toBe('IMPORT_UNKNOWN_HEADER');
      const headerOnly = await send('管码,检测结果,检测时间,检测机构\n');
      expect(headerOnly.statusCode, headerOnly.body).toBe(200);
      expect(headerOnly.json()).toMatchObject({ received: 0, applied: 0, invalidRows: [] });
    });

    it('answers a tube sent twice in one file from its first row, and one stored already from the database', async () => {
      await openTube('FILETWICE1', 10, 3);
      const csv =
        '管码,检测结果,检测时间,检测机构\nFILETWICE1,阴性,2026-11-01 12:00,县疾控\nfiletwice1,阴性,2026-11-01 12:00,县疾控\nFILETWICE1,阳性,2026-11-01 12:00,县疾控\nSX00000003,阳性,2026-11-01 12:00,县疾控\n';
      const file = multipartBody('结果.csv', Buffer.from(csv));
      const res = await admin.request({ method: 'POST', url: '/api/sampling/results/import', payload: file.payload, headers: file.headers });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        received: 4,
        applied: 1,
        already: 1,
        unknown: [],
        conflicts: [
          { barcode: 'FILETWICE1', stored: 'negative', received: 'positive' },
          { barcode: 'SX00000003', stored: 'negative', received: 'positive' },
        ],
        positives: { tubes: 0, flagged: 0, tasks: 0 },
      });
      const [{ n }] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM sampling_results s JOIN sampling_tubes t ON t.id = s.tube_id WHERE t.barcode = 'FILETWICE1' AND s.result = 'negative'",
      );
      expect(n).toBe(1);
    });
  });

  describe('exemptions and coverage', () => {
    it('records exemptions by the round rules', async () => {
      const away = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.F, kind: 'away' });
      expect(away.statusCode).toBe(422);
      expect(away.json().error.code).toBe('EXEMPTION_RULE');
      const tooYoung = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.D, kind: 'elderly' });
      expect(tooYoung.json().error.code).toBe('EXEMPTION_RULE');
      const c = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.C, kind: 'elderly', detail: '行动不便' });
      expect(c.statusCode, c.body).toBe(201);
      expect((await admin.post('/api/sampling/exemptions', { roundId, residentId: P.C, kind: 'bedridden' })).json().error.code).toBe('EXEMPTION_EXISTS');
      const f = await admin.post('/api/sampling/exemptions', { roundId, residentId: P.F, kind: 'away', detail: '郑州' });
      expect(f.statusCode).toBe(201);
      expect((await admin.post(`/api/sampling/exemptions/${f.json().id}/revoke`, {})).statusCode).toBe(200);
      const list = (await admin.get(`/api/sampling/rounds/${roundId}/exemptions`)).json().items;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ residentId: P.C, kind: 'elderly', name: '居*C' });
    });

    it('coverage equals the hand-computed fixture', async () => {
      // 东村 on 2026-11-01 — 一网格: A sampled, B removed (missing), C exempt (elderly), K exempt (under 3);
      // 二网格: D sampled, E sampled twice (counted once), F missing (exemption revoked), X moved in later (not due);
      // the village itself: Y sampled by ID number.
      const res = await admin.get(`/api/sampling/rounds/${roundId}/coverage?under=${village.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.total).toEqual({ roster: 8, due: 6, sampled: 4, exempt: 2, missing: 2, rate: 0.6667 });
      const by = Object.fromEntries(body.items.map((i: { name: string }) => [i.name, i]));
      expect(by['一网格']).toMatchObject({ areaId: g1.id, roster: 4, due: 2, sampled: 1, exempt: 2, missing: 1, rate: 0.5 });
      expect(by['二网格']).toMatchObject({ areaId: g2.id, roster: 3, due: 3, sampled: 2, exempt: 0, missing: 1, rate: 0.6667 });
      expect(by['东村']).toMatchObject({ areaId: null, roster: 1, due: 1, sampled: 1, missing: 0, rate: 1 });

      const town_ = (await admin.get(`/api/sampling/rounds/${roundId}/coverage`)).json();
      expect(town_.area.id).toBe(town.id);
      // 西村: p1–p6 and q1, q2 all sampled.
      expect(town_.items.find((i: { name: string }) => i.name === '西村')).toMatchObject({ roster: 8, sampled: 8, missing: 0 });

      const missing = (await admin.get(`/api/sampling/rounds/${roundId}/coverage/missing?under=${village.id}`)).json();
      expect(missing.total).toBe(2);
      expect(missing.items.map((m: { residentId: number }) => m.residentId).sort()).toEqual([P.B, P.F].sort());
      const b = missing.items.find((m: { residentId: number }) => m.residentId === P.B);
      expect(b).toMatchObject({ name: '居*B', areaName: '一网格', gridWorkers: ['gw1 显示名'] });
      expect(b.idNumber).toMatch(/^411\*+\d{3}[\dX]$/);
    });

    it('exports the coverage and the masked missing list as .xlsx, audited', async () => {
      const exportUrl = `/api/sampling/rounds/${roundId}/coverage.xlsx?under=${village.id}`;
      expect((await admin.get(exportUrl)).statusCode).toBe(404);
      expect((await admin.post(exportUrl, { purpose: 'ab' })).statusCode).toBe(400);
      const res = await admin.post(exportUrl, { purpose: '督促未采人员' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = await readXlsx(res.rawPayload);
      const figures = book['应检尽检'].filter((r) => r.some((c) => c));
      expect(figures.at(-2)).toEqual(['合计', '8', '6', '4', '2', '2', '66.7%']);
      expect(figures.at(-1)![0]).toContain('用途：督促未采人员');
      const rows = book['未采名单'].slice(1).filter((r) => r.some((c) => c) && !r[0].startsWith('导出人'));
      expect(rows.map((r) => r[0]).sort()).toEqual(['居*B', '居*F']);
      expect(rows.find((r) => r[0] === '居*B')![4]).toBe('gw1 显示名');
      expect(rows.every((r) => !r[1].includes(ID.B.slice(6, 14)))).toBe(true);
      const [a] = await t.db.query("SELECT after FROM audit_log WHERE entity = 'sampling_coverage' AND action = 'export'");
      expect(a.after).toMatchObject({ areaId: village.id, missingRows: 2, purpose: '督促未采人员' });
    });

    it('charts the round by hour: rostered people first sampled in each hour, running total', async () => {
      const res = await admin.get(`/api/sampling/rounds/${roundId}/coverage/hours?under=${village.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as { hour: string; sampled: number; cumulative: number }[];
      // All bound within this test run: A, D, E (once), Y — the four sampled of the fixture.
      expect(items.at(-1)!.cumulative).toBe(4);
      expect(items.every((i) => /^\d{4}-\d{2}-\d{2}T\d{2}:00$/.test(i.hour))).toBe(true);
    });

    it('a grid worker sees the coverage of their grid only', async () => {
      const gw = await login(t.app, 'gw2');
      const res = (await gw.get(`/api/sampling/rounds/${roundId}/coverage`)).json();
      expect(res.area.id).toBe(g2.id);
      expect(res.total).toMatchObject({ roster: 3, sampled: 2, missing: 1 });
    });

    it('plans staggered slots for the point from the due roster, beside the lower bound', async () => {
      const res = await desk.get(`/api/sampling/rounds/${roundId}/points/${pointId}/slot-plan`);
      expect(res.statusCode, res.body).toBe(200);
      const plan = res.json();
      // Due at 东村广场 (serving 东村 and 西村): A, B, D, E, F, Y and the eight of 西村 — C exempt, K under 3, X not yet moved in.
      expect(plan).toMatchObject({ people: 14, slotMinutes: 15, capacityPerSlot: 60, lowerBoundMinutes: 4, planMinutes: 15, withinHours: true });
      expect(plan.slots).toHaveLength(1);
      expect(Object.fromEntries(plan.slots[0].units.map((u: { name: string; people: number }) => [u.name, u.people]))).toEqual({
        东村: 1,
        一网格: 2,
        二网格: 3,
        西村: 8,
      });
      expect((await desk.get(`/api/sampling/rounds/${roundId}/points/${pointId}/slot-plan?targetWaitMinutes=1`)).statusCode).toBe(400);
    });

    it('makes home-sampling tasks once for the home-bound, done when they are bound', async () => {
      const res = await admin.post('/api/residents', {
        householdId: P.h2,
        name: '居民H',
        idType: 'resident_id',
        idNumber: idNumber('1950-01-01', 555),
        movedInOn: '2025-01-01',
        groups: ['bedridden'],
      });
      expect(res.statusCode, res.body).toBe(201);
      P.H = res.json().id;
      // C (80+) is exempt, so only H: bedridden, not sampled.
      const first = await admin.post(`/api/sampling/rounds/${roundId}/home-sampling`, { under: village.id });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ created: 1, items: [{ residentId: P.H, reason: 'home_bound', name: '居*H' }] });
      expect((await admin.post(`/api/sampling/rounds/${roundId}/home-sampling`, { under: village.id })).json().created).toBe(0);
      const tube = await openTube('HOME000001', 1, 4);
      expect((await bind(tube.id, { residentId: P.H })).statusCode).toBe(201);
      const [task] = await t.db.query<{ status: string; assignee_role: string }>(
        "SELECT status, assignee_role FROM tasks WHERE type = 'home_sampling' AND subject_id = $1",
        [P.H],
      );
      expect(task).toEqual({ status: 'done', assignee_role: 'sampler' });
    });

    it('warns when a person of a single-tube group is bound into a pooled tube', async () => {
      const r2 = await admin.post('/api/sampling/rounds', {
        name: '第二轮',
        areaId: town.id,
        startsOn: '2026-11-05',
        endsOn: '2026-11-05',
        rosterDate: '2026-11-05',
        poolDefault: 10,
        poolRules: [
          { groups: ['bedridden'], size: 1 },
          { areaId: village2.id, size: 20 },
        ],
      });
      expect(r2.statusCode, r2.body).toBe(201);
      const id2 = r2.json().id;
      await admin.post(`/api/sampling/rounds/${id2}/status`, { status: 'open' });
      const p2 = (await admin.post(`/api/sampling/rounds/${id2}/points`, { name: '西村点', areaId: village2.id })).json().id;
      const tube = await desk.post('/api/sampling/tubes', { roundId: id2, pointId: p2, barcode: 'ROUND2T001' });
      expect(tube.json().capacity).toBe(20); // the point's area rule
      const h = await bind(tube.json().id, { residentId: P.H });
      expect(h.json().bindings[0].poolSize).toEqual({ required: 1, tube: 20 });
      const q = await bind(tube.json().id, { residentId: P.p1 });
      expect(q.json().bindings[0].poolSize).toBeNull();
    });

    it('an invalid tube does not count: its people are missing again until sampled anew', async () => {
      const g2Of = async () =>
        (await admin.get(`/api/sampling/rounds/${roundId}/coverage?under=${village.id}`)).json().items.find((i: { name: string }) => i.name === '二网格');
      const before = await g2Of();
      const tube = await openTube('INVALID001', 10, 2);
      expect((await bind(tube.id, { residentId: P.F })).statusCode).toBe(201);
      await desk.post(`/api/sampling/tubes/${tube.id}/close`, {});
      const bound = await g2Of();
      expect(bound).toMatchObject({ sampled: before.sampled + 1, missing: before.missing - 1 });
      await admin.post('/api/sampling/results', {
        results: [{ barcode: 'INVALID001', result: 'invalid', testedAt: '2026-11-02T10:00:00+08:00', lab: '县疾控' }],
      });
      expect(await g2Of()).toMatchObject({ sampled: before.sampled, missing: before.missing });
      const missing = (await admin.get(`/api/sampling/rounds/${roundId}/coverage/missing?under=${g2.id}`)).json().items;
      expect(missing.map((m: { residentId: number }) => m.residentId)).toContain(P.F);
      // Sampled anew: no duplicate warning for a tube that did not count.
      const again = await openTube('INVALID002', 10, 2);
      expect((await bind(again.id, { residentId: P.F })).json().bindings[0].duplicate).toBeNull();
      expect(await g2Of()).toMatchObject({ sampled: before.sampled + 1, missing: before.missing - 1 });
    });
  });
}
