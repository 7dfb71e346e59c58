import type { Queryable } from '../../db/engine';
import * as tasks from '../tasks';

/**
 * Tells the task inbox who this module's tasks are about, so a fever-alert, release-check or missed follow-up
 * card names the person with their address and masked phone, and offers the call button to those who may call:
 * the one who acts on a fever alert rings the person first. A fever alert names a resident when one was named (a
 * door-to-door visit may raise one for a household only); a measure and a follow-up name one until retention
 * clears it. Rows without a person answer none.
 */
function residentsOf(table: 'fever_alerts' | 'measures' | 'follow_ups') {
  return async (db: Queryable, ids: number[]): Promise<Map<number, number>> => {
    const rows = await db.query<{ id: number; resident_id: number }>(
      `SELECT id, resident_id FROM ${table} WHERE id = ANY($1::int[]) AND resident_id IS NOT NULL`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.resident_id]));
  };
}

export function registerTaskPeople() {
  tasks.registerSubjectPerson('fever_alert', residentsOf('fever_alerts'));
  tasks.registerSubjectPerson('measure', residentsOf('measures'));
  tasks.registerSubjectPerson('follow_up', residentsOf('follow_ups'));
}
