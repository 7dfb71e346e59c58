import type { Queryable } from '../../db/engine';

/**
 * Testing rounds over a risk zone (issue 16 point 6), as the zones module reads them to lift a zone: the rounds
 * whose area holds the zone's area and that started on or after a day, each with the people due inside the zone
 * (its roster under the zone's path, not exempt), those sampled, the tubes inside still without a result and those
 * found positive. The caller has checked the zone's area is in its scope: the figures are counts under that path.
 */
export interface ZoneRound {
  roundId: number;
  name: string;
  startsOn: string;
  due: number;
  sampled: number;
  awaiting: number;
  notNegative: number;
}

export async function roundsOverZone(db: Queryable, zonePath: string, fromOn: string): Promise<ZoneRound[]> {
  return db.query<ZoneRound>(
    `WITH rounds AS (
       SELECT id, name, starts_on FROM sampling_rounds
        WHERE $1 LIKE area_path || '%' AND starts_on >= $2::date AND status <> 'planned'
     ), people AS (
       SELECT ro.round_id, ro.resident_id, ro.sampled, ro.exempt, ro.young FROM sampling_roster ro
        WHERE ro.round_id IN (SELECT id FROM rounds) AND ro.rostered AND ro.area_path LIKE $1 || '%'
     ), tubes AS (
       SELECT DISTINCT b.round_id, b.tube_id AS id, s.result FROM people p
         JOIN sampling_bindings b ON b.round_id = p.round_id AND b.resident_id = p.resident_id AND b.removed_at IS NULL
         LEFT JOIN sampling_results s ON s.tube_id = b.tube_id
     )
     SELECT r.id AS "roundId", r.name, to_char(r.starts_on, 'YYYY-MM-DD') AS "startsOn",
            (SELECT count(*)::int FROM people p WHERE p.round_id = r.id AND (p.sampled > 0 OR NOT (p.exempt OR p.young))) AS due,
            (SELECT count(*)::int FROM people p WHERE p.round_id = r.id AND p.sampled > 0) AS sampled,
            (SELECT count(*)::int FROM tubes t WHERE t.round_id = r.id AND t.result IS NULL) AS awaiting,
            (SELECT count(*)::int FROM tubes t WHERE t.round_id = r.id AND t.result = 'positive') AS "notNegative"
       FROM rounds r ORDER BY r.starts_on DESC, r.id DESC LIMIT 20`,
    [zonePath, fromOn],
  );
}
