import type { Db, Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Actor, Ctx } from '../../platform/context';
import { hashPassword } from '../../platform/passwords';
import { todayIn } from '../../platform/dates';
import { pinyinKeys } from '../../platform/pinyin';
import { RoleCache } from '../../platform/role-cache';
import { type AreaRow, type NewArea, areaRepo as areas, areasChanged, importDivisions } from '../areas';
import * as users from '../users';
import { seededRandom } from './prng';

/**
 * The demo county: the real towns and villages of 太康县 (Taikang County, Henan; division code 411627,
 * the county of the first source report) with synthetic grids, estates and buildings beneath them, and
 * one account per role scoped to different places. The same seed number gives the same data.
 * No person is named: accounts carry their role and place only.
 */
export const DEMO_PASSWORD = 'Wangge@2026';
export const DEMO_COUNTY_CODE = '411627';

const SYSTEM = { actorId: null, actorName: 'system', requestId: null, clientIp: null };
const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const ESTATES = ['幸福小区', '和平小区', '建设小区', '阳光小区', '翠苑小区', '康乐小区'];

interface Place {
  id: number;
  name: string;
  path: string;
  level: number;
  kind: string;
}

export async function seedDemo(db: Db, seed: number): Promise<string> {
  const rng = seededRandom(seed);
  const hash = await hashPassword(DEMO_PASSWORD);

  // 1. The county as the root, and the administrator who imports the rest.
  const { root, adminId } = await db.tx(async (tx) => {
    const py = pinyinKeys('太康县');
    const root = await areas.insertRootUnscoped(tx, { name: '太康县', kind: 'county', divisionCode: null, pinyin: py.full, pinyinInitials: py.initials });
    const adminId = await users.insert(tx, {
      username: 'admin',
      displayName: '系统管理员（演示）',
      phone: null,
      passwordHash: hash,
      roles: ['admin'],
      areaId: root.id,
      areaPath: root.path,
    });
    await audit(tx, SYSTEM, { action: 'create', entity: 'user', entityId: adminId, areaPath: root.path, after: { username: 'admin', roles: ['admin'] } });
    return { root, adminId };
  });

  // 2. Real towns and villages from the national division codes, imported as the administrator would.
  const actor: Actor = {
    userId: adminId,
    username: 'admin',
    displayName: '系统管理员',
    roles: ['admin'],
    permissions: await new RoleCache(db).permissionsOf(['admin']),
    scope: { areaId: root.id, path: root.path },
    sessionId: 'seed',
    csrfToken: 'seed',
    mustChangePassword: false,
  };
  const ctx: Ctx = { db, actor, requestId: `seed-${seed}`, clientIp: '127.0.0.1', lang: 'zh', today: todayIn('Asia/Shanghai') };
  await importDivisions(ctx, root.id, DEMO_COUNTY_CODE);

  // 3. Synthetic grids under every village and community; estates and buildings under community grids.
  const villages = await db.query<Place>(
    `SELECT id, name, path, level, kind FROM areas WHERE kind IN ('village', 'community') AND path LIKE $1 ORDER BY division_code`,
    [root.path + '%'],
  );
  const grids = await db.tx(async (tx) => {
    const gridRows = await areas.insertMany(
      tx,
      villages.flatMap((v) => NUMERALS.slice(0, rng.int(2, 4)).map((n) => newArea(v, `第${n}网格`, 'grid'))),
    );
    const communityGrids = gridRows.filter((g) => villages.find((v) => v.id === g.parent_id)?.kind === 'community');
    const estates = await areas.insertMany(
      tx,
      communityGrids.map((g) => newArea(g, rng.pick(ESTATES), 'estate')),
    );
    const buildings = await areas.insertMany(
      tx,
      estates.flatMap((e) => Array.from({ length: rng.int(3, 8) }, (_, i) => newArea(e, `${i + 1}号楼`, 'building'))),
    );
    await audit(
      tx,
      { ...SYSTEM, requestId: `seed-${seed}` },
      {
        action: 'seed-demo',
        entity: 'area',
        entityId: root.id,
        areaPath: root.path,
        after: { seed, grids: gridRows.length, estates: estates.length, buildings: buildings.length },
      },
    );
    return gridRows;
  });

  // 4. One account per role, in different places, so scoping can be seen at once.
  const town = await findPlace(db, root.path, 'town', '毛庄');
  const village = await findPlace(db, town.path, 'village', '王隆集');
  const otherTown = await findPlace(db, root.path, 'town', '朱口');
  const otherVillage = await findPlace(db, otherTown.path, 'village', '东郭');
  const villageGrids = grids.filter((g) => g.parent_id === village.id);
  const accounts: Array<[string, string, string, Place | AreaRow]> = [
    ['command', '县指挥部值班（演示）', 'command', root as Place],
    ['sampler', `${town.name}采样人员（演示）`, 'sampler', town],
    ['cadre', `${village.name}干部（演示）`, 'cadre', village],
    ['doctor', `${village.name}村医（演示）`, 'doctor', village],
    ['grid', `${village.name}${villageGrids[0].name}网格员（演示）`, 'grid_worker', villageGrids[0]],
    ['volunteer', `${village.name}志愿者（演示）`, 'volunteer', villageGrids[1]],
    ['cadre2', `${otherVillage.name}干部（演示）`, 'cadre', otherVillage],
  ];
  await db.tx(async (tx) => {
    for (const [username, displayName, role, place] of accounts) {
      const id = await users.insert(tx, { username, displayName, phone: null, passwordHash: hash, roles: [role], areaId: place.id, areaPath: place.path });
      await audit(tx, SYSTEM, { action: 'create', entity: 'user', entityId: id, areaPath: place.path, after: { username, roles: [role] } });
    }
  });

  areasChanged(db);
  // Fresh statistics after the bulk load, so the planner picks the indexes (PGlite has no autovacuum).
  await db.exec('ANALYZE');
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM areas');
  return [
    `Demo county loaded: 太康县 with ${n} areas (seed ${seed}). Demo accounts, all with password ${DEMO_PASSWORD}:`,
    ...[['admin', '系统管理员 System administrator', '太康县'], ...accounts.map(([u, d, , p]) => [u, d, p.name])].map(
      ([u, d, p]) => `  ${u.padEnd(10)} ${d}  @ ${p}`,
    ),
  ].join('\n');
}

function newArea(parent: Pick<Place, 'id' | 'path' | 'level'>, name: string, kind: 'grid' | 'estate' | 'building'): NewArea {
  const py = pinyinKeys(name);
  return { parent, name, kind, divisionCode: null, pinyin: py.full, pinyinInitials: py.initials };
}

/** A place by name fragment, or the first of its kind when the official name has changed. */
async function findPlace(db: Queryable, under: string, kind: string, fragment: string): Promise<Place> {
  const kinds = kind === 'town' ? ['town', 'street'] : ['village', 'community'];
  const rows = await db.query<Place>(
    `SELECT id, name, path, level, kind FROM areas WHERE path LIKE $1 AND kind = ANY($2::text[])
      ORDER BY (name LIKE $3) DESC, division_code LIMIT 1`,
    [under + '%', kinds, `%${fragment}%`],
  );
  if (!rows[0]) throw new Error(`demo seed: no ${kind} under ${under}`);
  return rows[0];
}
