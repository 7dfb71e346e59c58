/** The checkpoints (卡点) module's public face: its routes, the overview's panel, and what the demo and the roster solver use. */
export { checkpointsPanel } from './overview-panel';
export { createPost, setShifts } from './posts';
export { assign } from './assignments';
export { recordCrossing } from './crossings';
export { raiseUnderstaffed } from './staffing';
/** The lifecycle module's retention runs purge the crossings' people and drop their old months. */
export { purgeCrossings } from './retention';
/** The server starts the roster optimiser's threads ahead (ROSTER_WARM_THREADS). */
export { warmFillThreads } from './roster-fill';
/** Contact tracing reads who crossed at a post in a window (exposure suggestions, issue 16 point 4). */
export { type CrossedNear, type PostWindow, crossingsOf, peopleCrossedNear, postsByIds } from './exposure-reads';
