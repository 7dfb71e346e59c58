import type { Queryable } from '../../db/engine';

/**
 * New cases inside risk zones (issue 16 point 6), as the zones module reads them to count a zone's quiet days:
 * per zone (its area path and the day its level began) the cases of people living under that path reported on or
 * after the day, a discarded suspect not counting. The caller has checked each zone's area is in its scope.
 */
export interface ZoneCases {
  count: number;
  lastOn: string | null;
}

export async function newCasesInZones(db: Queryable, zones: { path: string; since: string }[]): Promise<ZoneCases[]> {
  if (!zones.length) return [];
  const rows = await db.query<{ i: number; n: number; last_on: string | null }>(
    `SELECT z.i::int AS i, count(c.id)::int AS n, to_char(max(c.reported_on), 'YYYY-MM-DD') AS last_on
       FROM unnest($1::text[], $2::date[]) WITH ORDINALITY AS z(path, since, i)
       LEFT JOIN tracing_cases c ON c.area_path LIKE z.path || '%' AND c.reported_on >= z.since AND c.classification <> 'discarded'
      GROUP BY z.i ORDER BY z.i`,
    [zones.map((z) => z.path), zones.map((z) => z.since)],
  );
  return rows.map((r) => ({ count: r.n, lastOn: r.last_on }));
}
