/**
 * The risk zones module's public face (风险区域, issue 16 points 6 and 7). Its routes are registered by app.ts from
 * routes.ts. It reads new cases through tracing's face and testing rounds through sampling's.
 */
/** The command overview's zones panel. */
export { zonesPanel } from './panel';
/** The risk-area lookup of arrivals and checkpoint crossings reads declared zones over coded areas. */
export { type DivisionZone, zoneForDivisionUnscoped } from './division-level';
