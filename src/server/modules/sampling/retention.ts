import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { forgetClientWrites } from '../../platform/client-writes';
import { dropMonthsBefore } from '../../platform/month-partitions';
import { heldPatterns, notHeld } from '../../platform/purge';
import { BINDINGS_TABLE, freezeRoundFigures, monthHasUnfrozenRound } from './repo';

/**
 * Retention of mass testing (the lifecycle module asks; migration 0033). Reference date: the round's close — a
 * round still open or planned keeps its people. Unit: a person in a round. Their roster row, bindings, positive-pool
 * flags and exemptions take one stand-in (a new negative number from `sampling_stand_ins`) in place of the resident,
 * in one statement; a binding's `client_id` (a household scan's holds the resident id) and an exemption's free-text
 * detail go too. Everything the figures count stays: the roster row's area and flags (the coverage counters' triggers
 * react to those, not to the person), each binding's tube, time, point and removal, each flag's status, each
 * exemption's kind — so coverage, the missing count, the hourly chart and the round's counts read the same after.
 *
 * A person is left whole while any of their records in the round lies under a held area, or while a flag still
 * holds them for a retest. The answer counts people-in-rounds; its ids are the stand-ins given (the destruction
 * record's digest), and the bindings, flags and exemptions changed are named for the audit trail's redaction.
 *
 * Then each closed round left with nobody named has its figures frozen (migration 0065: the chart and the count of
 * bindings, by area and quarter hour), and each whole month of bindings (0063) that ended before the cutoff is
 * dropped once every round that could have bound in it is frozen; the desk's scan ids of those months go with it.
 */
export async function purgeSampling(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  // An empty list of held areas holds nothing (LIKE ANY of an empty array is false), so no condition is dropped.
  const heldRow = (alias: string, table: string) =>
    `AND NOT EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.round_id = ro.round_id AND ${alias}.resident_id = ro.resident_id AND ${alias}.area_path LIKE ANY($2::text[]))`;
  const eligible = `SELECT ro.round_id, ro.resident_id FROM sampling_roster ro JOIN sampling_rounds rd ON rd.id = ro.round_id
     WHERE rd.status = 'closed' AND rd.closed_at < $1 AND ro.resident_id > 0 AND ${notHeld('ro.area_path')}
       ${heldRow('hb', 'sampling_bindings')} ${heldRow('hf', 'sampling_flags')} ${heldRow('he', 'sampling_exemptions')}
       AND NOT EXISTS (SELECT 1 FROM sampling_flags of WHERE of.round_id = ro.round_id AND of.resident_id = ro.resident_id AND of.status = 'held')`;
  const args = [p.before, heldPatterns(p.heldPaths)];
  const keep = (_partition: string, month: { from: Date; to: Date }) => monthHasUnfrozenRound(tx, month.from, month.to);
  if (p.dryRun) {
    // The preview names the months already free to go; a round this run would freeze first is not foreseen.
    const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${eligible}) e`, args);
    const partitions = await dropMonthsBefore(tx, { table: BINDINGS_TABLE, cutoff: p.before, keep, dryRun: true });
    return { count: n, ids: [], ...(partitions.length ? { partitions } : {}) };
  }
  const match = (x: string) => `${x}.round_id = p.round_id AND ${x}.resident_id = p.resident_id`;
  const rows = await tx.query<{ kind: 'pair' | 'binding' | 'flag' | 'exemption'; id: string }>(
    `WITH p AS MATERIALIZED (SELECT e.round_id, e.resident_id, -nextval('sampling_stand_ins') AS stand_in FROM (${eligible}) e),
     ro AS (UPDATE sampling_roster x SET resident_id = p.stand_in FROM p WHERE ${match('x')} RETURNING 1),
     b AS (UPDATE sampling_bindings x SET resident_id = p.stand_in, client_id = 'anonymised:' || x.id, anonymised_at = now() FROM p WHERE ${match('x')} RETURNING x.id),
     f AS (UPDATE sampling_flags x SET resident_id = p.stand_in, anonymised_at = now() FROM p WHERE ${match('x')} RETURNING x.id),
     e AS (UPDATE sampling_exemptions x SET resident_id = p.stand_in, detail = NULL, anonymised_at = now() FROM p WHERE ${match('x')} RETURNING x.id),
     rd AS (UPDATE sampling_rounds x SET anonymised_at = now() WHERE x.id IN (SELECT round_id FROM p) AND x.anonymised_at IS NULL RETURNING 1)
     SELECT 'pair' AS kind, stand_in::text AS id FROM p
     UNION ALL SELECT 'binding', id::text FROM b UNION ALL SELECT 'flag', id::text FROM f UNION ALL SELECT 'exemption', id::text FROM e`,
    args,
  );
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => Number(r.id));
  const ids = of('pair');
  await freezeRoundFigures(tx, p.before);
  const partitions = await dropMonthsBefore(tx, { table: BINDINGS_TABLE, cutoff: p.before, keep });
  if (partitions.length) await forgetClientWrites(tx, { table: BINDINGS_TABLE, timeColumn: 'bound_at' }, p.before);
  return {
    count: ids.length,
    ids,
    ...(partitions.length ? { partitions } : {}),
    auditOf: [
      { entity: 'sampling_binding', ids: of('binding') },
      { entity: 'sampling_flag', ids: of('flag') },
      { entity: 'sampling_exemption', ids: of('exemption') },
    ],
  };
}
