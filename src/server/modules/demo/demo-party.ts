import type { Db } from '../../db/engine';
import { audit } from '../../platform/audit';
import { todayIn } from '../../platform/dates';
import { CATEGORIES, SKILLS } from '../../../domain/volunteers/schemas';
import { seededRandom } from './prng';
import * as users from '../users';
import * as volunteers from '../volunteers';
import * as work from '../volunteers';

/**
 * The party side of the demo: in the demo town (毛庄镇) a committee and a branch in every village, with
 * members drawn from the villages' synthetic residents; in the demo village (王隆集村) also a temporary
 * branch at the checkpoint, an assault squad, today's deployments and a branch secretary account — so
 * the volunteer screens have something to show. Synthetic throughout; the same seed gives the same people.
 */
const SYSTEM = { actorId: null, actorName: 'system', requestId: null, clientIp: null };

export async function seedDemoParty(db: Db, seed: number, passwordHash: string, timeZone: string): Promise<string | null> {
  const [village] = await db.query<{ id: number; path: string; name: string; parent_id: number }>(
    `SELECT id, path, name, parent_id FROM areas WHERE kind IN ('village', 'community') AND name LIKE '%王隆集%' ORDER BY id LIMIT 1`,
  );
  if (!village) return null;
  const [town] = await db.query<{ id: number; path: string; name: string }>('SELECT id, path, name FROM areas WHERE id = $1', [village.parent_id]);
  const rng = seededRandom(seed + 7);
  const today = todayIn(timeZone);
  const residents = await db.query<{
    id: number;
    name: string;
    id_type: string;
    id_number: string | null;
    sex: 'M' | 'F' | null;
    birth_date: string | null;
    phone: string | null;
    area_id: number;
    area_path: string;
  }>(
    `SELECT id, name, id_type, id_number, sex, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, phone, area_id, area_path
       FROM residents
      WHERE area_path LIKE $1 AND status IN ('present', 'away') AND merged_into IS NULL
        AND birth_date BETWEEN ($2::date - interval '70 years') AND ($2::date - interval '18 years')
      ORDER BY (area_path LIKE $3) DESC, id LIMIT 300`,
    [town.path + '%', today, village.path + '%'],
  );
  const villages = await db.query<{ id: number; path: string; name: string }>(
    `SELECT id, path, name FROM areas WHERE parent_id = $1 AND kind IN ('village', 'community') AND NOT archived ORDER BY division_code, id`,
    [town.id],
  );
  return db.tx(async (tx) => {
    const token = (n: number) => `demo-${seed}-${n}`;
    const userId = await users.insert(tx, {
      username: 'secretary',
      displayName: `${village.name}党支部书记（演示）`,
      phone: null,
      passwordHash,
      roles: ['branch_secretary'],
      areaId: village.id,
      areaPath: village.path,
    });
    const committee = await volunteers.insertOrg(tx, {
      parentId: null,
      kind: 'committee',
      name: `${town.name}党委`,
      areaId: town.id,
      areaPath: town.path,
      place: null,
      startsOn: null,
      endsOn: null,
      token: token(1),
      notes: null,
    });
    const branchOf = new Map<string, number>();
    for (const [i, v] of villages.entries()) {
      branchOf.set(
        v.path,
        await volunteers.insertOrg(tx, {
          parentId: committee,
          kind: 'branch',
          name: `${v.name}党支部`,
          areaId: v.id,
          areaPath: v.path,
          place: null,
          startsOn: null,
          endsOn: null,
          token: v.id === village.id ? token(2) : token(100 + i),
          notes: null,
        }),
      );
    }
    const branch = branchOf.get(village.path)!;
    const checkpoint = await volunteers.insertOrg(tx, {
      parentId: committee,
      kind: 'temporary_branch',
      name: `${village.name}卡点临时党支部`,
      areaId: village.id,
      areaPath: village.path,
      place: '村口防疫卡点',
      startsOn: today,
      endsOn: null,
      token: token(3),
      notes: '从村党支部抽调，原组织关系不变',
    });
    const ids: number[] = [];
    const membersOf = new Map<string, number[]>();
    for (const [i, r] of residents.entries()) {
      const partyMember = i % 3 !== 2;
      const category = partyMember ? CATEGORIES[i % 6] : rng.pick(['activist', 'league', 'volunteer', 'medical'] as const);
      const skills = SKILLS.filter(() => rng.int(0, 5) === 0);
      ids.push(
        await volunteers.insertVolunteer(tx, {
          areaId: r.area_id,
          areaPath: r.area_path,
          residentId: r.id,
          name: r.name,
          idType: r.id_type,
          idNumber: r.id_number,
          sex: r.sex,
          birthDate: r.birth_date,
          phone: r.phone,
          category,
          skills,
          availability: null,
          healthStatus: 'healthy',
          emergencyName: null,
          emergencyPhone: null,
          status: 'active',
          notes: null,
        }),
      );
      const home = villages.find((v) => r.area_path.startsWith(v.path));
      if (partyMember && home) membersOf.set(home.path, [...(membersOf.get(home.path) ?? []), ids[ids.length - 1]]);
    }
    for (const v of villages) {
      const members = membersOf.get(v.path) ?? [];
      if (members.length) await volunteers.addMembers(tx, { id: branchOf.get(v.path)!, kind: 'branch', area_path: v.path }, members, 'member', today);
    }
    const local = membersOf.get(village.path) ?? [];
    await volunteers.addMembers(tx, { id: checkpoint, kind: 'temporary_branch', area_path: village.path }, local.slice(0, 4), 'member', today);
    const villageVolunteers = residents.flatMap((r, i) => (r.area_path.startsWith(village.path) ? [ids[i]] : []));
    if (villageVolunteers.length) {
      const squad = await work.insertTeam(tx, {
        kind: 'assault_squad',
        name: `${village.name}疫情防控突击队`,
        parentId: null,
        orgId: branch,
        areaId: village.id,
        areaPath: village.path,
        leaderId: villageVolunteers[0],
        notes: null,
      });
      await work.setTeamMembers(
        tx,
        { areaId: village.id, path: village.path },
        { id: squad, area_path: village.path },
        villageVolunteers.slice(0, 10).map((volunteerId, i) => ({ volunteerId, role: i === 0 ? 'leader' : i < 3 ? 'deputy' : 'member' })),
      );
      for (const [i, volunteerId] of villageVolunteers.slice(0, 6).entries()) {
        await work.insertDeployment(tx, {
          volunteerId,
          teamId: null,
          orgId: checkpoint,
          areaId: village.id,
          areaPath: village.path,
          place: '村口防疫卡点',
          startsOn: today,
          endsOn: today,
          role: i % 2 ? '测温登记' : '值守',
          hoursPerDay: 8,
          notes: null,
          createdBy: userId,
        });
      }
    }
    // A few applications waiting for the secretary, sent through the branch's enlistment form.
    const applicants = await tx.query<{
      name: string;
      id_type: string;
      id_number: string | null;
      sex: 'M' | 'F' | null;
      birth_date: string | null;
      phone: string | null;
    }>(
      `SELECT name, id_type, id_number, sex, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, phone FROM residents
        WHERE area_path LIKE $1 AND id <> ALL($2::int[]) AND id_number IS NOT NULL AND phone IS NOT NULL AND birth_date IS NOT NULL AND birth_date <= ($3::date - interval '18 years')
        ORDER BY id LIMIT 3`,
      [village.path + '%', residents.map((r) => r.id), today],
    );
    const pledges = ['村里需要，我随时到岗。', '我会开车，可以帮忙送物资。', '在外地也能帮忙打电话随访。'];
    for (const [i, a] of applicants.entries()) {
      await volunteers.submitEnlistmentUnscoped(
        tx,
        token(2),
        today,
        {
          name: a.name,
          idType: a.id_type,
          idNumber: a.id_number!,
          sex: a.sex,
          birthDate: a.birth_date,
          phone: a.phone!,
          category: i === 2 ? 'party_mobile' : 'volunteer',
          skills: i === 1 ? ['driver'] : [],
          availability: null,
          healthStatus: 'healthy',
          emergencyName: null,
          emergencyPhone: null,
          pledge: pledges[i],
          address: null,
          clientIp: '127.0.0.1',
        },
        { requestId: `seed-${seed}`, clientIp: '127.0.0.1' },
        { name: a.name, seeded: true },
      );
    }
    await audit(tx, SYSTEM, {
      action: 'seed-demo',
      entity: 'party_org',
      entityId: branch,
      areaPath: village.path,
      after: { volunteers: ids.length, secretary: userId },
    });
    return `  secretary  ${village.name}党支部书记 Branch secretary  @ ${village.name}  (enlistment token of the branch: ${token(2)})`;
  });
}
