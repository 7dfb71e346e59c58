import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { forgetClientWrites } from '../../platform/client-writes';
import { dropMonthsBefore } from '../../platform/month-partitions';
import { heldPatterns, notHeld, purgeWhere } from '../../platform/purge';

/**
 * Retention of the roadside's records (data class `crossings`; the lifecycle module asks). A crossing's people are
 * anonymised once past the period — name, ID number, phone and the links to the registry and to an arrival go;
 * temperature, code colour and the crossing itself (post, time, direction, decision) stay, and the daily figures are
 * counters of their own (migration 0055) — then each whole month (migration 0059) ending before the cutoff is
 * dropped, its people's month first, when no row in it lies in a held area. The phones'
 * client ids of those crossings go with them (platform/client-writes.ts): a phone retries within minutes, not months.
 */
export const CROSSINGS_TABLE = 'checkpoint_crossings';
export const CROSSING_PEOPLE_TABLE = 'checkpoint_crossing_people';

/** Reference date: the crossing's time. */
export async function purgeCrossings(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  const out = await purgeWhere(tx, p, {
    where: `x.anonymised_at IS NULL AND x.crossing_at < $1 AND ${notHeld('x.area_path')}`,
    find: (w) => `SELECT x.id FROM checkpoint_crossing_people x WHERE ${w}`,
    change: (w) =>
      `UPDATE checkpoint_crossing_people x SET name = NULL, id_number = NULL, phone = NULL, resident_id = NULL, arrival_id = NULL, anonymised_at = now()
        WHERE ${w} RETURNING x.id`,
  });
  // The crossings whose people this run anonymised: their audit rows (the plate, masked) are redacted with them. Read
  // before their months may go below.
  const crossingIds = out.ids.length
    ? (await tx.query<{ id: string }>(`SELECT DISTINCT crossing_id::text AS id FROM ${CROSSING_PEOPLE_TABLE} WHERE id = ANY($1::bigint[])`, [out.ids])).map(
        (r) => Number(r.id),
      )
    : [];
  // The plates and pass numbers of the crossings past the period go with their people: a plate names its keeper.
  if (!p.dryRun)
    await tx.query(
      `UPDATE ${CROSSINGS_TABLE} c SET plate = NULL, pass_no = NULL, anonymised_at = now()
        WHERE c.at < $1 AND c.anonymised_at IS NULL AND (c.plate IS NOT NULL OR c.pass_no IS NOT NULL) AND ${notHeld('c.area_path')}`,
      [p.before, heldPatterns(p.heldPaths)],
    );
  // A month wholly before the cutoff holds only people this run anonymises (or did before), except in held areas:
  // it stays exactly when a row of it is held. Its crossings' month goes only after it (their key points into it).
  const keptPeople = new Set<string>();
  const people = await dropMonthsBefore(tx, {
    table: CROSSING_PEOPLE_TABLE,
    cutoff: p.before,
    dryRun: p.dryRun,
    keep: async (part) => {
      const held = await monthHeld(tx, part, p);
      if (held) keptPeople.add(part);
      return held;
    },
  });
  const crossings = await dropMonthsBefore(tx, {
    table: CROSSINGS_TABLE,
    cutoff: p.before,
    dryRun: p.dryRun,
    keep: async (part) => keptPeople.has(part.replace(/^checkpoint_crossings_/, 'checkpoint_crossing_people_')) || (await monthHeld(tx, part, p)),
  });
  if (!p.dryRun) await forgetClientWrites(tx, { table: CROSSINGS_TABLE, timeColumn: 'at' }, p.before);
  const partitions = [...people, ...crossings];
  return { ...out, ...(partitions.length ? { partitions } : {}), auditOf: [{ entity: 'checkpoint_crossing', ids: crossingIds }] };
}

/** Whether a month of the crossings or of their people holds a row in a held area. */
async function monthHeld(tx: Queryable, partition: string, p: PurgeRequest): Promise<boolean> {
  if (!/^checkpoint_crossing(s|_people)_y\d{4}m\d{2}$/.test(partition)) throw new Error(`not a month of the crossings: ${partition}`);
  if (!p.heldPaths.length) return false;
  const [{ held }] = await tx.query<{ held: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${partition} WHERE area_path LIKE ANY($1::text[])) AS held`, [
    heldPatterns(p.heldPaths),
  ]);
  return held;
}
