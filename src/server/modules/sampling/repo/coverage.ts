import type { Queryable } from '../../../db/engine';
import type { Scope } from '../../../platform/scope';
import { scopeClause } from '../../../platform/scope';
import { SqlParams } from '../../../platform/sql';
import { GRID_WORKERS } from './results';
import { COUNTING_BINDING_OF_RO } from './round-figures';
import { areasAs } from '../../areas/sql';
import { householdsAs, latestStaysOn, registryChangedUpTo, residentsAs } from '../../residents/sql';

// ——— coverage: the round's roster and its counters (migration 0016) ———
/**
 * Whether residents changed since the round's roster was taken (or it was never taken): one look at the last
 * entry of `residents_updated_at_idx`, so a coverage read of an unchanged registry writes nothing. A round whose
 * people were made anonymous (retention.ts) is never behind: its roster is history, no longer the registry's.
 */
export async function rosterBehind(db: Queryable, roundId: number): Promise<boolean> {
  const [row] = await db.query<{ behind: boolean }>(
    `SELECT anonymised_at IS NULL AND coalesce(${registryChangedUpTo} > roster_synced_to, true) AS behind FROM sampling_rounds WHERE id = $1`,
    [roundId],
  );
  return row?.behind ?? false;
}

/**
 * Takes the round's roster into `sampling_roster`: who is due is the registry's dated stays under the round's area
 * covering the roster date (a person's latest such stay), merged people left out, `young` when born after
 * `bornAfter`. The first time for everyone; then only for the residents changed since (`updated_at`, which every
 * registry write sets: a registration, a move — also one dated back to before the roster date —, a move out, a
 * merge, a household moved, a birth date corrected): each joins, leaves or changes area. The roster table's
 * triggers move the counters. A registry transaction still open while a roster is taken and committed after it,
 * with an older `updated_at`, is not seen (a long all-or-nothing import running across a round's opening):
 * its people are taken in when they next change. Answers the roster rows written.
 */
export async function syncRoster(tx: Queryable, p: { roundId: number; areaPath: string; rosterDate: string; bornAfter: string | null }): Promise<number> {
  // The round row locked: two readers syncing at once take turns, and the second finds nothing left to do.
  // As text: a JS Date would cut the microseconds, and the next look would find the same people changed again.
  const [{ wm, top, done }] = await tx.query<{ wm: string | null; top: string | null; done: boolean }>(
    `SELECT w.wm::text AS wm, t.top::text AS top, w.frozen OR coalesce(t.top <= w.wm, t.top IS NULL) AS done
       FROM (SELECT roster_synced_to AS wm, anonymised_at IS NOT NULL AS frozen FROM sampling_rounds WHERE id = $1 FOR UPDATE) w,
            (SELECT ${registryChangedUpTo} AS top) t`,
    [p.roundId],
  );
  if (done) return 0;
  const q = new SqlParams();
  const round = q.add(p.roundId);
  const day = q.add(p.rosterDate);
  const young = p.bornAfter ? `coalesce(r.birth_date > ${q.add(p.bornAfter)}::date, false)` : 'false';
  const changed = wm === null ? 'true' : `r.updated_at > ${q.add(wm)}::timestamptz AND r.updated_at <= ${q.add(top)}::timestamptz`;
  const current = latestStaysOn({
    day,
    where: `${changed} AND st.area_path LIKE ${q.add(p.areaPath + '%')}`,
    person: 'r.merged_into IS NULL',
    columns: `${young} AS young`,
  });
  let n = await tx.execute(
    `INSERT INTO sampling_roster AS ro (round_id, resident_id, area_path, young, rostered)
     SELECT ${round}, cur.resident_id, cur.area_path, cur.young, true FROM (${current}) cur
     ON CONFLICT (round_id, resident_id) DO UPDATE SET rostered = true, area_path = excluded.area_path, young = excluded.young
      WHERE (ro.rostered, ro.area_path, ro.young) IS DISTINCT FROM (true, excluded.area_path, excluded.young)`,
    q.values,
  );
  if (wm !== null) {
    // Changed people whose stay of the roster date is no longer under the round's area (moved out, merged): off it.
    n += await tx.execute(
      `UPDATE sampling_roster ro SET rostered = false
        WHERE ro.round_id = ${round} AND ro.rostered
          AND ro.resident_id IN (SELECT r.id FROM ${residentsAs('r')} WHERE ${changed})
          AND ro.resident_id NOT IN (SELECT cur.resident_id FROM (${current}) cur)`,
      q.values,
    );
  }
  await tx.query('UPDATE sampling_rounds SET roster_synced_to = $2::timestamptz WHERE id = $1', [p.roundId, top]);
  return n;
}

export interface CoverageRow {
  child: number | null;
  roster: number;
  sampled: number;
  exempt: number;
  missing: number;
}

/**
 * The table per child of `under`: a sum over the round's counter rows (one per area path where people stay),
 * a few thousand for a county — not a read of the roster. Status of a person: sampled (a live binding in a tube
 * not found invalid) › exempt (a live exemption, or under age) › missing.
 */
export async function coverage(db: Queryable, p: { roundId: number; underPath: string; scope: Scope }): Promise<CoverageRow[]> {
  const q = new SqlParams();
  return db.query<CoverageRow>(
    `SELECT nullif(split_part(substr(c.stay_path, ${q.add(p.underPath.length + 1)}), '/', 1), '')::int AS child,
            sum(c.roster)::int AS roster, sum(c.sampled)::int AS sampled, sum(c.exempt)::int AS exempt, sum(c.roster - c.sampled - c.exempt)::int AS missing
       FROM sampling_coverage c
      WHERE c.round_id = ${q.add(p.roundId)} AND c.stay_path LIKE ${q.add(p.underPath + '%')} AND ${scopeClause(p.scope, 'c.stay_path', q)}
      GROUP BY 1 HAVING sum(c.roster) > 0`,
    q.values,
  );
}

/** The round's rostered people under `under` (and the caller's scope): the rows the counters count. */
function rosterUnder(q: SqlParams, p: { roundId: number; underPath: string; scope: Scope }) {
  return `ro.round_id = ${q.add(p.roundId)} AND ro.rostered AND ro.area_path LIKE ${q.add(p.underPath + '%')} AND ${scopeClause(p.scope, 'ro.area_path', q)}`;
}

export async function missing(db: Queryable, p: { roundId: number; underPath: string; scope: Scope; page: number; pageSize: number }) {
  const q = new SqlParams();
  const where = rosterUnder(q, p);
  const scopeLike = q.add(p.scope.path + '%');
  const rows = await db.query<{
    resident_id: number;
    name: string;
    id_number: string | null;
    area_id: number;
    area_name: string;
    address: string | null;
    grid_workers: string[];
    total: number;
  }>(
    `WITH m AS (
       SELECT ro.resident_id, ro.area_path, r.name, r.id_number, r.household_id FROM sampling_roster ro JOIN ${residentsAs('r')} ON r.id = ro.resident_id
        WHERE ${where} AND ro.sampled = 0 AND NOT ro.exempt AND NOT ro.young
     )
     SELECT m.resident_id, m.name, m.id_number, a.id AS area_id, a.name AS area_name, h.address, ${GRID_WORKERS('m.area_path', scopeLike)} AS grid_workers,
            count(*) OVER ()::int AS total
       FROM m JOIN ${areasAs('a')} ON a.id = nullif(split_part(rtrim(m.area_path, '/'), '/', array_length(string_to_array(rtrim(m.area_path, '/'), '/'), 1)), '')::int
       LEFT JOIN ${householdsAs('h')} ON h.id = m.household_id
      ORDER BY m.area_path, m.name, m.resident_id
      LIMIT ${q.add(p.pageSize)} OFFSET ${q.add((p.page - 1) * p.pageSize)}`,
    q.values,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Rostered people (the rows the coverage counters count) by the local hour of their first counting binding: the chart. */
export async function sampledByHour(db: Queryable, p: { roundId: number; underPath: string; scope: Scope; timeZone: string }) {
  const q = new SqlParams();
  const where = rosterUnder(q, p);
  return db.query<{ hour: string; sampled: number }>(
    `WITH f AS (
       SELECT min(b.bound_at) AS first_at FROM sampling_roster ro
         JOIN sampling_bindings b ON ${COUNTING_BINDING_OF_RO}
        WHERE ${where} AND ro.sampled > 0
        GROUP BY ro.resident_id
     )
     SELECT to_char(date_trunc('hour', f.first_at AT TIME ZONE ${q.add(p.timeZone)}), 'YYYY-MM-DD"T"HH24:00') AS hour, count(*)::int AS sampled
       FROM f GROUP BY 1 ORDER BY 1`,
    q.values,
  );
}
