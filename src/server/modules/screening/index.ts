/** The screening module's public face: its routes, and arrivals and campaigns for the demo. */
export { propose as proposeForArrival, register as registerArrival } from './arrivals';
export { create as createCampaign } from './campaigns';
export { screeningPanel } from './overview-panel';
export type { CheckpointOrigin } from './checkpoint-arrivals';
export { arrivalFromCheckpoint, originAtCheckpoint } from './checkpoint-arrivals';
/** Retention (the lifecycle module's runs): arrivals and visits anonymised past their period. */
export { purgeArrivals, purgeVisits } from './retention';
