/** The policy module's public face: the measure a situation calls for, and the published rule sets. */
export { decide } from './service';
export { alertRulesOn, publishedSets } from './repo';
/** Retention periods per data class (policy data the lifecycle module's runs read). */
export { type RetentionRow, retentionPeriods, setRetentionPeriod } from './retention';
/** The disclosures threshold (policy data the audit module's check reads and its screen changes). */
export { type DisclosureThresholdRow, disclosureThreshold, setDisclosureThreshold } from './disclosures';
