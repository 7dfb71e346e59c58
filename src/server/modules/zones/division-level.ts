import { type ZoneLevelCode, zoneSetInForce } from '../../../domain/zones/rules';
import type { Queryable } from '../../db/engine';
import { areasAs } from '../areas/sql';
import * as repo from './repo';

/**
 * A declared zone as the risk-area lookup reads it (issue 16 point 6): arrivals and checkpoint crossings name where
 * someone came from by a division code, so a zone counts there when its area carries one (a town, a village, a
 * community) that is a prefix of the origin's code. Estates and buildings have no code and cannot be named as an
 * origin; people living in them are found through the zone's page instead. The zone's level on a day is its
 * history's latest row from on or before that day, unless that row lifted it. Among zones that match, the longest
 * code wins (the most precise place, as in the list), then the stricter level. Deployment-wide, like the list.
 */
export interface DivisionZone {
  zoneId: number;
  divisionCode: string;
  level: ZoneLevelCode;
}

export async function zoneForDivisionUnscoped(db: Queryable, code12: string, on: string): Promise<DivisionZone | null> {
  const prefixes = [2, 4, 6, 9, 12].map((n) => code12.slice(0, n));
  const rows = await db.query<{ zone_id: number; division_code: string; kind: string; to_level: string | null }>(
    `SELECT DISTINCT ON (z.id) z.id AS zone_id, a.division_code, h.kind, h.to_level
       FROM risk_zones z JOIN ${areasAs('a')} ON a.id = z.area_id JOIN risk_zone_history h ON h.zone_id = z.id
      WHERE a.division_code = ANY($1::text[]) AND h.from_on <= $2::date
      ORDER BY z.id, h.from_on DESC, h.id DESC`,
    [prefixes, on],
  );
  const live = rows.filter((r) => r.kind !== 'lift' && r.to_level);
  if (!live.length) return null;
  const set = zoneSetInForce(await repo.ruleSets(db), on);
  const rank = (level: string) => set?.levels.find((l) => l.code === level)?.rank ?? 0;
  live.sort((a, b) => b.division_code.length - a.division_code.length || rank(b.to_level!) - rank(a.to_level!));
  const best = live[0];
  return { zoneId: best.zone_id, divisionCode: best.division_code, level: best.to_level as ZoneLevelCode };
}
