import type { Queryable } from '../../db/engine';
import * as tasks from '../tasks';

/**
 * Tells the task inbox who this module's tasks are about, so a sampler's or grid worker's card shows the
 * person's address and a call button: a home-sampling task's subject is the resident; a retest task's is the
 * flag held on them.
 */
async function flagResidents(db: Queryable, flagIds: number[]): Promise<Map<number, number>> {
  // An anonymised flag (retention.ts) holds a stand-in, not a resident: it leads to no one.
  const rows = await db.query<{ id: number; resident_id: number }>(
    'SELECT id, resident_id FROM sampling_flags WHERE id = ANY($1::int[]) AND anonymised_at IS NULL',
    [flagIds],
  );
  return new Map(rows.map((r) => [r.id, r.resident_id]));
}

export function registerTaskPeople() {
  tasks.registerSubjectPerson('sampling_home', async (_db, ids) => new Map(ids.map((id) => [id, id])));
  tasks.registerSubjectPerson('sampling_flag', flagResidents);
}
