/**
 * The contact-tracing module's public face (流调溯源, issue 16). Its routes are registered by app.ts from
 * routes.ts. Cases, trajectories, contacts and the chains' snapshots are its own tables; measures go through the
 * monitoring module's face, tasks through the task inbox's.
 */
/** The command overview's tracing panel. */
export { tracingPanel } from './overview-panel';
/** Risk zones count a zone's quiet days from the new cases inside it. */
export { type ZoneCases, newCasesInZones } from './zone-cases';
export { type CaseForDisinfection, casesOpenedSinceUnscoped } from './disinfection-cases';
/** Cases among an enterprise's staff (复工复产): the match by ID number that suspends it. */
export { type CaseAmong, casesAmongIdNumbers } from './staff-cases';
