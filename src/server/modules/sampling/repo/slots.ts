import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { areasAs } from '../../areas/sql';
import { latestStaysOn, residentsAs } from '../../residents/sql';

// ——— the slot plan ———
/**
 * People due at a point, per unit: the area their stay points at (a building, or the grid / village group for
 * those outside buildings), in path order so neighbours stay together. Due = on the roster of the day under
 * the served areas, not exempt (recorded, or under age).
 */
export async function slotUnits(db: Queryable, p: { roundId: number; servedPaths: string[]; scope: Scope; rosterDate: string; bornAfter: string | null }) {
  if (!p.servedPaths.length) return [];
  const q = new SqlParams();
  const day = q.add(p.rosterDate);
  const young = p.bornAfter ? `AND NOT (r.birth_date IS NOT NULL AND r.birth_date > ${q.add(p.bornAfter)}::date)` : '';
  return db.query<{ area_id: number; name: string; people: number }>(
    `WITH roster AS (
       ${latestStaysOn({ day, where: `st.area_path LIKE ANY(${q.add(p.servedPaths.map((x) => x + '%'))}::text[]) AND ${scopeClause(p.scope, 'st.area_path', q)}` })}
     )
     SELECT a.id AS area_id, a.name, count(*)::int AS people
       FROM roster ro JOIN ${residentsAs('r')} ON r.id = ro.resident_id AND r.merged_into IS NULL
       JOIN ${areasAs('a')} ON a.id = split_part(rtrim(ro.area_path, '/'), '/', array_length(string_to_array(rtrim(ro.area_path, '/'), '/'), 1))::int
      WHERE NOT EXISTS (SELECT 1 FROM sampling_exemptions e WHERE e.round_id = ${q.add(p.roundId)} AND e.resident_id = ro.resident_id AND e.revoked_at IS NULL) ${young}
      GROUP BY a.id, a.name, a.path ORDER BY a.path`,
    q.values,
  );
}
