/**
 * Accounts lent to other modules' SQL for a name beside a row (who recorded, who decided) or the grid worker of
 * an area, as one join: `LEFT JOIN ${usersAs('u')} ON u.id = x.created_by`. Columns others read: id,
 * display_name, area_id, area_path, roles, disabled. Never the password hash; writes go through this module.
 */
export const usersAs = (alias: string): string => `users ${alias}`;
