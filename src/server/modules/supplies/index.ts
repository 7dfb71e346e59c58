/**
 * The supplies module's public face (物资与捐赠, issue 17 points 5–6). Its routes are registered by app.ts from
 * routes.ts. Lent to others: the overview's panel. A help request an issue went to is kept as a plain id
 * (`supply_movements.target_id`): this module imports nothing of the help module, nor it of this.
 */
export { suppliesPanel } from './overview-panel';
