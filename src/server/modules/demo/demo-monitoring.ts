import type { Db } from '../../db/engine';
import { addDays } from '../../../domain/policy/rules';
import * as monitoring from '../monitoring';
import * as screening from '../screening';
import { demoCtx } from './demo-ctx';

/**
 * The screening and monitoring side of the demo, in the demo village (王隆集村): one official risk-area row
 * (a district of Wuhan, high, from a week ago), four returnees registered by hand from there, each given
 * the measure the policy in force proposes — confirmed and started, so today's follow-ups are on the demo
 * doctor's list — and a one-day door-to-door campaign over the first grid, whose visit tasks wait in the
 * grid worker's inbox for today. It goes through the same services as the API, as the demo cadre, so every rule and
 * audit row is the real one. Synthetic throughout.
 */
export async function seedDemoMonitoring(db: Db, timeZone: string): Promise<string | null> {
  const ctx: monitoring.MCtx | null = await demoCtx(db, 'cadre', timeZone);
  const [grid] = await db.query<{ id: number; user_id: number }>(`SELECT u.area_id AS id, u.id AS user_id FROM users u WHERE u.username = 'grid'`);
  const [doctor] = await db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'doctor'`);
  if (!ctx || !grid || !doctor) return null;
  const today = ctx.today;

  await db.query(`INSERT INTO risk_areas (division_code, name, level, from_on, import_batch) VALUES ('420106', '湖北省武汉市武昌区', 'high', $1, 'demo')`, [
    addDays(today, -7),
  ]);
  // Four adults of the grid worker's grid, returned 1–4 days ago by train.
  const people = await db.query<{ id: number }>(
    `SELECT r.id FROM residents r JOIN areas a ON a.id = $1
      WHERE r.area_path LIKE a.path || '%' AND r.status = 'present' AND r.merged_into IS NULL
        AND r.birth_date < ($2::date - interval '18 years') ORDER BY r.id LIMIT 4`,
    [grid.id, today],
  );
  let measures = 0;
  for (const [i, p] of people.entries()) {
    const arrival = await screening.registerArrival(ctx, {
      residentId: p.id,
      originCode: '420106',
      arrivedOn: addDays(today, -(i + 1)),
      transport: 'train',
      transportNo: `G${508 + i * 2}`,
      reason: '返乡',
      codeColour: 'green',
    });
    const { measure } = await screening.proposeForArrival(ctx, arrival.id, { doctorId: doctor.id, gridWorkerId: grid.user_id });
    if (!measure) continue;
    await monitoring.confirm(ctx, measure.id);
    await monitoring.start(ctx, measure.id);
    measures++;
  }
  const returnees = `${people.length} returnees from a listed high-risk district, ${measures} under measures with today's follow-ups for \`doctor\``;
  // A campaign needs households: with few synthetic residents (DEMO_RESIDENTS) the grid may have none.
  const [{ households }] = await db.query<{ households: number }>(
    `SELECT count(*)::int AS households FROM households h JOIN areas a ON a.id = $1 WHERE h.area_path LIKE a.path || '%'`,
    [grid.id],
  );
  if (!households) return `Screening and monitoring: ${returnees}; no door-to-door campaign (the grid has no households).`;
  const campaign = await screening.createCampaign(ctx, {
    name: '第一网格敲门行动（演示）',
    areaId: grid.id,
    startsOn: today,
    endsOn: today,
    lookbackDays: 14,
    target: 'all',
  });
  return `Screening and monitoring: ${returnees}, and campaign "${campaign.name}" with visit tasks for \`grid\`.`;
}
