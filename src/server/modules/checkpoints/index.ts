/** The checkpoints (卡点) module's public face: its routes, the overview's panel, and what the demo and the roster solver use. */
export { checkpointsPanel } from './overview-panel';
export { createPost, setShifts } from './posts';
export { assign } from './assignments';
export { recordCrossing } from './crossings';
export { raiseUnderstaffed } from './staffing';
