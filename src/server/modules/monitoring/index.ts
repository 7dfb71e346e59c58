/** The monitoring module's public face: measures proposed, confirmed and started by other modules (arrivals, demo); fever alerts raised by a visit. */
export type { MCtx } from './service';
export { confirm, propose, start } from './service';
/** A person's live measure (contact tracing keeps a stricter one rather than downgrading it). */
export { liveMeasuresOf } from './measures-repo';
/** Many measures proposed in the caller's transaction (a case's line list of contacts). */
export { type ProposeItem, proposeMany } from './propose-many';
/** Weaker running measures upgraded in place to stricter ones, follow-ups rescheduled (a contact already under home monitoring). */
export { type UpgradeItem, upgradeMany } from './upgrade-many';
/** Confirmed measures started together with their follow-ups (contacts found and placed). */
export { startMany } from './start-many';
export { defineMonitoringJobs } from './sweep';
export { openAlertsPanel } from './overview-panel';
export type { AlertPolicy, AlertRecipients, AlertSource } from './alert-raise';
export { alertPolicy, mustAlert, raiseFeverAlert } from './alert-raise';
/** Retention (the lifecycle module's runs): finished measures, follow-ups and alerts anonymised past their period. */
export { purgeFeverAlerts, purgeFollowUps, purgeMeasures } from './retention';
