import { usersAs } from '../users/sql';

/**
 * Teams and household links lent to other modules' SQL: the task inbox shows a team's name and finds the
 * tasks of the teams a user serves in; screening assigns a household to the party member linked to it. The
 * tables and the rules (a disbanded team serves nobody) stay here. Columns others read from `teamsAs`: id,
 * name, area_path, disbanded_at.
 */
export const teamsAs = (alias: string): string => `teams ${alias}`;

/** The live teams a user serves in, through the volunteer record linked to their account: a subquery of team_id. */
export const teamIdsOfUser = (userId: string): string =>
  `SELECT m.team_id FROM team_members m JOIN volunteers v ON v.id = m.volunteer_id JOIN teams tt ON tt.id = m.team_id
    WHERE v.user_id = ${userId} AND tt.disbanded_at IS NULL`;

/**
 * The account of the first party member linked to a household who may still serve there (account enabled, the
 * household inside their scope): a scalar subquery, null when there is none.
 */
export const linkedMemberUserOf = (householdId: string, householdPath: string): string =>
  `(SELECT v.user_id FROM household_links l JOIN volunteers v ON v.id = l.volunteer_id JOIN ${usersAs('mu')} ON mu.id = v.user_id
     WHERE l.household_id = ${householdId} AND NOT mu.disabled AND ${householdPath} LIKE mu.area_path || '%'
     ORDER BY l.created_at, v.id LIMIT 1)`;

/** Party organisations lent for a check that a branch exists in a caller's scope (a checkpoint's temporary branch). Columns: id, kind, area_path, closed_at. */
export const partyOrgsAs = (alias: string): string => `party_orgs ${alias}`;

/**
 * Volunteers with an enabled account who may serve at a place (their account's scope covers `path`), the nearest
 * first: a subquery of (user_id, name). The help module offers them as deliverers after the household's linked member.
 */
export const areaVolunteerUsersOf = (path: string): string =>
  `SELECT v.user_id, v.name FROM volunteers v JOIN ${usersAs('vu')} ON vu.id = v.user_id
    WHERE v.status = 'active' AND NOT vu.disabled AND ${path} LIKE vu.area_path || '%'
    ORDER BY length(vu.area_path) DESC, v.id`;
