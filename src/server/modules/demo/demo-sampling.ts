import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/engine';
import { addDays } from '../../../domain/policy/rules';
import { createPointBody, createRoundBody } from '../../../domain/sampling/schemas';
import { saveSlotPlanBody } from '../../../domain/sampling/slot-edits';
import * as sampling from '../sampling';
import { demoCtx } from './demo-ctx';

/**
 * A mass-testing round the demo can show, in the sampler's town: opened by the county command center with a
 * fixed point in the demo village (its staggered slot plan saved) and a mobile team; the town's sampler has
 * bound people of the town (the grid worker's grid first) in tubes of ten, boxed and handed over the
 * closed ones, and the lab has answered — all negative but the first pool, so the positives board has people
 * held for their single-tube retest and the grid worker has retest tasks. One bedridden exemption and the home-sampling
 * tasks complete the picture; one tube is still open at desk 1. Through the services, as the demo users.
 */
const POOL = 10;
const TUBES = 6;

export async function seedDemoSampling(db: Db, timeZone: string): Promise<string | null> {
  const command = await demoCtx(db, 'command', timeZone);
  const sampler = await demoCtx(db, 'sampler', timeZone);
  const [grid] = await db.query<{ area_id: number }>(`SELECT area_id FROM users WHERE username = 'grid'`);
  if (!command || !sampler || !grid) return null;
  const [village] = await db.query<{ id: number }>(`SELECT parent_id AS id FROM areas WHERE id = $1`, [grid.area_id]);
  const today = command.today;
  const town = sampler.actor.scope.areaId;

  const round = await sampling.createRound(
    command,
    createRoundBody.parse({ name: '全员核酸第一轮（演示）', areaId: town, startsOn: today, endsOn: addDays(today, 1), rosterDate: today, poolDefault: POOL }),
  );
  await sampling.setRoundStatus(command, round.id, 'open');
  const point = await sampling.createPoint(
    command,
    round.id,
    createPointBody.parse({
      name: '村文化广场采样点',
      address: '村委会东侧文化广场',
      areaId: village.id,
      servesAreaIds: [town],
      desks: 4,
      opensAt: '07:00',
      closesAt: '19:00',
      staff: '采样 4 人，登记 4 人，引导 2 人',
    }),
  );
  await sampling.createPoint(
    command,
    round.id,
    createPointBody.parse({ name: '上门采样小分队', areaId: village.id, kind: 'mobile', desks: 1, perDeskHour: 12 }),
  );
  await sampling.saveSlotPlan(command, round.id, point.id, saveSlotPlanBody.parse({}), timeZone);

  // People of the town, the grid worker's grid first, in tubes of ten at desk 1 (the village alone is small).
  const people = await db.query<{ id: number }>(
    `SELECT r.id FROM residents r JOIN areas v ON v.id = $1 JOIN areas g ON g.id = $2
      WHERE r.area_path LIKE v.path || '%' AND r.status = 'present' AND r.merged_into IS NULL
        AND r.birth_date < ($3::date - interval '3 years')
      ORDER BY (r.area_path LIKE g.path || '%') DESC, r.id LIMIT $4`,
    [town, grid.area_id, today, POOL * TUBES - 4],
  );
  const barcodes: string[] = [];
  for (let i = 0; i < TUBES && i * POOL < people.length; i++) {
    const barcode = `DEMO${String(today.replace(/-/g, '')).slice(2)}${String(i + 1).padStart(4, '0')}`;
    const tube = await sampling.openTube(sampler, { roundId: round.id, pointId: point.id, desk: 1, barcode });
    for (const p of people.slice(i * POOL, (i + 1) * POOL)) await sampling.bind(sampler, { clientId: randomUUID(), tubeId: tube.id, residentId: p.id });
    barcodes.push(barcode);
  }
  // Every full tube was closed by the next one opening at the same desk; the last one stays open.
  const closed = barcodes.slice(0, -1);
  const box = await sampling.createBox(sampler, { roundId: round.id, pointId: point.id, code: `BOX${today.replace(/-/g, '').slice(2)}01` });
  await sampling.addTubesToBox(sampler, box.id, { barcodes: closed });
  await sampling.handOver(sampler, box.id, { count: closed.length, lab: '县疾控中心实验室（演示）' });
  const testedAt = new Date().toISOString();
  const results = await sampling.receiveAll(
    command,
    closed.map((barcode, i) => ({ barcode, result: i === 0 ? ('positive' as const) : ('negative' as const), testedAt, lab: '县疾控中心实验室（演示）' })),
  );

  const [bedridden] = await db.query<{ id: number }>(
    `SELECT r.id FROM residents r JOIN areas a ON a.id = $1 WHERE r.area_path LIKE a.path || '%' AND r.status = 'present' AND r.merged_into IS NULL
        AND NOT r.id = ANY($2::int[]) ORDER BY r.birth_date LIMIT 1`,
    [town, people.map((p) => p.id)],
  );
  if (bedridden) await sampling.createExemption(command, { roundId: round.id, residentId: bedridden.id, kind: 'bedridden', detail: '长期卧床（演示）' });
  const home = await sampling.planHomeSampling(command, round.id, {});
  return `Mass testing: round "${round.name}" open, ${people.length} people bound in ${barcodes.length} tubes at "${point.name}", ${closed.length} handed to the lab, ${results.positives.tubes} positive pool (${results.positives.flagged} held for retest), ${home.created} home-sampling tasks.`;
}
