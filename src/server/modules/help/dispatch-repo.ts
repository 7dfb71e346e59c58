import type { Queryable } from '../../db/engine';
import { usersAs } from '../users/sql';
import { areaVolunteerUsersOf, linkedMemberUserOf } from '../volunteers/sql';
import { REQUEST_COLUMNS, REQUEST_FROM, type RequestRow } from './sql-parts';

/**
 * Who may deliver a request (红色代办): the party member linked to the person's household first, then volunteers
 * with an account whose scope covers the place, nearest first — through the volunteers module's lent SQL.
 */
export async function deliverers(db: Queryable, requestId: number) {
  return db.query<{ user_id: number; name: string; why: 'linked_member' | 'area_volunteer' }>(
    `WITH r AS (SELECT household_id, area_path FROM help_requests WHERE id = $1),
     c AS (
       SELECT ${linkedMemberUserOf('r.household_id', 'r.area_path')} AS user_id, 'linked_member' AS why, 0 AS o FROM r WHERE r.household_id IS NOT NULL
       UNION ALL
       SELECT v.user_id, 'area_volunteer', 1 + row_number() OVER () FROM r, LATERAL (${areaVolunteerUsersOf('r.area_path')} LIMIT 10) v
     ),
     firsts AS (SELECT DISTINCT ON (c.user_id) c.user_id, c.why, c.o FROM c WHERE c.user_id IS NOT NULL ORDER BY c.user_id, c.o)
     SELECT f.user_id, u.display_name AS name, f.why FROM firsts f JOIN ${usersAs('u')} ON u.id = f.user_id ORDER BY f.o`,
    [requestId],
  );
}

/** 我的代办: requests given to this user to deliver, the earliest deadline first. */
export async function deliveriesOf(db: Queryable, userId: number, now = new Date()): Promise<RequestRow[]> {
  return db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS('$2::timestamptz')} FROM ${REQUEST_FROM} WHERE h.deliverer_user_id = $1 AND h.status = 'delivering' ORDER BY h.due_at, h.id`,
    [userId, now],
  );
}
