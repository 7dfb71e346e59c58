/**
 * The monitoring module's SQL, one file per sub-domain: isolation sites and rooms, measures, follow-ups,
 * fever alerts. The services read it as one `repo`.
 */
export * from './alerts-repo';
export * from './follow-ups-repo';
export * from './measures-repo';
export * from './sites-repo';
