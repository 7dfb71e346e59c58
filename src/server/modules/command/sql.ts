/**
 * Command groups lent to other modules' SQL (ARCHITECTURE.md, "Tables have owners"): the task inbox shows the name
 * of the group a task is addressed to and finds the tasks of the groups a user belongs to. Columns others read from
 * `groupsAs`: id, name, area_path.
 */
export const groupsAs = (alias: string): string => `command_groups ${alias}`;

/**
 * The groups a user is a member of: a subquery of group_id. A group stood down still counts — the work already
 * addressed to it stays in front of its members until it is done or moved; new work may not be addressed to it.
 */
export const groupIdsOfUser = (userId: string): string => `SELECT cgm.group_id FROM command_group_members cgm WHERE cgm.user_id = ${userId}`;
