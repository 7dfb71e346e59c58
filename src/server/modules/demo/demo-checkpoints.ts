import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/engine';
import { createPostBody } from '../../../domain/checkpoints/schemas';
import { addDays } from '../../../domain/policy/rules';
import * as checkpoints from '../checkpoints';
import { demoCtx } from './demo-ctx';

/**
 * Checkpoints (卡点) the demo can show: a village entrance in the volunteer's grid and a county border post in
 * the demo village, round the clock on three shifts, with the volunteer and the grid worker on today's shifts
 * and a few crossings (one turned back, one with a fever) — through the module's services, as the demo users.
 */
export async function seedDemoCheckpoints(db: Db, timeZone: string): Promise<string | null> {
  const cadre = await demoCtx(db, 'cadre', timeZone);
  const volunteer = await demoCtx(db, 'volunteer', timeZone);
  const grid = await demoCtx(db, 'grid', timeZone);
  if (!cadre || !volunteer || !grid) return null;
  const today = cadre.today;
  const entrance = await checkpoints.createPost(
    cadre,
    createPostBody.parse({
      areaId: volunteer.actor.scope.areaId,
      name: '王隆集村东入口',
      kind: 'village_entrance',
      place: '村东头水泥路口',
      opensOn: addDays(today, -3),
      staffing: { party_member: 1, volunteer: 1 },
    }),
  );
  const border = await checkpoints.createPost(
    cadre,
    createPostBody.parse({
      areaId: cadre.actor.scope.areaId,
      name: '县界卡点（省道 S213）',
      kind: 'county_border',
      place: '省道 S213 与邻县交界处',
      lanes: 2,
      opensOn: addDays(today, -3),
      staffing: { party_member: 1, police: 1, medical: 1, volunteer: 2 },
    }),
  );
  for (const [shiftCode, who, role] of [
    ['A', volunteer, 'volunteer'],
    ['B', grid, 'party_member'],
  ] as const) {
    await checkpoints.assign(cadre, { postId: entrance.id, day: today, shiftCode, userId: who.actor.userId, role }, timeZone);
  }
  await checkpoints.assign(cadre, { postId: border.id, day: addDays(today, 1), shiftCode: 'A', userId: volunteer.actor.userId, role: 'volunteer' }, timeZone);
  const people = (temps: number[]) => temps.map((temperature) => ({ temperature, codeColour: 'green' as const }));
  const crossings = [
    { direction: 'in' as const, people: people([36.4]), checks: ['scan', 'look', 'check'] as const },
    {
      direction: 'in' as const,
      plate: '豫P6A123',
      vehicleType: 'private' as const,
      people: people([36.5, 36.2]),
      checks: ['scan', 'look', 'check', 'verify'] as const,
    },
    { direction: 'out' as const, people: people([36.6]), checks: ['scan', 'look'] as const },
    {
      direction: 'in' as const,
      plate: '皖K12345',
      vehicleType: 'truck' as const,
      people: people([36.3]),
      decision: 'turned_back' as const,
      checks: ['scan', 'look'] as const,
    },
    { direction: 'in' as const, people: people([37.8]), checks: ['scan', 'look', 'check'] as const },
  ];
  for (const c of crossings) {
    await checkpoints.recordCrossing(volunteer, { clientId: randomUUID(), postId: entrance.id, ...c, checks: [...c.checks] }, timeZone);
  }
  return `checkpoints: 2 posts, ${crossings.length} crossings at ${entrance.name}`;
}
