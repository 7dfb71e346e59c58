/** The mass-testing module's public face: its routes, the services the demo drives to show a round in progress, its retention. */
export { addTubesToBox, createBox, handOver } from './boxes';
export { bind, openTube } from './desk';
export { createExemption } from './exemptions';
export { planHomeSampling } from './home-sampling';
export { receiveAll } from './results';
export { createPoint, createRound, setRoundStatus } from './rounds';
export { save as saveSlotPlan } from './slot-plans';
export { samplingPanel } from './overview-panel';
/** Retention (the lifecycle module's runs): a closed round's people made anonymous, its figures kept. */
export { purgeSampling } from './retention';
/** Contact tracing opens a case from a positive single-tube result (issue 16). */
export { type PositiveSingleTube, positiveSingleTube } from './case-source';
/** Risk zones read the rounds over a zone to lift it (issue 16 point 6). */
export { type ZoneRound, roundsOverZone } from './zone-rounds';
/** Contact tracing reads who was bound at a point in a window (exposure suggestions, issue 16 point 4). */
export { type BoundNear, type PointWindow, bindingsOf, peopleBoundNear, pointsByIds, pointsInScope } from './exposure-reads';
