import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { forgetClientWrites } from '../../platform/client-writes';
import { dropMonthsBefore, listMonthPartitions } from '../../platform/month-partitions';
import { notHeld, purgeWhere } from '../../platform/purge';

/**
 * Retention of the roadside's records (data class `crossings`; the lifecycle module asks). A crossing's people are
 * anonymised once past the period — name, ID number, phone and the links to the registry and to an arrival go;
 * temperature, code colour and the crossing itself (post, time, direction, decision) stay, and the daily figures are
 * counters of their own (migration 0055) — then each whole month (migration 0059) ending before the cutoff is
 * dropped, its people's month first, when no row in it lies in a held area or still names someone. The phones'
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
  if (p.dryRun) {
    const partitions = await monthsThatWouldGo(tx, p);
    return partitions.length ? { ...out, partitions } : out;
  }
  const people = await dropMonthsBefore(tx, { table: CROSSING_PEOPLE_TABLE, cutoff: p.before, keep: (part) => peopleMonthMustStay(tx, part, p) });
  // A month of crossings goes once its people's month has gone (their key points into it) and none of it is held.
  const left = new Set((await listMonthPartitions(tx, CROSSING_PEOPLE_TABLE)).map((x) => x.name));
  const crossings = await dropMonthsBefore(tx, {
    table: CROSSINGS_TABLE,
    cutoff: p.before,
    keep: async (part) => left.has(peopleMonthOf(part)) || (await crossingsMonthHeld(tx, part, p)),
  });
  await forgetClientWrites(tx, CROSSINGS_TABLE, p.before);
  const partitions = [...people, ...crossings];
  return partitions.length ? { ...out, partitions } : out;
}

const MONTH = /^checkpoint_crossing(s|_people)_y\d{4}m\d{2}$/;

function peopleMonthOf(crossingsMonth: string): string {
  return crossingsMonth.replace(/^checkpoint_crossings_/, 'checkpoint_crossing_people_');
}

/** A month of people stays while one of them still names someone (not anonymised) or lies in a held area. */
async function peopleMonthMustStay(tx: Queryable, partition: string, p: PurgeRequest): Promise<boolean> {
  if (!MONTH.test(partition)) throw new Error(`not a month of the crossings: ${partition}`);
  const [{ stays }] = await tx.query<{ stays: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${partition} x WHERE x.anonymised_at IS NULL OR x.area_path LIKE ANY($1::text[])) AS stays`,
    [p.heldPaths.map((h) => `${h}%`)],
  );
  return stays;
}

async function crossingsMonthHeld(tx: Queryable, partition: string, p: PurgeRequest): Promise<boolean> {
  if (!MONTH.test(partition)) throw new Error(`not a month of the crossings: ${partition}`);
  const [{ held }] = await tx.query<{ held: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${partition} c WHERE c.area_path LIKE ANY($1::text[])) AS held`, [
    p.heldPaths.map((h) => `${h}%`),
  ]);
  return held;
}

/**
 * A dry run's answer: the months a run would drop now. Nothing is anonymised on a dry run, so a month counts as
 * going when each of its people would be anonymised by the run (past the cutoff, outside the held areas).
 */
async function monthsThatWouldGo(tx: Queryable, p: PurgeRequest) {
  const out: { partition: string; rows: number }[] = [];
  for (const part of await listMonthPartitions(tx, CROSSING_PEOPLE_TABLE)) {
    if (part.isDefault || !part.to || part.to.getTime() > p.before.getTime()) continue;
    const crossingsMonth = part.name.replace(/^checkpoint_crossing_people_/, 'checkpoint_crossings_');
    const [{ held }] = await tx.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${part.name} x WHERE x.area_path LIKE ANY($1::text[]))
           OR EXISTS (SELECT 1 FROM ${crossingsMonth} c WHERE c.area_path LIKE ANY($1::text[])) AS held`,
      [p.heldPaths.map((h) => `${h}%`)],
    );
    if (held) continue;
    for (const name of [part.name, crossingsMonth]) {
      const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
      out.push({ partition: name, rows: n });
    }
  }
  return out;
}
