/**
 * The command module's public face (指挥部的常设机构, issue 18 point 6): its routes, which app.ts registers from
 * routes.ts; a group as the addressee of tasks, rectification orders and help transfers (checked here), and the
 * group tables lent to the task inbox's SQL (sql.ts). Open work is read through the task inbox's face.
 */
export { type GroupAddressee, groupAddressee } from './addressee';
export { groupIdsOfUser, groupsAs } from './sql';
