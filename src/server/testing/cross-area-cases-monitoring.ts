import { login } from './harness';
import { groupInA, groupTaskInA } from './command-cases';
import { type CrossCase, type CrossEnv, PURPOSE, xlsxText } from './cross-area-kit';

/** A new draft policy set (the walk has no root-scoped user to make one through the API). */
async function draftPolicySet(e: CrossEnv): Promise<number> {
  const [{ id }] = await e.t.db.query<{ id: number }>(
    `INSERT INTO policy_sets (code, version, name_zh, name_en, effective_from, status)
     SELECT 'cross-area', COALESCE(max(version), 0) + 1, '草稿', 'Draft', '2099-01-01', 'draft' FROM policy_sets WHERE code = 'cross-area' RETURNING id`,
  );
  return id;
}

/** Cross-area cases of issue 5: the task inbox, policy, the village daily report, isolation sites, measures, follow-ups and fever alerts. */
export const MONITORING_CASES: Record<string, CrossCase> = {
  // ——— issue 5: the task inbox ———
  'GET /api/tasks/mine': async (e) => {
    await e.mon.freshTaskInA();
    // A task addressed to A's command group reaches A's user through the group, never B's.
    await groupTaskInA(e);
    return [
      { url: '/api/tasks/mine', expect: 'no-leak', control: 'marker' },
      { url: '/api/tasks/mine?all=true', expect: 'no-leak', control: 'marker' },
    ];
  },
  'GET /api/tasks': async (e) => [
    { url: '/api/tasks?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/tasks?assigneeGroupId=${(await groupTaskInA(e)).groupId}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/tasks?assigneeUserId=${e.a.userId}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/tasks?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/tasks/counts': async (e) => [
    { url: '/api/tasks/counts?by=person', expect: 'no-leak', control: 'marker' },
    { url: '/api/tasks/counts?by=area', expect: 'no-leak', control: 'marker' },
    { url: `/api/tasks/counts?under=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/tasks': async (e) => [
    { url: '/api/tasks', body: { title: '任务', areaId: e.a.village.id }, expect: 'denied' },
    { url: '/api/tasks', body: { title: '任务', areaId: e.b.village.id, assigneeUserId: e.a.userId }, expect: 'denied', control: 'none' },
    // Nor to A's command group.
    { url: '/api/tasks', body: { title: '任务', areaId: e.b.village.id, assigneeGroupId: await groupInA(e) }, expect: 'denied', control: 'none' },
  ],
  'POST /api/tasks/reassign': async (e) => [
    { url: '/api/tasks/reassign', body: { taskIds: [await e.mon.freshTaskInA()], assigneeRole: 'cadre' }, expect: 'denied' },
    { url: '/api/tasks/reassign', body: { taskIds: [await e.mon.freshTaskInA()], assigneeUserId: e.b.userId }, expect: 'denied', control: 'none' },
    { url: '/api/tasks/reassign', body: { taskIds: [(await groupTaskInA(e)).taskId], assigneeRole: 'cadre' }, expect: 'denied' },
  ],
  'POST /api/tasks/:id/start': async (e) => [{ url: `/api/tasks/${await e.mon.freshTaskInA()}/start`, expect: 'denied' }],
  'POST /api/tasks/:id/done': async (e) => [
    { url: `/api/tasks/${await e.mon.freshTaskInA()}/done`, body: { note: '好' }, expect: 'denied' },
    { url: `/api/tasks/${(await groupTaskInA(e)).taskId}/done`, body: { note: '好' }, expect: 'denied' },
  ],
  'POST /api/tasks/:id/fail': async (e) => [{ url: `/api/tasks/${await e.mon.freshTaskInA()}/fail`, body: { reason: '无人' }, expect: 'denied' }],
  'POST /api/tasks/:id/call': async (e) => [{ url: `/api/tasks/${await e.mon.freshCallTaskInA()}/call`, expect: 'denied' }],

  // ——— issue 5: policy, sites, measures, follow-ups, fever alerts ———
  // Policy sets are deployment-wide reference data: B sees them as A does, and nothing of A is in them.
  'GET /api/policy/sets': async () => [{ url: '/api/policy/sets', expect: 'no-leak', control: 'ok' }],
  'GET /api/policy/sets/:id': async (e) => {
    const [{ id }] = await e.t.db.query<{ id: number }>('SELECT min(id) AS id FROM policy_sets');
    return [{ url: `/api/policy/sets/${id}`, expect: 'no-leak', control: 'ok' }];
  },
  'POST /api/policy/evaluate': async () => [{ url: '/api/policy/evaluate', body: { situation: { contactType: 'close' } }, expect: 'no-leak', control: 'ok' }],
  // The editor's writes are root-scope only: neither B's nor A's county administrator may make them.
  'POST /api/policy/sets': async (e) => {
    const [{ id }] = await e.t.db.query<{ id: number }>('SELECT min(id) AS id FROM policy_sets');
    return [{ url: '/api/policy/sets', body: { copyOf: id }, expect: 'denied', control: 'none' }];
  },
  'PUT /api/policy/sets/:id': async (e) => [
    {
      url: `/api/policy/sets/${await draftPolicySet(e)}`,
      body: {
        rules: [
          {
            code: 'default',
            name: { zh: '其他', en: 'Otherwise' },
            when: {},
            then: { steps: [], countFrom: 'decision', testDays: [], followUpsPerDay: 0, followUpTimes: [] },
          },
        ],
      },
      expect: 'denied',
      control: 'none',
    },
  ],
  'POST /api/policy/sets/:id/publish': async (e) => [
    { url: `/api/policy/sets/${await draftPolicySet(e)}/publish`, body: { effectiveFrom: '2099-01-01' }, expect: 'denied', control: 'none' },
  ],

  // ——— issue 5: the village daily report (A's area names carry the marker) ———
  'GET /api/daily-reports': async (e) => [
    { url: `/api/daily-reports?areaId=${e.a.village.id}`, expect: 'denied', control: 'marker' },
    { url: `/api/daily-reports?areaId=${e.a.county.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/daily-reports/series': async (e) => [{ url: `/api/daily-reports/series?areaId=${e.a.county.id}&days=3`, expect: 'denied', control: 'marker' }],
  'POST /api/daily-reports/export.xlsx': async (e) => [
    { url: `/api/daily-reports/export.xlsx?areaId=${e.a.county.id}`, body: PURPOSE, readBody: xlsxText, expect: 'denied', control: 'marker' },
  ],
  'POST /api/daily-reports/submit': async (e) => [{ url: '/api/daily-reports/submit', body: { areaId: e.a.village.id, day: '2025-06-01' }, expect: 'denied' }],
  'POST /api/daily-reports/reopen': async (e) => {
    // A submits a day of its village first; B may not reopen it, A's county administrator (the level above) may.
    const a = await login(e.t.app, 'leakmark_a');
    const res = await a.post('/api/daily-reports/submit', { areaId: e.a.village.id, day: '2025-06-02' });
    if (res.statusCode !== 200) throw new Error(res.body);
    return [{ url: '/api/daily-reports/reopen', body: { areaId: e.a.village.id, day: '2025-06-02', reason: '数字有误' }, expect: 'denied' }];
  },
  // ——— the command center's overview (issue 13): a roll-up of A's areas, and the change stream ———
  'GET /api/overview': async (e) => [
    { url: '/api/overview', expect: 'no-leak', control: 'marker' },
    { url: `/api/overview?areaId=${e.a.county.id}`, expect: 'denied', control: 'marker' },
    { url: `/api/overview?areaId=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/overview/changes': async () => [{ url: '/api/overview/changes?seconds=0', expect: 'no-leak', control: 'ok' }],
  'GET /api/isolation-sites': async (e) => [
    { url: '/api/isolation-sites', expect: 'no-leak', control: 'marker' },
    { url: `/api/isolation-sites?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/isolation-sites': async (e) => [{ url: '/api/isolation-sites', body: { name: '隔离点', areaId: e.a.village.id }, expect: 'denied' }],
  'POST /api/isolation-sites/:id/rooms': async (e) => [
    { url: `/api/isolation-sites/${e.mon.siteInA.id}/rooms`, body: { rooms: [{ code: '901', capacity: 2 }] }, expect: 'denied' },
  ],
  'GET /api/measures': async (e) => [
    { url: '/api/measures?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: '/api/measures?state=active', expect: 'no-leak', control: 'marker' },
    { url: `/api/measures?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'GET /api/measures/:id': async (e) => [{ url: `/api/measures/${e.mon.measureInA}`, expect: 'denied', control: 'marker' }],
  'POST /api/measures': async (e) => {
    const situation = { contactType: 'close' };
    return [
      { url: '/api/measures', body: { residentId: await e.freshResidentInA(), situation }, expect: 'denied' },
      { url: '/api/measures', body: { residentId: await e.freshResidentInB(), situation, doctorId: e.a.userId }, expect: 'denied', control: 'none' },
      {
        url: '/api/measures',
        body: { residentId: await e.freshResidentInB(), situation, place: 'site', siteId: e.mon.siteInA.id },
        expect: 'denied',
        control: 'none',
      },
    ];
  },
  'PATCH /api/measures/:id': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('proposed')}`, body: { doctorId: null }, expect: 'denied' }],
  'POST /api/measures/:id/confirm': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('proposed')}/confirm`, expect: 'denied' }],
  'POST /api/measures/:id/cancel': async (e) => [
    { url: `/api/measures/${await e.mon.freshMeasureInA('proposed')}/cancel`, body: { reason: '误报' }, expect: 'denied' },
  ],
  'POST /api/measures/:id/start': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('confirmed')}/start`, expect: 'denied' }],
  'POST /api/measures/:id/end-date': async (e) => [
    { url: `/api/measures/${await e.mon.freshMeasureInA('active')}/end-date`, body: { endsOn: e.mon.tomorrow, reason: '调整' }, expect: 'denied' },
  ],
  'POST /api/measures/:id/release-check': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('active')}/release-check`, expect: 'denied' }],
  'POST /api/measures/:id/release': async (e) => [{ url: `/api/measures/${await e.mon.freshMeasureInA('release_check')}/release`, body: {}, expect: 'denied' }],
  'POST /api/measures/:id/transfer': async (e) => [
    {
      url: `/api/measures/${await e.mon.freshMeasureInA('active')}/transfer`,
      body: { place: 'site', siteId: e.mon.siteInA.id, roomId: e.mon.siteInA.roomId, reason: '转集中' },
      expect: 'denied',
    },
  ],
  'POST /api/measures/:id/follow-ups/generate': async (e) => [
    { url: `/api/measures/${await e.mon.freshMeasureInA('active')}/follow-ups/generate`, expect: 'denied' },
  ],
  'GET /api/follow-ups/today': async (e) => [
    { url: `/api/follow-ups/today?all=true&day=${e.mon.tomorrow}`, expect: 'no-leak', control: 'marker' },
    { url: '/api/follow-ups/today', expect: 'no-leak', control: 'ok' },
  ],
  'GET /api/follow-ups': async (e) => [
    { url: '/api/follow-ups?pageSize=200', expect: 'no-leak', control: 'marker' },
    { url: `/api/follow-ups?measureId=${e.mon.measureInA}`, expect: 'no-leak', control: 'marker' },
    { url: `/api/follow-ups?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/follow-ups/:id/record': async (e) => [
    { url: `/api/follow-ups/${await e.mon.freshFollowUpInA()}/record`, body: { temperature: 36.5 }, expect: 'denied' },
  ],
  'GET /api/fever-alerts': async (e) => [
    { url: '/api/fever-alerts', expect: 'no-leak', control: 'marker' },
    { url: `/api/fever-alerts?under=${e.a.village.id}`, expect: 'denied', control: 'marker' },
  ],
  'POST /api/fever-alerts/:id/resolve': async (e) => [
    { url: `/api/fever-alerts/${await e.mon.freshAlertInA()}/resolve`, body: { resolution: 'false_alarm' }, expect: 'denied' },
  ],
};
