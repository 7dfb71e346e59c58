/** The audit module's public face: the trail of one record, for a module's history tab; the disclosures watch. */
export { historyOf } from './repo';
export { checkDisclosures, defineAuditJobs } from './disclosures';
