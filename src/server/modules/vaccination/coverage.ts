import { bandAge, type VaccinationPolicy } from '../../../domain/vaccination/policy';
import type { Ctx } from '../../platform/context';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import type { Queryable } from '../../db/engine';
import { areasAs } from '../areas/sql';
import { residentsAs } from '../residents/sql';
import { bornBy, policyOf } from './repo';
import { areaInScope } from './service';

/**
 * Coverage by village (a village or community above the person, else the person's own area): of the 60+ and the 80+
 * living there, how many have completed the primary course.
 */
export async function coverageRows(db: Queryable, scope: Scope, p: { policy: VaccinationPolicy; today: string; underPath: string }) {
  const q = new SqlParams();
  const b60 = q.add(bornBy(p.today, bandAge(p.policy, '60plus')));
  const b80 = q.add(bornBy(p.today, bandAge(p.policy, '80plus')));
  const rows = await db.query<{ area_id: number; name: string; p60: number; v60: number; p80: number; v80: number }>(
    `WITH people AS (
       SELECT r.area_path, r.birth_date, COALESCE(p.doses, 0) >= ${q.add(p.policy.primaryDoses)}::int AS course_done
         FROM ${residentsAs('r')} LEFT JOIN vaccination_people p ON p.resident_id = r.id
        WHERE r.birth_date <= ${b60}::date AND r.area_path LIKE ${q.add(`${p.underPath}%`)} AND ${scopeClause(scope, 'r.area_path', q)}
          AND r.merged_into IS NULL AND r.status IN ('present', 'away')
     ), by_place AS (
       SELECT area_path, count(*)::int AS p60, count(*) FILTER (WHERE course_done)::int AS v60,
              count(*) FILTER (WHERE birth_date <= ${b80}::date)::int AS p80, count(*) FILTER (WHERE course_done AND birth_date <= ${b80}::date)::int AS v80
         FROM people GROUP BY area_path
     )
     SELECT v.id AS area_id, v.name, sum(b.p60)::int AS p60, sum(b.v60)::int AS v60, sum(b.p80)::int AS p80, sum(b.v80)::int AS v80
       FROM by_place b
       JOIN ${areasAs('v')} ON v.id = COALESCE(
         (SELECT g.id FROM ${areasAs('g')} WHERE g.id = ANY(string_to_array(trim(both '/' from b.area_path), '/')::int[]) AND g.kind IN ('village', 'community')
           ORDER BY g.level DESC LIMIT 1),
         (SELECT g.id FROM ${areasAs('g')} WHERE g.path = b.area_path))
      GROUP BY v.id, v.name ORDER BY v.name, v.id`,
    q.values,
  );
  const rate = (v: number, n: number) => (n ? Math.round((1000 * v) / n) / 10 : null);
  return rows.map((r) => ({
    areaId: r.area_id,
    name: r.name,
    sixty: { people: r.p60, vaccinated: r.v60, rate: rate(r.v60, r.p60) },
    eighty: { people: r.p80, vaccinated: r.v80, rate: rate(r.v80, r.p80) },
  }));
}

export async function coverage(ctx: Ctx, p: { under?: number }) {
  const underPath = p.under ? (await areaInScope(ctx, p.under, 'under')).path : ctx.actor.scope.path;
  return { rows: await coverageRows(ctx.db, ctx.actor.scope, { policy: await policyOf(ctx.db), today: ctx.today, underPath }) };
}
