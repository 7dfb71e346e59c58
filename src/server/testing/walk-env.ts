import { type Agent, type TestApp, login, makeArea, makeUser, testApp } from './harness';
import type { AreaRow } from '../modules/areas';
import { areaRepo, areasChanged } from '../modules/areas';
import { createTasks } from '../modules/tasks';
import { type CrossEnv, MARK } from './cross-area-cases';
import { idNumberFor as idFor } from './factories';
import { multipartBody } from './sheets';

/**
 * The world both route walks run in (cross-area.test.ts: nothing of A leaks to B; fuzz.test.ts: bad input
 * never a 500): a city with two counties A and B, each with a town and a village, an administrator of each,
 * and records of every kind in A named with the marker — residents, an import, party organisations,
 * volunteers, teams, deployments, enlistments, tasks, measures with follow-ups and a fever alert.
 */
let t: TestApp;
let env: CrossEnv;
let n = 0;

export async function buildWalkEnv(): Promise<{ t: TestApp; env: CrossEnv; snapshotOfA: () => Promise<string> }> {
  // Each request signs in afresh; lift the per-address login throttle for this walk.
  t = await testApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: 100_000 });
  await t.db.query("UPDATE areas SET kind = 'city' WHERE id = $1", [t.root.id]);
  areasChanged(t.db);
  const aCounty = await makeArea(t.db, t.root, `甲县${MARK}`, 'county');
  const bCounty = await makeArea(t.db, t.root, '乙县', 'county');
  const aTown = await makeArea(t.db, aCounty, `甲镇${MARK}`, 'town');
  const bTown = await makeArea(t.db, bCounty, '乙镇', 'town');
  const aVillage = await makeArea(t.db, aTown, `甲村${MARK}`, 'village');
  const bVillage = await makeArea(t.db, bTown, '乙村', 'village');
  const aUser = await makeUser(t.db, 'leakmark_a', ['admin'], aCounty);
  const bUser = await makeUser(t.db, 'admin_b', ['admin'], bCounty);
  // A's records leave traces in the audit trail too.
  const a = await login(t.app, 'leakmark_a');
  const b = await login(t.app, 'admin_b');
  await a.post('/api/areas', { parentId: aVillage.id, name: `审计网格${MARK}`, kind: 'grid' });
  const householdInA = (await a.post('/api/households', { areaId: aVillage.id, address: `${MARK}小区 1号楼 101`, phone: '13900001111' })).json().id;
  const householdInB = (await b.post('/api/households', { areaId: bVillage.id, address: '乙小区 1号楼 101' })).json().id;
  const resident = async (agent: typeof a, householdId: number, name: string) => {
    const res = await agent.post('/api/residents', { householdId, name, idType: 'none', phone: '13912345678', movedInOn: '2025-01-01' });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as number;
  };
  await resident(a, householdInA, `${MARK}居民`);
  // A pair of possible duplicates (same name, same phone) for the duplicate review.
  await resident(a, householdInA, `${MARK}重名`);
  await resident(a, householdInA, `${MARK}重名`);
  const vol = await volunteerSetup(a, b, { aVillage, bVillage, householdInA });
  env = {
    vol,
    householdInA,
    householdInB,
    // Fresh sign-ins: the walk ends B's sessions (logout-all) along the way.
    freshResidentInA: async () => resident(await login(t.app, 'leakmark_a'), householdInA, `${MARK}居民${++n}`),
    freshImportInA: async () => {
      const agent = await login(t.app, 'leakmark_a');
      const file = multipartBody(`${MARK}名单.csv`, Buffer.from(`姓名,联系电话\n${MARK}人,13800000000\n`));
      const res = await agent.request({ method: 'POST', url: `/api/residents/imports?areaId=${aVillage.id}`, payload: file.payload, headers: file.headers });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json().id as number;
    },
    freshResidentInB: async () => resident(await login(t.app, 'admin_b'), householdInB, `乙居民${++n}`),
    t,
    a: { county: aCounty, village: aVillage, userId: aUser },
    b: { county: bCounty, village: bVillage, userId: bUser },
    freshAreaInA: () => makeArea(t.db, aVillage, `网格${MARK}${++n}`, 'grid'),
    freshAreaInB: () => makeArea(t.db, bVillage, `乙网格${++n}`, 'grid'),
    freshUserInA: () => makeUser(t.db, `leakmark_u${++n}`, ['grid_worker'], aVillage),
    mon: await monitoringSetup(a, aVillage, aUser, vol.day, async () => resident(await login(t.app, 'leakmark_a'), householdInA, `${MARK}居民${++n}`)),
  };
  return { t, env, snapshotOfA };
}

/** Party organisations and volunteers of A (named with the marker) and of B, linked and deployed. */
async function volunteerSetup(a: Agent, b: Agent, at: { aVillage: AreaRow; bVillage: AreaRow; householdInA: number }): Promise<CrossEnv['vol']> {
  let k = 0;
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(r.body);
    return r.json();
  };
  const volunteer = async (agent: Agent, name: string, areaId: number) =>
    (await ok(agent.post('/api/volunteers', { name, areaId, idNumber: idFor(++k + 100), phone: '13912345678', category: 'party_rural' }))).id as number;
  const orgInA = (await ok(a.post('/api/party/orgs', { kind: 'branch', name: `${MARK}党支部`, areaId: at.aVillage.id }))).id as number;
  const orgInB = (await ok(b.post('/api/party/orgs', { kind: 'branch', name: '乙党支部', areaId: at.bVillage.id }))).id as number;
  const volunteerInA = await volunteer(a, `${MARK}志愿者`, at.aVillage.id);
  const volunteerInB = await volunteer(b, '乙志愿者', at.bVillage.id);
  await ok(a.post(`/api/party/orgs/${orgInA}/members`, { volunteerIds: [volunteerInA] }));
  const teamInA = (
    await ok(a.post('/api/teams', { kind: 'assault_squad', name: `${MARK}突击队`, areaId: at.aVillage.id, orgId: orgInA, leaderId: volunteerInA }))
  ).id as number;
  const teamInB = (await ok(b.post('/api/teams', { kind: 'service_team', name: '乙服务队', areaId: at.bVillage.id }))).id as number;
  const postInA = (await ok(a.post('/api/posts', { kind: 'model_post', name: `${MARK}先锋岗`, areaId: at.aVillage.id, holderId: volunteerInA }))).id as number;
  await ok(a.post('/api/household-links', { volunteerId: volunteerInA, householdIds: [at.householdInA] }));
  await ok(a.put('/api/captains', { areaId: at.aVillage.id, kind: 'building', volunteerId: volunteerInA }));
  await ok(a.post('/api/group-links', { volunteerId: volunteerInA, areaId: at.aVillage.id, villageGroup: `${MARK}组` }));
  const deploy = async (agent: Agent, body: Record<string, unknown>) =>
    (await ok(agent.post('/api/deployments', { startsOn: day, endsOn: day, ...body }))).id as number;
  await deploy(a, { volunteerId: volunteerInA, areaId: at.aVillage.id, place: `${MARK}卡点` });
  await deploy(b, { volunteerId: volunteerInB, areaId: at.bVillage.id, place: '乙卡点' });
  const enlist = async (orgId: number, name: string) => {
    const [{ enlist_token }] = await t.db.query<{ enlist_token: string }>('SELECT enlist_token FROM party_orgs WHERE id = $1', [orgId]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/enlist/${enlist_token}`,
      payload: { name, idNumber: idFor(++k + 100), phone: '13812345678', category: 'volunteer' },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id as number;
  };
  await enlist(orgInA, `${MARK}报到`);
  await enlist(orgInB, '乙报到');
  return {
    day,
    volunteerInA,
    volunteerInB,
    orgInA,
    orgInB,
    teamInA,
    teamInB,
    postInA,
    freshVolunteerInA: async () => volunteer(await login(t.app, 'leakmark_a'), `${MARK}人${++k}`, at.aVillage.id),
    freshTempOrgInA: async () =>
      (
        await ok(
          (
            await login(t.app, 'leakmark_a')
          ).post('/api/party/orgs', { kind: 'temporary_branch', name: `${MARK}临时支部${++k}`, areaId: at.aVillage.id, place: '卡点', startsOn: day }),
        )
      ).id,
    freshEnlistmentInA: () => enlist(orgInA, `${MARK}报到${++k}`),
    freshEnlistmentInB: () => enlist(orgInB, `乙报到${++k}`),
    freshDeploymentInA: async () => deploy(await login(t.app, 'leakmark_a'), { volunteerId: volunteerInA, areaId: at.aVillage.id, place: `${MARK}点${++k}` }),
    freshGroupLinkInA: async () =>
      (
        await ok(
          (await login(t.app, 'leakmark_a')).post('/api/group-links', { volunteerId: volunteerInA, areaId: at.aVillage.id, villageGroup: `${MARK}组${++k}` }),
        )
      ).id,
  };
}

/** Tasks, an isolation site, measures with follow-ups and a fever alert in A — residents named with the marker. */
async function monitoringSetup(a: Agent, aVillage: AreaRow, aUser: number, day: string, residentInA: () => Promise<number>): Promise<CrossEnv['mon']> {
  let k = 0;
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(r.body);
    return r.json();
  };
  const fresh = () => login(t.app, 'leakmark_a');
  const site = await ok(a.post('/api/isolation-sites', { name: `${MARK}隔离点`, areaId: aVillage.id, rooms: [{ code: '101', capacity: 20 }] }));
  const freshMeasureInA = async (state: 'proposed' | 'confirmed' | 'active' | 'release_check') => {
    const agent = await fresh();
    const { measure } = await ok(agent.post('/api/measures', { residentId: await residentInA(), situation: { contactType: 'close' }, doctorId: aUser }));
    const steps = ['confirmed', 'active', 'release_check'];
    const paths = ['confirm', 'start', 'release-check'];
    for (let i = 0; i <= steps.indexOf(state); i++) await ok(agent.post(`/api/measures/${measure.id}/${paths[i]}`));
    return measure.id as number;
  };
  const freshFollowUpInA = async () => {
    const id = await freshMeasureInA('active');
    return (await ok((await fresh()).get(`/api/follow-ups?measureId=${id}&status=scheduled`))).items[0].id as number;
  };
  const freshAlertInA = async () =>
    (await ok((await fresh()).post(`/api/follow-ups/${await freshFollowUpInA()}/record`, { temperature: 38.2 }))).alertId as number;
  const measureInA = await freshMeasureInA('active');
  await freshAlertInA();
  const tomorrow = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    freshTaskInA: async () =>
      (await ok((await fresh()).post('/api/tasks', { title: `${MARK}任务${++k}`, areaId: aVillage.id, assigneeUserId: aUser }))).id as number,
    freshCallTaskInA: async () => {
      const residentId = await residentInA();
      const [id] = await t.db.tx((tx) =>
        createTasks(tx, [
          {
            type: 'home_sampling',
            title: `${MARK}上门采样${++k}`,
            subjectKind: 'sampling_home',
            subjectId: residentId,
            areaId: aVillage.id,
            areaPath: aVillage.path,
            assigneeUserId: aUser,
          },
        ]),
      );
      return id;
    },
    tomorrow,
    siteInA: { id: site.id, roomId: site.rooms[0].id },
    measureInA,
    freshMeasureInA,
    freshFollowUpInA,
    freshAlertInA,
  };
}

/**
 * Everything of A that a request could change: its areas, every path-carrying table's rows under it, and the roles.
 * Not the tracing chains' snapshot: it is derived from the records, and rewritten whole in the background after any
 * change anywhere (a case opened in B recomputes the chains of A too), so it holds no record of A's of its own. Nor
 * the understaffing marks the minute job writes (`checkpoint_alerts`) when the walk crosses a shift's 15th minute.
 */
const DERIVED = ['tracing_chain_members', 'tracing_chains', 'checkpoint_alerts'];
async function snapshotOfA(): Promise<string> {
  // The tables an area move re-paths: split tables through their parents, and not the audit trail, which the
  // walk's own requests append to.
  const tables = (await areaRepo.pathCarryingTables(t.db)).filter((name) => !DERIVED.includes(name)).sort();
  const parts: unknown[] = [await t.db.query('SELECT * FROM areas WHERE path LIKE $1 ORDER BY id', [env.a.county.path + '%'])];
  for (const table_name of tables) {
    // Tasks the clock's own jobs raise (a checkpoint shift understaffed 15 minutes after it began, made by no user)
    // appear whenever the walk happens to cross such a moment: they are not a request's doing.
    // Likewise the terminal disinfection jobs the field work's sweep makes from A's cases — until someone records one done.
    const own =
      table_name === 'tasks' ? ' AND created_by IS NOT NULL' : table_name === 'disinfection_jobs' ? ' AND (created_by IS NOT NULL OR done_at IS NOT NULL)' : '';
    parts.push(await t.db.query(`SELECT * FROM "${table_name}" WHERE area_path LIKE $1${own} ORDER BY 1`, [env.a.county.path + '%']));
  }
  parts.push(await t.db.query('SELECT code, permissions FROM roles ORDER BY code'));
  parts.push(
    await t.db.query('SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.area_path LIKE $1', [env.a.county.path + '%']),
  );
  return JSON.stringify(parts);
}
