import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { underHomeMeasure } from '../../monitoring/sql';
import { latestStaysOn, residentsAs } from '../../residents/sql';
import { taskExists } from '../../tasks/sql';

// ——— home sampling ———
/**
 * Who should be sampled at home: on the roster of the day under `underPath` (in the round's area and the
 * caller's scope), bedridden or disabled, at or over `elderlyAge`, or under a live measure at home (a
 * read-only look at monitoring's `measures`); not sampled, not exempt, and without a home-sampling task made
 * since the round was created (a read-only look at the task inbox). Set-based.
 */
export async function homeCandidates(
  db: Queryable,
  p: { roundId: number; roundCreatedAt: Date; underPath: string; scope: Scope; rosterDate: string; elderlyBornOnOrBefore: string | null },
) {
  const q = new SqlParams();
  const day = q.add(p.rosterDate);
  const round = q.add(p.roundId);
  const elderly = p.elderlyBornOnOrBefore ? `OR r.birth_date <= ${q.add(p.elderlyBornOnOrBefore)}::date` : '';
  return db.query<{ resident_id: number; name: string; area_id: number; area_path: string; reason: string }>(
    `WITH roster AS (
       ${latestStaysOn({ day, where: `st.area_path LIKE ${q.add(p.underPath + '%')} AND ${scopeClause(p.scope, 'st.area_path', q)}` })}
     )
     SELECT r.id AS resident_id, r.name, r.area_id, r.area_path,
            CASE WHEN ${underHomeMeasure('r.id')} THEN 'measure'
                 WHEN r.groups && ARRAY['bedridden', 'disabled'] THEN 'home_bound' ELSE 'elderly' END AS reason
       FROM roster ro JOIN ${residentsAs('r')} ON r.id = ro.resident_id AND r.merged_into IS NULL AND r.status = 'present'
      WHERE (r.groups && ARRAY['bedridden', 'disabled'] ${elderly}
             OR ${underHomeMeasure('r.id')})
        AND NOT EXISTS (SELECT 1 FROM sampling_bindings b WHERE b.round_id = ${round} AND b.resident_id = r.id AND b.removed_at IS NULL
                        AND NOT EXISTS (SELECT 1 FROM sampling_results sr WHERE sr.tube_id = b.tube_id AND sr.result = 'invalid'))
        AND NOT EXISTS (SELECT 1 FROM sampling_exemptions e WHERE e.round_id = ${round} AND e.resident_id = r.id AND e.revoked_at IS NULL)
        AND NOT ${taskExists("'sampling_home'", 'r.id', `t.type = 'home_sampling' AND t.created_at >= ${q.add(p.roundCreatedAt)}`)}
      ORDER BY r.area_path, r.id`,
    q.values,
  );
}
