import type { Queryable } from '../db/engine';

/**
 * The phones' client ids of the field's write-once records (migration 0059; docs/scale-out.md, "Monthly
 * partitions"). A record sent twice — a retry whose answer was lost, two retries racing — must be written once. Its
 * table is split by month, where a unique key would have to hold the time, and a retry can land in another month.
 * So a write first claims its client id here, in the same statement or transaction as the record, with the record's
 * key (`row_id`, `at`: its month); a claim that finds the id taken writes nothing and answers the record named.
 *
 * The table's name, for a module's statements to embed (a module never names another's table in its SQL).
 */
export const CLIENT_WRITES = 'client_writes';

/**
 * Forgets the client ids of a table's records from before `before` that are gone (their month dropped by
 * retention). A device retries within minutes; an id whose record still exists is kept with it.
 */
export async function forgetClientWrites(tx: Queryable, of: { table: string; timeColumn: string }, before: Date): Promise<number> {
  for (const name of [of.table, of.timeColumn]) if (!/^[a-z_]+$/.test(name)) throw new Error(`not a name: ${name}`);
  return tx.execute(
    `DELETE FROM client_writes w WHERE w.table_name = $1 AND w.at < $2
        AND NOT EXISTS (SELECT 1 FROM ${of.table} r WHERE r.id = w.row_id AND r.${of.timeColumn} = w.at)`,
    [of.table, before],
  );
}
